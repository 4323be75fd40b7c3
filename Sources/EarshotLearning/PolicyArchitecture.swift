import Foundation
import EarshotWorld

/// The senses a policy network takes in.
public enum Modalities: String, CaseIterable, Sendable {
  case fused
  case vision
  case audio

  /// Whether the network has a vision encoder.
  public var seesFrames: Bool { self != .audio }
  /// Whether the network has an audio encoder.
  public var hearsAudio: Bool { self != .vision }
  /// The encoders' names in fusion order (the order of attributions and shares).
  public var names: [String] {
    switch self {
    case .fused: return ["vision", "audio"]
    case .vision: return ["vision"]
    case .audio: return ["audio"]
    }
  }
}

/// The shape of a policy network; stored in checkpoints as JSON (`__metadata__.architecture`).
///
/// | part | layers |
/// | --- | --- |
/// | vision | `VisionEncoder`: frame `[3, H, W]` → `embedding` |
/// | audio | `AudioEncoder`: spectrogram `[2, F, T]` → `embedding` |
/// | fusion | concatenated embeddings → linear → `hidden` |
/// | memory | a GRU cell over `hidden` (or none) |
/// | heads | actor: linear → 4 logits; critic: linear → 1 value |
///
/// Every layer but the heads is followed by ReLU.
public struct PolicyArchitecture: Equatable, Sendable {
  public var modalities: Modalities
  public var frameWidth = 64
  public var frameHeight = 64
  public var spectrogramBins = 65
  public var spectrogramFrames = 61
  /// Channels of the two convolutions of the vision encoder.
  public var visionChannels = [16, 32]
  /// Channels of the three convolutions of the audio encoder.
  public var audioChannels = [16, 32, 32]
  /// Size of each modality's embedding.
  public var embedding = 64
  /// Size of the fused representation and of the GRU's state.
  public var hidden = 128
  /// Whether a GRU carries memory across steps.
  public var memory = true

  public init(modalities: Modalities) { self.modalities = modalities }

  /// Checks sizes; throws a message naming the field.
  public func validate() throws -> Void {
    func fail(_ field: String, _ why: String) -> LearningError {
      .badArchitecture("\(field): \(why)")
    }
    // 24 is the smallest side the vision encoder's two strided convolutions can take.
    guard frameWidth >= 24, frameHeight >= 24, frameWidth <= 512, frameHeight <= 512 else {
      throw fail("frame size", "must be 24...512 pixels a side")
    }
    guard spectrogramBins >= 15, spectrogramFrames >= 15 else {
      throw fail("spectrogram", "needs at least 15 bins and 15 frames")
    }
    guard visionChannels.count == 2, audioChannels.count == 3,
      (visionChannels + audioChannels).allSatisfy({ (1...512).contains($0) })
    else { throw fail("channels", "vision takes 2 and audio 3 counts in 1...512") }
    guard (1...4096).contains(embedding), (1...4096).contains(hidden) else {
      throw fail("embedding/hidden", "must be in 1...4096")
    }
  }

  /// The architecture as a JSON object, for checkpoints.
  public var json: String {
    let v = visionChannels.map(String.init).joined(separator: ", ")
    let a = audioChannels.map(String.init).joined(separator: ", ")
    return #"{"kind": "earshot-policy", "modalities": "\#(modalities.rawValue)", "#
      + #""frame": [\#(frameHeight), \#(frameWidth)], "#
      + #""spectrogram": [\#(spectrogramBins), \#(spectrogramFrames)], "#
      + #""vision_channels": [\#(v)], "audio_channels": [\#(a)], "#
      + #""embedding": \#(embedding), "hidden": \#(hidden), "memory": \#(memory)}"#
  }

  /// Reads the JSON `json` writes.
  public init(json text: String) throws {
    guard case .object(let o)? = try? JSONValue.parse(Data(text.utf8)),
      case .string("earshot-policy")? = o["kind"],
      case .string(let m)? = o["modalities"], let modalities = Modalities(rawValue: m),
      case .array(let frame)? = o["frame"], frame.count == 2,
      case .int(let fh) = frame[0], case .int(let fw) = frame[1],
      case .array(let spec)? = o["spectrogram"], spec.count == 2,
      case .int(let bins) = spec[0], case .int(let frames) = spec[1],
      case .array(let vc)? = o["vision_channels"], case .array(let ac)? = o["audio_channels"],
      case .int(let embedding)? = o["embedding"], case .int(let hidden)? = o["hidden"],
      case .bool(let memory)? = o["memory"]
    else {
      throw LearningError.badArchitecture("not an Earshot policy architecture")
    }
    func ints(_ a: [JSONValue]) -> [Int] {
      a.compactMap { if case .int(let i) = $0 { i } else { nil } }
    }
    self.init(modalities: modalities)
    (frameHeight, frameWidth, spectrogramBins, spectrogramFrames) = (fh, fw, bins, frames)
    (visionChannels, audioChannels) = (ints(vc), ints(ac))
    (self.embedding, self.hidden, self.memory) = (embedding, hidden, memory)
    try validate()
  }
}
