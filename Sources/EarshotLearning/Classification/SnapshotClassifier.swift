import EarshotAttribution
import EarshotAutodiff

/// The senses a snapshot classifier uses.
public enum ClassifierModalities: String, CaseIterable, Sendable {
  case vision
  case audio
  case fused

  /// Modality names in input order.
  public var names: [String] {
    switch self {
    case .vision: return ["vision"]
    case .audio: return ["audio"]
    case .fused: return ["vision", "audio"]
    }
  }
}

/// Layer sizes of a ``SnapshotClassifier``.
public struct ClassifierArchitecture: Hashable, Sendable {
  public var modalities: ClassifierModalities
  public var classes: Int
  public var frameHeight = 64, frameWidth = 64
  public var spectrogramBins = 65, spectrogramFrames = 61
  /// Channels of ``VisionEncoder``'s two convolutions.
  public var visionChannels = [8, 16]
  /// Channels of ``AudioEncoder``'s three convolutions.
  public var audioChannels = [8, 16, 16]
  /// Width D of each modality's embedding.
  public var embedding = 32
  /// Width of the head's hidden layer.
  public var hidden = 64

  public init(modalities: ClassifierModalities, classes: Int) {
    self.modalities = modalities
    self.classes = classes
  }
}

/// A classifier of simulator snapshots: per-sense encoders, then concatenation, a hidden
/// layer and C logits.
///
/// ```
/// frames [B, 3, H, W]       ─VisionEncoder─▶ [B, D] ┐
///                                                    ├─concat─▶ linear─ReLU─linear─▶ [B, C]
/// spectrograms [B, 2, F, T] ─AudioEncoder──▶ [B, D] ┘
/// ```
///
/// A unimodal classifier has one encoder and the same head on `[B, D]`. As a
/// `ModalityNetwork` its inputs are one tensor per modality, in `modalities.names` order
/// (``inputs(frames:spectrograms:)`` picks them); `head` begins at the concatenation.
/// Parameter names: `vision.*`, `audio.*` (see the encoders), `hidden`, `output`.
public final class SnapshotClassifier: Module, ModalityNetwork {
  public let architecture: ClassifierArchitecture
  let vision: VisionEncoder?
  let audio: AudioEncoder?
  let hidden: Linear
  let output: Linear

  /// A classifier with weights drawn from `seed`.
  public init(_ architecture: ClassifierArchitecture, seed: UInt64) {
    self.architecture = architecture
    let a = architecture
    var rng = SplitMix64(seed: seed)
    vision = a.modalities.names.contains("vision")
      ? VisionEncoder(height: a.frameHeight, width: a.frameWidth, channels: a.visionChannels,
                      embedding: a.embedding, using: &rng)
      : nil
    audio = a.modalities.names.contains("audio")
      ? AudioEncoder(bins: a.spectrogramBins, frames: a.spectrogramFrames,
                     channels: a.audioChannels, embedding: a.embedding, using: &rng)
      : nil
    hidden = Linear(inputSize: a.embedding * a.modalities.names.count, outputSize: a.hidden,
                    using: &rng)
    output = Linear(inputSize: a.hidden, outputSize: a.classes, using: &rng)
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    (vision?.namedParameters(prefix: "vision") ?? [])
      + (audio?.namedParameters(prefix: "audio") ?? [])
      + hidden.namedParameters(prefix: "hidden") + output.namedParameters(prefix: "output")
  }

  /// The inputs this classifier takes, in `modalities.names` order.
  public func inputs(frames: Tensor, spectrograms: Tensor) -> [Tensor] {
    switch architecture.modalities {
    case .vision: return [frames]
    case .audio: return [spectrograms]
    case .fused: return [frames, spectrograms]
    }
  }

  /// `[B, ...]` per modality → `[B, D]` per modality.
  public func embeddings(_ inputs: [Tensor]) throws -> [Tensor] {
    precondition(inputs.count == architecture.modalities.names.count,
                 "one input per modality: \(architecture.modalities.names)")
    var out = [Tensor]()
    var next = 0
    if let vision { out.append(try vision(inputs[next])); next += 1 }
    if let audio { out.append(try audio(inputs[next])) }
    return out
  }

  /// `[B, D]` per modality → logits `[B, C]`.
  public func head(_ embeddings: [Tensor]) throws -> Tensor {
    let joined = embeddings.count == 1
      ? embeddings[0] : try Tensor.concatenated(embeddings, alongAxis: 1)
    return try output(hidden(joined).relu())
  }
}
