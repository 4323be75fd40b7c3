import EarshotAutodiff

/// The reference point `x′` from which Integrated Gradients integrates, one per modality.
///
/// Baselines live in the space being attributed: raw inputs when the target function is the
/// whole network, embeddings when it is the fusion head (see ``ModalityNetwork``). To start
/// from the embeddings of a baseline input, encode it and pass ``tensors(_:)``.
public enum Baseline: Sendable {
  /// Zeros of each input's shape (the default: a black frame, silence).
  case zero
  /// One tensor per modality, shaped as one sample `[...]` or `[1, ...]`, broadcast over
  /// the batch (for example the mean of a data set).
  case mean([Tensor])
  /// One tensor per modality, each `[R, ...]`: every sample gets the reference row `r`,
  /// drawn uniformly for that sample (the same `r` for all modalities, so that the
  /// baseline is one real observation), as in expected gradients. The draws depend on
  /// `seed` and on the `draw` number passed with each call (the training step, say).
  case randomReference([Tensor], seed: UInt64)
  /// One tensor per modality with exactly the inputs' shapes `[B, ...]`.
  case tensors([Tensor])

  /// The baselines for `inputs`, each with that input's shape `[B, ...]`.
  ///
  /// - Throws: ``AttributionError/modalityShapeMismatch(modality:expected:found:reason:)``
  ///   when a tensor does not fit its modality, ``AttributionError/emptyReferenceSet(modality:)``.
  public func resolved(for inputs: [Tensor], draw: UInt64 = 0) throws -> [Tensor] {
    switch self {
    case .zero:
      return inputs.map { Tensor.zeros($0.shape) }
    case .tensors(let tensors):
      try checkCount(tensors, inputs)
      for (m, (b, x)) in zip(tensors, inputs).enumerated() where b.shape != x.shape {
        throw AttributionError.modalityShapeMismatch(
          modality: m, expected: x.shape, found: b.shape,
          reason: "a per-sample baseline has the input's shape")
      }
      return tensors
    case .mean(let tensors):
      try checkCount(tensors, inputs)
      return try zip(tensors, inputs).enumerated().map { m, pair in
        let (b, x) = pair
        let sample = Array(x.shape.dropFirst())
        guard b.shape == sample || b.shape == [1] + sample else {
          throw AttributionError.modalityShapeMismatch(
            modality: m, expected: sample, found: b.shape,
            reason: "a mean baseline is one sample, [...] or [1, ...]")
        }
        return try b.reshaped(to: [1] + sample).broadcast(to: x.shape)
      }
    case .randomReference(let references, let seed):
      try checkCount(references, inputs)
      var rows: Int?
      for (m, (r, x)) in zip(references, inputs).enumerated() {
        guard r.rank == x.rank, Array(r.shape.dropFirst()) == Array(x.shape.dropFirst()) else {
          throw AttributionError.modalityShapeMismatch(
            modality: m, expected: [-1] + x.shape.dropFirst(), found: r.shape,
            reason: "a reference set is [R, ...] with the input's sample shape")
        }
        guard r.shape[0] > 0 else { throw AttributionError.emptyReferenceSet(modality: m) }
        if let rows, rows != r.shape[0] {
          throw AttributionError.modalityShapeMismatch(
            modality: m, expected: [rows] + x.shape.dropFirst(), found: r.shape,
            reason: "all modalities' reference sets need the same number of rows")
        }
        rows = r.shape[0]
      }
      let batch = inputs[0].shape[0]
      var generator = randomStream(seed: seed, draw: draw, purpose: .baseline)
      let picks = (0..<batch).map { _ in Int(generator.next() % UInt64(rows!)) }
      return try references.map { r in
        let size = r.count / r.shape[0]
        var values = [Float]()
        values.reserveCapacity(batch * size)
        for p in picks { values += r.scalars[(p * size)..<((p + 1) * size)] }
        return try Tensor(shape: [batch] + r.shape.dropFirst(), data: values)
      }
    }
  }

  private func checkCount(_ tensors: [Tensor], _ inputs: [Tensor]) throws(AttributionError) {
    guard tensors.count == inputs.count else {
      throw .modalityShapeMismatch(
        modality: min(tensors.count, inputs.count), expected: [inputs.count],
        found: [tensors.count], reason: "one baseline tensor per modality is needed")
    }
  }
}
