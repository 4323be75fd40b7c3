import Foundation
import EarshotAudio
import EarshotVision
import EarshotWorld

/// What the agent perceives at one step: the first-person frame with its depth,
/// the binaural block and its spectrogram. Learned policies get no pose.
public struct Observation {
  public var frame: Frame
  public var audio: AudioBlock
  /// Log-magnitude spectrogram, `[2, bins, frames]` in dB (ear, bin, frame).
  public var spectrogram: [Float]
}

/// The senses' shared, read-only parts: camera and audio settings, textures,
/// the clip library, and one renderer per world. Safe to use from many threads.
public final class SensorSuite: @unchecked Sendable {
  public let camera: CameraSettings
  public let audioSettings: AudioSettings
  public let textures: TextureSet
  public let clips: ClipLibrary
  /// Problems that did not stop loading (a missing texture, a truncated clip).
  public private(set) var warnings: [String]
  private var renderers: [String: FirstPersonRenderer] = [:]
  private let lock = NSLock()

  /// Loads textures and finds the clips under `assetsFolder` (`assets/` of the project).
  ///
  /// - Throws: `VisionError` for an impossible camera.
  public init(
    camera: CameraSettings = CameraSettings(), audio: AudioSettings = AudioSettings(),
    assetsFolder: String?
  ) throws {
    try camera.validate()
    self.camera = camera
    self.audioSettings = audio
    if let folder = assetsFolder {
      (textures, warnings) = TextureSet.load(from: folder + "/textures")
    } else {
      (textures, warnings) = (.generated, [])
    }
    clips = ClipLibrary(assetsFolder: assetsFolder, settings: audio)
  }

  /// The senses for one episode of `scenario`.
  ///
  /// - Throws: `AudioError` when a clip cannot be loaded.
  public func sensors(for episode: Episode, of scenario: Scenario) throws -> EpisodeSensors {
    let renderer = try self.renderer(for: scenario)
    let audio = try EpisodeAudio(
      episode: episode, acoustics: scenario.acoustics, clips: clips, settings: audioSettings)
    return EpisodeSensors(episode: episode, renderer: renderer, audio: audio,
                          spectrogram: Spectrogram(settings: audioSettings))
  }

  /// One renderer per world, made on first use; keyed by the scenario's file and name.
  func renderer(for scenario: Scenario) throws -> FirstPersonRenderer {
    let key = scenario.file + "\u{1}" + scenario.name
    lock.lock()
    defer { lock.unlock() }
    if let r = renderers[key] { return r }
    let r = try FirstPersonRenderer(world: scenario.world, settings: camera, textures: textures)
    renderers[key] = r
    return r
  }
}

/// The senses of one episode. Audio carries its state from step to step, so
/// call `observe` once per step, in order.
public final class EpisodeSensors {
  public let episode: Episode
  let renderer: FirstPersonRenderer
  let audio: EpisodeAudio
  let spectrogram: Spectrogram

  init(episode: Episode, renderer: FirstPersonRenderer, audio: EpisodeAudio,
       spectrogram: Spectrogram) {
    self.episode = episode
    self.renderer = renderer
    self.audio = audio
    self.spectrogram = spectrogram
  }

  /// Warnings from loading this episode's clips.
  public var warnings: [String] { audio.warnings }

  /// The observation of `state`; its step index is the number of actions taken.
  public func observe(_ state: AgentState) -> Observation {
    var frame = Frame(settings: renderer.settings)
    renderer.render(pose: state.pose, sources: episode.sources, into: &frame)
    let block = audio.observe(pose: state.pose, step: state.actions)
    return Observation(frame: frame, audio: block, spectrogram: spectrogram.compute(block))
  }

  /// The spectrogram value of silence, in dB (the spectrogram's floor).
  public var silenceDecibels: Float { spectrogram.settings.spectrogramFloorDecibels }

  /// The spectrogram of the last observation as an RGB image (left ear on top).
  public func spectrogramImage() -> (width: Int, height: Int, rgb: [UInt8]) {
    spectrogram.rgbImage()
  }
}
