import EarshotAutodiff

/// Integrated Gradients of a per-sample target with respect to several modality tensors.
///
/// For a target `F` (one scalar per sample), an input `x` and a baseline `x′`,
///
/// ```
/// aᵢ = (xᵢ − x′ᵢ) · ∫₀¹ ∂F/∂xᵢ (x′ + α (x − x′)) dα
///    ≈ (xᵢ − x′ᵢ) · Σₖ wₖ ∂F/∂xᵢ (x′ + αₖ (x − x′)),
/// ```
///
/// with the nodes and weights of an ``IntegrationRule`` (``Estimator/quadrature(_:points:)``)
/// or one node `α ~ U(0, 1)` per sample (``Estimator/stochastic(seed:)``), whose expectation
/// is the exact integral. Completeness says `Σᵢ aᵢ = F(x) − F(x′)` for the exact integral.
///
/// ## The target function
///
/// `f` maps M modality tensors, each `[R, ...]` with the batch leading, to the target
/// `[R]` (or `[R, 1]`): one scalar per row, such as the logit of the action taken. The K
/// path points of all B samples are evaluated as one batch of `R = K·B` rows stacked as K
/// blocks of B rows (row `k·B + b` is point k of sample b), so one forward and one backward
/// pass give every path gradient. `f` must therefore treat rows independently (no batch
/// statistics) and be ready for any multiple of B rows; ``selectTargets(from:classes:)``
/// repeats per-sample class indices over the blocks.
///
/// `f` is either the whole network (attributions of the raw inputs) or the part after the
/// encoders (attributions of the embeddings entering the fusion layer, see
/// ``ModalityNetwork``).
public struct IntegratedGradients: Sendable {
  /// How the path integral is estimated.
  public enum Estimator: Equatable, Sendable {
    /// K fixed nodes of a quadrature rule, the same for every sample.
    case quadrature(IntegrationRule, points: Int)
    /// One node `α ~ U(0, 1)` per sample, drawn from `seed` and the call's `draw` number:
    /// an unbiased, single-point estimate of the integral.
    case stochastic(seed: UInt64)
  }

  /// The estimator of the path integral.
  public let estimator: Estimator

  /// Integrated Gradients with a quadrature rule of K points.
  ///
  /// - Throws: ``AttributionError/invalidPointCount(rule:points:minimum:)`` when
  ///   `points < rule.minimumPoints` (1, or 2 for the trapezoid).
  public init(rule: IntegrationRule = .gaussLegendre, points: Int = 32) throws(AttributionError) {
    _ = try rule.nodes(points: points)
    estimator = .quadrature(rule, points: points)
  }

  /// The stochastic single-point estimator: one `α ~ U(0, 1)` per sample.
  public init(stochasticSeed seed: UInt64) {
    estimator = .stochastic(seed: seed)
  }

  /// The name of the method, as `attribute --json` reports it: a rule's raw value
  /// (`"gauss_legendre"`, …) or `"stochastic"`.
  public var methodName: String {
    switch estimator {
    case .quadrature(let rule, _): return rule.rawValue
    case .stochastic: return "stochastic"
    }
  }

  /// The number of path points per sample (1 for the stochastic estimator).
  public var points: Int {
    switch estimator {
    case .quadrature(_, let points): return points
    case .stochastic: return 1
    }
  }

