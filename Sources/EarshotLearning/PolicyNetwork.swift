import EarshotAutodiff
import EarshotWorld

/// A policy that fuses first-person frames and binaural spectrograms (see
/// `PolicyArchitecture` for the layers), with an actor and a critic head.
///
/// Parameter names, which are the checkpoint's tensor names:
/// `vision.conv1`, `vision.conv2`, `vision.linear`, `audio.conv1`…`audio.conv3`,
/// `audio.linear`, `fusion`, `memory` (GRU), `actor`, `critic`, each with its
/// layer's `weight`/`bias` (GRU: `inputWeight`, `hiddenWeight`, `inputBias`, `hiddenBias`).
public final class PolicyNetwork: Module {
  public let architecture: PolicyArchitecture
  let vision: VisionEncoder?
  let audio: AudioEncoder?
  let fusion: Linear
  let memory: GRUCell?
  let actor: Linear
  let critic: Linear

  /// A network with seeded initial weights.
  public init(_ architecture: PolicyArchitecture, seed: UInt64) throws {
    try architecture.validate()
    self.architecture = architecture
    var rng = SplitMix64(seed: seed)
    let a = architecture
    vision = a.modalities.seesFrames
      ? VisionEncoder(
        height: a.frameHeight, width: a.frameWidth, channels: a.visionChannels,
        embedding: a.embedding, using: &rng)
      : nil
    audio = a.modalities.hearsAudio
      ? AudioEncoder(
        bins: a.spectrogramBins, frames: a.spectrogramFrames, channels: a.audioChannels,
        embedding: a.embedding, using: &rng)
      : nil
    fusion = Linear(
      inputSize: a.embedding * a.modalities.names.count, outputSize: a.hidden, using: &rng)
    memory = a.memory ? GRUCell(inputSize: a.hidden, hiddenSize: a.hidden, using: &rng) : nil
    actor = Linear(inputSize: a.hidden, outputSize: Action.count, using: &rng)
    critic = Linear(inputSize: a.hidden, outputSize: 1, using: &rng)
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    var out = [(name: String, tensor: Tensor)]()
    if let vision { out += vision.namedParameters(prefix: "vision") }
    if let audio { out += audio.namedParameters(prefix: "audio") }
    out += fusion.namedParameters(prefix: "fusion")
    if let memory { out += memory.namedParameters(prefix: "memory") }
    out += actor.namedParameters(prefix: "actor")
    out += critic.namedParameters(prefix: "critic")
    return out
  }

  /// The parameters of one encoder (`"vision"` or `"audio"`), for gradient modulation.
  public func encoderParameters(_ modality: String) -> [Tensor] {
    (modality == "vision" ? vision?.parameters : audio?.parameters) ?? []
  }

  /// The embeddings of the senses this network has, in `modalities.names` order.
  ///
  /// - Parameters:
  ///   - frames: `[B, 3, H, W]`, ignored by an audio-only network.
  ///   - spectrograms: `[B, 2, F, T]`, ignored by a vision-only network.
  public func embeddings(frames: Tensor, spectrograms: Tensor) throws -> [Tensor] {
    var out = [Tensor]()
    if let vision { out.append(try vision(frames)) }
    if let audio { out.append(try audio(spectrograms)) }
    return out
  }

  /// Embeddings → the fused representation `[B, hidden]`.
  public func fuse(_ embeddings: [Tensor]) throws -> Tensor {
    let joined = embeddings.count == 1
      ? embeddings[0] : try Tensor.concatenated(embeddings, alongAxis: 1)
    return try fusion(joined).relu()
  }

  /// One step of memory: fused `[B, hidden]` and the previous state → the new state.
  ///
  /// Without memory the fused representation passes through unchanged.
  public func remember(_ fused: Tensor, hidden: Tensor) throws -> Tensor {
    guard let memory else { return fused }
    return try memory(fused, hidden: hidden)
  }

  /// Action logits `[B, 4]` from the state.
  public func logits(_ state: Tensor) throws -> Tensor { try actor(state) }

  /// State values `[B, 1]`.
  public func value(_ state: Tensor) throws -> Tensor { try critic(state) }

  /// The zero memory state for `batch` episodes.
  public func initialState(batch: Int) -> Tensor { .zeros([batch, architecture.hidden]) }
}

extension Action {
  /// The number of actions (4).
  public static let count = Action.allCases.count
}
