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
  let vision: [Module]
  let audio: [Module]
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
    if a.modalities.seesFrames {
      vision = [
        Conv2D(inChannels: 3, outChannels: a.visionChannels[0], kernelSize: 8, stride: 4, using: &rng),
        Conv2D(
          inChannels: a.visionChannels[0], outChannels: a.visionChannels[1], kernelSize: 4,
          stride: 2, using: &rng),
        Linear(inputSize: a.visionFeatures, outputSize: a.embedding, using: &rng),
      ]
    } else {
      vision = []
    }
    if a.modalities.hearsAudio {
      let c = a.audioChannels
      audio = [
        Conv2D(inChannels: 2, outChannels: c[0], kernelSize: 5, stride: 2, using: &rng),
        Conv2D(inChannels: c[0], outChannels: c[1], kernelSize: 3, stride: 2, using: &rng),
        Conv2D(inChannels: c[1], outChannels: c[2], kernelSize: 3, stride: 2, using: &rng),
        Linear(inputSize: a.audioFeatures, outputSize: a.embedding, using: &rng),
      ]
    } else {
      audio = []
    }
    let fusedInputs = a.embedding * a.modalities.names.count
    fusion = Linear(inputSize: fusedInputs, outputSize: a.hidden, using: &rng)
    memory = a.memory ? GRUCell(inputSize: a.hidden, hiddenSize: a.hidden, using: &rng) : nil
    actor = Linear(inputSize: a.hidden, outputSize: Action.count, using: &rng)
    critic = Linear(inputSize: a.hidden, outputSize: 1, using: &rng)
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    var out = [(name: String, tensor: Tensor)]()
    let visionNames = ["conv1", "conv2", "linear"], audioNames = ["conv1", "conv2", "conv3", "linear"]
    for (name, layer) in zip(visionNames, vision) { out += layer.namedParameters(prefix: "vision.\(name)") }
    for (name, layer) in zip(audioNames, audio) { out += layer.namedParameters(prefix: "audio.\(name)") }
    out += fusion.namedParameters(prefix: "fusion")
    if let memory { out += memory.namedParameters(prefix: "memory") }
    out += actor.namedParameters(prefix: "actor")
    out += critic.namedParameters(prefix: "critic")
    return out
  }

  /// The parameters of one encoder (`"vision"` or `"audio"`), for gradient modulation.
  public func encoderParameters(_ modality: String) -> [Tensor] {
    (modality == "vision" ? vision : audio).flatMap { $0.parameters }
  }

  /// Frames `[B, 3, H, W]` (values in [0, 1]) → vision embedding `[B, embedding]`.
  public func visionEmbedding(_ frames: Tensor) throws -> Tensor {
    try encode(frames, with: vision)
  }

  /// Spectrograms `[B, 2, F, T]` → audio embedding `[B, embedding]`.
  public func audioEmbedding(_ spectrograms: Tensor) throws -> Tensor {
    try encode(spectrograms, with: audio)
  }

  private func encode(_ input: Tensor, with layers: [Module]) throws -> Tensor {
    var x = input
    for layer in layers {
      if let conv = layer as? Conv2D {
        x = try conv(x).relu()
      } else if let linear = layer as? Linear {
        x = try linear(x.flattenedBatch()).relu()
      }
    }
    return x
  }

  /// The embeddings of the senses this network has, in `modalities.names` order.
  ///
  /// - Parameters:
  ///   - frames: `[B, 3, H, W]`, ignored by an audio-only network.
  ///   - spectrograms: `[B, 2, F, T]`, ignored by a vision-only network.
  public func embeddings(frames: Tensor, spectrograms: Tensor) throws -> [Tensor] {
    var out = [Tensor]()
    if architecture.modalities.seesFrames { out.append(try visionEmbedding(frames)) }
    if architecture.modalities.hearsAudio { out.append(try audioEmbedding(spectrograms)) }
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
