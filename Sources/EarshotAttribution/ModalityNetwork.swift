import EarshotAutodiff

/// A network that encodes each modality separately and then fuses the embeddings: the
/// split at which attributions of embeddings are taken.
///
/// ```
/// inputs [B, ...] per modality ──embeddings──▶ [B, D_m] per modality ──head──▶ logits [B, C]
/// ```
///
/// `head` must start at the fusion layer (the concatenation of the embeddings), so that
/// attributions of its arguments say how much each sense contributes to the decision.
/// Both functions must treat rows independently: Integrated Gradients feeds them K·B rows.
public protocol ModalityNetwork {
  /// The per-modality encoders: `[B, ...]` per modality → `[B, D_m]` per modality.
  func embeddings(_ inputs: [Tensor]) throws -> [Tensor]
  /// Fusion and output layers: `[B, D_m]` per modality → logits `[B, C]`.
  func head(_ embeddings: [Tensor]) throws -> Tensor
}

/// Where attributions are taken: at the raw inputs or at the embeddings entering fusion.
public enum AttributionSpace: String, CaseIterable, Sendable {
  /// The raw inputs (frames, spectrograms): the whole network is the target function.
  case inputs
  /// The embeddings entering the fusion layer: `head` is the target function.
  case embeddings
}

/// Which scalar of the network's output is attributed.
public enum AttributionTarget: Sendable {
  /// The logit of the given class for each sample, `[B]` indices (for a policy: the
  /// action it took; for a classifier: the true class).
  case logit(classes: [Int])
  /// The log-probability `log softmax(logits)[class]` of the given class for each sample.
  case logProbability(classes: [Int])
  /// The logit of the greedy action, `argmax` of the logits at the input.
  case greedyLogit
}

/// The selected output of each row: `outputs[r, classes[r mod B]]`, `[R]`.
///
/// The rows of `outputs` `[R, C]` may be K blocks of the B samples (`R = K·B`), as inside
/// Integrated Gradients; the class indices then repeat over the blocks. The selection is a
/// product with a constant one-hot mask, so it differentiates to any order.
///
/// - Throws: ``AttributionError/targetOutOfRange(sample:index:classes:)`` for an index
///   outside `0..<C`; ``AttributionError/targetShape(expected:found:)`` when `outputs` is not
///   `[R, C]` with R a multiple of `classes.count`.
public func selectTargets(from outputs: Tensor, classes: [Int]) throws -> Tensor {
  guard outputs.rank == 2, !classes.isEmpty, outputs.shape[0] % classes.count == 0 else {
    throw AttributionError.targetShape(expected: classes.count, found: outputs.shape)
  }
  let (rows, width) = (outputs.shape[0], outputs.shape[1])
  for (sample, index) in classes.enumerated() where index < 0 || index >= width {
    throw AttributionError.targetOutOfRange(sample: sample, index: index, classes: width)
  }
  var oneHot = [Float](repeating: 0, count: rows * width)
  for r in 0..<rows { oneHot[r * width + classes[r % classes.count]] = 1 }
  return try (outputs * Tensor(shape: outputs.shape, data: oneHot)).sum(alongAxes: [1])
}

extension ModalityNetwork {
  /// The logits `[B, C]` of the whole network.
  public func logits(_ inputs: [Tensor]) throws -> Tensor {
    try head(embeddings(inputs))
  }

  /// The class index per sample that `target` selects, computing the greedy action with
  /// recording off when needed.
  public func targetClasses(_ target: AttributionTarget, inputs: [Tensor]) throws -> [Int] {
    switch target {
    case .logit(let classes), .logProbability(let classes):
      return classes
    case .greedyLogit:
      let logits = try withGradientRecording(false) { try self.logits(inputs) }
      let width = logits.shape[1]
      return (0..<logits.shape[0]).map { b in
        let row = logits.scalars[(b * width)..<((b + 1) * width)]
        return row.indices.max { row[$0] < row[$1] }! - b * width
      }
    }
  }

  /// The target function and the tensors to attribute for one space.
  ///
  /// At `.inputs` the function is the whole network and the points are the inputs; at
  /// `.embeddings` it is `head` and the points are the embeddings, computed here with
  /// the current recording setting (so that in training they carry the encoders' graph).
  ///
  /// - Returns: `function`: `[R, ...]` per modality → `[R]`; `points`: `[B, ...]` per
  ///   modality.
  public func attributionProblem(
    inputs: [Tensor], target: AttributionTarget, space: AttributionSpace
  ) throws -> (function: ([Tensor]) throws -> Tensor, points: [Tensor]) {
    let classes = try targetClasses(target, inputs: inputs)
    let logProbability: Bool
    if case .logProbability = target { logProbability = true } else { logProbability = false }
    let select = { (logits: Tensor) throws -> Tensor in
      try selectTargets(from: logProbability ? logits.logSoftmax(alongAxis: 1) : logits,
                        classes: classes)
    }
    switch space {
    case .inputs:
      return ({ try select(self.logits($0)) }, inputs)
    case .embeddings:
      return ({ try select(self.head($0)) }, try embeddings(inputs))
    }
  }
}

extension IntegratedGradients {
  /// The attributions of a network's target at its inputs or its embeddings.
  ///
  /// - Parameters:
  ///   - network: the encoders and the fusion head.
  ///   - inputs: `[B, ...]` per modality.
  ///   - target: which output to attribute (default: the logit of the greedy action).
  ///   - space: `.inputs` (values shaped as the inputs) or `.embeddings` (`[B, D_m]`).
  ///   - baseline: in the chosen space; zeros by default (zero embeddings at `.embeddings`).
  /// - Throws: ``AttributionError``, ``TensorError``, and what the network throws.
  public func attribute(
    _ network: some ModalityNetwork, inputs: [Tensor], target: AttributionTarget = .greedyLogit,
    space: AttributionSpace = .inputs, baseline: Baseline = .zero, draw: UInt64 = 0
  ) throws -> Attribution {
    try checkModalities(inputs, inputs)
    let (f, points) = try withGradientRecording(false) {
      try network.attributionProblem(inputs: inputs, target: target, space: space)
    }
    return try attribute(f, inputs: points, baseline: baseline, draw: draw)
  }
}

extension BalanceRegularizer {
  /// The balance penalty of a network at its inputs or its embeddings.
  ///
  /// At `.embeddings` the embeddings are computed here with their graph, so the penalty's
  /// gradient reaches the encoders as well as the head. A trainer that already has the
  /// embeddings for its loss can instead call ``penalty(_:inputs:baseline:draw:)`` with
  /// `head` and those embeddings, saving one encoder pass.
  public func penalty(
    _ network: some ModalityNetwork, inputs: [Tensor], target: AttributionTarget = .greedyLogit,
    space: AttributionSpace = .inputs, baseline: Baseline = .zero, draw: UInt64 = 0
  ) throws -> (penalty: Tensor, shares: ModalityShares) {
    try checkModalities(inputs, inputs)
    let (f, points) = try withGradientRecording(true) {
      try network.attributionProblem(inputs: inputs, target: target, space: space)
    }
    return try penalty(f, inputs: points, baseline: baseline, draw: draw)
  }
}