  /// The attributions of `f` at `inputs` from explicit baselines.
  ///
  /// - Parameters:
  ///   - f: `[R, ...]` per modality → `[R]`, one target scalar per row (see above).
  ///   - inputs: one tensor per modality, `[B, ...]`, the same B for all.
  ///   - baselines: one tensor per modality with the input's shape.
  ///   - draw: selects the random numbers of the stochastic estimator (ignored otherwise).
  /// - Returns: attributions with the inputs' shapes, and the completeness error per sample.
  /// - Throws: ``AttributionError`` for mismatched shapes or a target that is not one scalar
  ///   per row; ``TensorError`` from the operations; whatever `f` throws.
  /// - Complexity: one forward and one backward pass of `f` over K·B rows, plus one
  ///   forward pass over 2·B rows (recording off) for `F(x)` and `F(x′)`.
  public func attribute(
    _ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], baselines: [Tensor], draw: UInt64 = 0
  ) throws -> Attribution {
    try checkModalities(inputs, baselines)
    let values = try withGradientRecording(true) {
      try pathAttributions(f, inputs: inputs.map { $0.detached() },
                           baselines: baselines.map { $0.detached() }, draw: draw,
                           createGraph: false)
    }.map { $0.detached() }

    let batch = inputs[0].shape[0]
    let endpoints = try withGradientRecording(false) {
      let joined = try zip(inputs, baselines).map {
        try Tensor.concatenated([$0.detached(), $1.detached()], alongAxis: 0)
      }
      return try targetValues(f(joined), rows: 2 * batch).scalars
    }
    return Attribution(values: values, targetAtInput: Array(endpoints[..<batch]),
                       targetAtBaseline: Array(endpoints[batch...]))
  }

  /// The attributions of `f` at `inputs` from a ``Baseline`` (zeros by default).
  ///
  /// See ``attribute(_:inputs:baselines:draw:)``; `draw` also selects the rows of a
  /// random-reference baseline.
  public func attribute(
    _ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], baseline: Baseline = .zero,
    draw: UInt64 = 0
  ) throws -> Attribution {
    try checkModalities(inputs, inputs)
    return try attribute(f, inputs: inputs,
                         baselines: baseline.resolved(for: inputs, draw: draw), draw: draw)
  }

  /// The nodes `α[k][b]` and weights `w[k]` for a batch of B samples.
  func pathPoints(batch: Int, draw: UInt64) throws(AttributionError)
    -> (alphas: [[Float]], weights: [Float])
  {
    switch estimator {
    case .quadrature(let rule, let points):
      let (alphas, weights) = try rule.nodes(points: points)
      return (alphas.map { [Float](repeating: Float($0), count: batch) },
              weights.map { Float($0) })
    case .stochastic(let seed):
      var generator = randomStream(seed: seed, draw: draw, purpose: .pathPoint)
      return ([(0..<batch).map { _ in generator.nextUniform() }], [1])
    }
  }

  /// The attributions as tensors that may carry a graph: with `createGraph: true` they can
  /// be differentiated again (the balance penalty's gradient). Inputs and baselines may be
  /// intermediate results (embeddings), whose graph the attributions then extend.
  func pathAttributions(
    _ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], baselines: [Tensor], draw: UInt64,
    createGraph: Bool
  ) throws -> [Tensor] {
    let batch = inputs[0].shape[0]
    let (alphas, weights) = try pathPoints(batch: batch, draw: draw)
    let blocks = weights.count

    let differences = try zip(inputs, baselines).map { try $0 - $1 }
    let points = try zip(baselines, differences).map { baseline, difference in
      let alphaShape = [batch] + [Int](repeating: 1, count: baseline.rank - 1)
      let path = try alphas.map { a in
        try baseline + Tensor(shape: alphaShape, data: a) * difference
      }
      let stacked = blocks == 1 ? path[0] : try Tensor.concatenated(path, alongAxis: 0)
      // Raw inputs carry no graph; the stacked points are then a fresh leaf.
      if !stacked.requiresGradient { stacked.requiresGradient = true }
      return stacked
    }

    let target = try targetValues(f(points), rows: blocks * batch)
    var rowWeights = [Float]()
    rowWeights.reserveCapacity(blocks * batch)
    for w in weights { rowWeights += [Float](repeating: w, count: batch) }
    let weighted = try (target * Tensor(shape: target.shape, data: rowWeights)).sum()
    let pathGradients = try gradients(of: weighted, with: points, createGraph: createGraph)

    return try zip(pathGradients, differences).map { g, difference in
      let sampleShape = Array(difference.shape.dropFirst())
      let integral = blocks == 1 ? g
        : try g.reshaped(to: [blocks, batch] + sampleShape).sum(alongAxes: [0])
      return try difference * integral
    }
  }
}

/// Checks that there is at least one modality, that all share one non-empty batch, and that
/// each baseline has its input's shape.
func checkModalities(_ inputs: [Tensor], _ baselines: [Tensor]) throws(AttributionError) {
  guard let first = inputs.first else { throw .noModalities }
  guard baselines.count == inputs.count else {
    throw .modalityShapeMismatch(
      modality: min(inputs.count, baselines.count), expected: [inputs.count],
      found: [baselines.count], reason: "one baseline tensor per modality is needed")
  }
  guard first.rank >= 1, first.shape[0] >= 1 else {
    throw .modalityShapeMismatch(modality: 0, expected: [-1], found: first.shape,
                                 reason: "a modality is [B, ...] with a batch of B ≥ 1")
  }
  for (m, (x, b)) in zip(inputs, baselines).enumerated() {
    guard x.rank >= 1, x.shape[0] == first.shape[0] else {
      throw .modalityShapeMismatch(
        modality: m, expected: [first.shape[0]] + x.shape.dropFirst(), found: x.shape,
        reason: "every modality has the batch size of modality 0")
    }
    guard b.shape == x.shape else {
      throw .modalityShapeMismatch(modality: m, expected: x.shape, found: b.shape,
                                   reason: "the baseline must have the input's shape")
    }
  }
}

/// The target as `[rows]`, accepting `[rows]` or `[rows, 1]`.
func targetValues(_ target: Tensor, rows: Int) throws -> Tensor {
  guard target.shape == [rows] || target.shape == [rows, 1] else {
    throw AttributionError.targetShape(expected: rows, found: target.shape)
  }
  return try target.reshaped(to: [rows])
}
