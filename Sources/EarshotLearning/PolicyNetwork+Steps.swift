import EarshotAutodiff

extension PolicyNetwork {
  /// One step for a batch of agents: observations and the previous memory
  /// states `[B, hidden]` → action logits `[B, 4]` and the new states.
  public func step(observations: [Observation], hidden: Tensor) throws -> (Tensor, Tensor) {
    let a = architecture
    let frames = ObservationTensors.frames(observations)
    let spectrograms = ObservationTensors.spectrograms(
      observations, bins: a.spectrogramBins, frames: a.spectrogramFrames)
    let state = try remember(fuse(embeddings(frames: frames, spectrograms: spectrograms)),
                             hidden: hidden)
    return (try logits(state), state)
  }

  /// The result of running the network over `B` sequences of `L` steps.
  public struct Unrolled {
    /// Per modality, `[B·L, embedding]`, rows ordered `b·L + t`.
    public var embeddings: [Tensor]
    /// The memory state before each step, `[B·L, hidden]` (detached).
    public var before: Tensor
    /// The state after each step, `[B·L, hidden]`.
    public var after: Tensor
  }

  /// Runs sequences through encoders (all steps in one batch), fusion and
  /// memory (step by step, backpropagating through time).
  ///
  /// - Parameters:
  ///   - frames: `[B·L, 3, H, W]`, rows `b·L + t`.
  ///   - spectrograms: `[B·L, 2, F, T]`, rows `b·L + t`.
  ///   - initial: the memory state `[B, hidden]` before each sequence's first step
  ///     (zeros when nil, as at an episode's start).
  ///   - transform: applied to the embeddings before fusion (modality dropout).
  public func unroll(
    frames: Tensor, spectrograms: Tensor, batch: Int, length: Int, initial: Tensor? = nil,
    transform: ([Tensor]) throws -> [Tensor] = { $0 }
  ) throws -> Unrolled {
    let embeddings = try transform(embeddings(frames: frames, spectrograms: spectrograms))
    let fused = try fuse(embeddings)
    let size = architecture.hidden
    guard architecture.memory else {
      return Unrolled(
        embeddings: embeddings, before: .zeros([batch * length, size]), after: fused)
    }
    let sequences = try fused.reshaped(to: [batch, length, size])
    var h = initial ?? initialState(batch: batch)
    var befores = [Tensor](), afters = [Tensor]()
    for t in 0..<length {
      let x = try sequences.slice(alongAxis: 1, t..<(t + 1)).reshaped(to: [batch, size])
      befores.append(try h.detached().reshaped(to: [batch, 1, size]))
      h = try remember(x, hidden: h)
      afters.append(try h.reshaped(to: [batch, 1, size]))
    }
    return Unrolled(
      embeddings: embeddings,
      before: try Tensor.concatenated(befores, alongAxis: 1).reshaped(to: [batch * length, size]),
      after: try Tensor.concatenated(afters, alongAxis: 1).reshaped(to: [batch * length, size]))
  }

  /// The head from embeddings and a given previous state: fusion → memory →
  /// actor logits `[N, 4]`. Integrated Gradients at the embeddings use it.
  public func head(embeddings: [Tensor], before: Tensor) throws -> Tensor {
    try logits(remember(fuse(embeddings), hidden: before))
  }
}
