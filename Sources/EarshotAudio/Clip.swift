import Foundation

/// A mono recording at the simulation's sample rate, ready to play.
///
/// Its level is normalised so that its loudest half second has RMS
/// `AudioSettings.clipLevelDecibels` (−20 dBFS by default): at 1 m and 0 dB
/// gain every clip is about as loud as every other.
public struct Clip: Sendable {
  /// The clip's name (a class such as `phone`) or the file it came from.
  public let name: String
  /// Mono samples at `sampleRate`, silence appended to short clips so that loops keep a gap.
  public let samples: [Float]
  /// Samples per second, in hertz.
  public let sampleRate: Int
  /// Where it came from: a file path, or `synthesised`.
  public let origin: String
  /// Problems met while loading (a truncated file, a silent clip), for the caller to show.
  public let warnings: [String]

  /// A clip from raw mono samples, normalised and padded as described above.
  ///
  /// - Parameters:
  ///   - samples: Mono, at `sampleRate` hertz, at least one sample.
  ///   - settings: Supplies the target level and the minimum loop length.
  public init(
    name: String, samples: [Float], sampleRate: Int, origin: String,
    warnings: [String] = [], settings: AudioSettings = AudioSettings()
  ) {
    var warnings = warnings
    var samples = samples
    let rms = Clip.loudestRMS(samples, window: sampleRate / 2)
    if rms > 0 {
      let target = Float(amplitude(decibels: settings.clipLevelDecibels))
      let scale = target / rms
      for i in samples.indices { samples[i] *= scale }
    } else {
      warnings.append("clip '\(name)' from \(origin) is silent")
    }
    let minimum = Int((settings.minimumLoopSeconds * Double(sampleRate)).rounded())
    if samples.count < minimum {
      samples.append(contentsOf: repeatElement(0, count: minimum - samples.count))
    }
    self.name = name
    self.samples = samples
    self.sampleRate = sampleRate
    self.origin = origin
    self.warnings = warnings
  }

  /// Duration in seconds, padding included.
  public var duration: Double { Double(samples.count) / Double(sampleRate) }

  /// The largest RMS over windows of `window` samples, hopped by a quarter window.
  ///
  /// A clip shorter than one window is measured whole.
  static func loudestRMS(_ samples: [Float], window: Int) -> Float {
    let window = max(1, min(window, samples.count))
    let hop = max(1, window / 4)
    var loudest: Double = 0
    var start = 0
    while start + window <= samples.count {
      var energy: Double = 0
      for i in start..<(start + window) { energy += Double(samples[i]) * Double(samples[i]) }
      loudest = max(loudest, energy / Double(window))
      start += hop
    }
    return Float(loudest.squareRoot())
  }
}
