import EarshotAudio
import EarshotWorld

/// Which of an episode's sources are sounding at a step.
///
/// Continuous sources loop for the whole episode. Intermittent ones play their clip once
/// from the episode's start (as `EpisodeAudio` plays them) and then fall silent; a source
/// counts as playing while the step's block starts before the last audible sample of its
/// clip, so the silence a short clip is padded with does not count.
public struct SoundActivity: Sendable {
  /// Per source, the goal first: samples until the clip falls silent, nil for a loop.
  public let audibleSamples: [Int?]
  /// Samples in one step's block.
  public let blockLength: Int

  /// The activity of `episode`'s sources, their clips taken from `clips`.
  ///
  /// A clip that cannot be loaded counts as one block long (the sensors report the error).
  public init(episode: Episode, clips: ClipLibrary, settings: AudioSettings) {
    blockLength = settings.blockLength
    audibleSamples = episode.sources.map { source in
      guard source.spec.mode == .intermittent else { return nil }
      guard let clip = try? clips.clip(for: source.spec) else { return settings.blockLength }
      return SoundActivity.audibleLength(clip.samples)
    }
  }

  /// Whether source `k` (0 the goal, then the distractors) sounds during step `step`.
  public func isPlaying(source k: Int, step: Int) -> Bool {
    guard let length = audibleSamples[k] else { return true }
    return step * blockLength < length
  }

  /// One past the last sample louder than −80 dBFS; 0 for a silent clip.
  static func audibleLength(_ samples: [Float]) -> Int {
    let threshold: Float = 1e-4
    guard let last = samples.lastIndex(where: { abs($0) > threshold }) else { return 0 }
    return last + 1
  }
}
