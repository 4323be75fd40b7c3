import EarshotAutodiff

/// The attribution-balance penalty `λ · D(s, r)`: it keeps one sense from dominating the
/// decisions by pulling the modality shares `s` of the Integrated Gradients towards target
/// shares `r` (uniform by default).
///
/// For each sample with attributions `aᵢ` (``IntegratedGradients``, built with
/// `createGraph: true` so that they depend differentiably on the weights):
///
/// ```
/// φ(a)   = √(a² + ε²) − ε                           smooth |a|, ε = `smoothing`
/// A_m    = Σ_{i∈m} φ(aᵢ)          (net shares: A_m = φ(Σ_{i∈m} aᵢ))
/// s_m    = A_m / Σ_{m′} A_{m′}
/// penalty = λ · (1/|S|) Σ_{b∈S} D(s_b, r)
/// ```
///
/// where S is the set of samples whose attributions are not all exactly zero (the others
/// have no shares and are left out; with none left the penalty is a constant 0). `|a|` has
/// no derivative at 0 and its sign flips there, so φ replaces it: φ is smooth, within ε of
/// `|a|`, and 0 at 0. `gradients(of: penalty, with: weights)` is then the gradient through
/// the attributions (double backpropagation).
///
/// The exact estimator uses K quadrature points; the `stochasticSeed:` initializer uses
/// one random point per sample instead. Its attributions are unbiased, but `D(s(a))` is
/// not linear in `a`, so that penalty is a biased (noisy) estimate of the exact one.
public struct BalanceRegularizer: Sendable {
  /// λ, the weight of the penalty in the loss; ≥ 0.
  public let weight: Float
  /// D, the divergence between shares and target shares.
  public let divergence: ShareDivergence
  /// r, `[M]`, or `nil` for uniform shares `1/M`.
  public let targetShares: [Float]?
  /// How the attributions are estimated.
  public let integratedGradients: IntegratedGradients
  /// Whether the shares are net shares `|Σ_{i∈m} aᵢ|` instead of `Σ_{i∈m} |aᵢ|`.
  public let useNetShares: Bool
  /// ε of the smooth absolute value φ, in the units of the attributions.
  public let smoothing: Float

  /// A regularizer estimating the attributions with a K-point quadrature rule.
  ///
  /// - Parameters:
  ///   - weight: λ ≥ 0.
  ///   - divergence: `l1`, `variance` (default) or `kl`.
  ///   - targetShares: r, non-negative and summing to 1 (±1e-4); `nil` for uniform.
  ///   - rule, points: the quadrature (default Gauss–Legendre with 8 points).
  ///   - useNetShares: penalise net shares instead of `|a|` shares.
  ///   - smoothing: ε of φ (default 1e-6); > 0.
  /// - Throws: ``AttributionError`` for a bad λ, ε, point count or target shares.
  public init(
    weight: Float, divergence: ShareDivergence = .variance, targetShares: [Float]? = nil,
    rule: IntegrationRule = .gaussLegendre, points: Int = 8, useNetShares: Bool = false,
    smoothing: Float = 1e-6
  ) throws(AttributionError) {
    try self.init(weight: weight, divergence: divergence, targetShares: targetShares,
                  integratedGradients: IntegratedGradients(rule: rule, points: points),
                  useNetShares: useNetShares, smoothing: smoothing)
  }

  /// A regularizer estimating the attributions from one random path point per sample
  /// (the cheap stochastic option; see the type's discussion for its bias).
  public init(
    weight: Float, divergence: ShareDivergence = .variance, targetShares: [Float]? = nil,
    stochasticSeed seed: UInt64, useNetShares: Bool = false, smoothing: Float = 1e-6
  ) throws(AttributionError) {
    try self.init(weight: weight, divergence: divergence, targetShares: targetShares,
                  integratedGradients: IntegratedGradients(stochasticSeed: seed),
                  useNetShares: useNetShares, smoothing: smoothing)
  }

  /// A regularizer with any attribution estimator.
  public init(
    weight: Float, divergence: ShareDivergence, targetShares: [Float]?,
    integratedGradients: IntegratedGradients, useNetShares: Bool, smoothing: Float
  ) throws(AttributionError) {
    guard weight >= 0, weight.isFinite else {
      throw .invalidParameter(name: "weight", value: weight,
                              reason: "the penalty weight λ must be finite and ≥ 0")
    }
    guard smoothing > 0, smoothing.isFinite else {
      throw .invalidParameter(name: "smoothing", value: smoothing,
                              reason: "the smooth-abs ε must be finite and > 0")
    }
    if let targetShares { try checkTargetShares(targetShares, modalities: targetShares.count) }
    self.weight = weight
    self.divergence = divergence
    self.targetShares = targetShares
    self.integratedGradients = integratedGradients
    self.useNetShares = useNetShares
    self.smoothing = smoothing
  }

  /// The penalty for a batch, and the (detached) shares of its attributions for logging.
  ///
  /// - Parameters:
  ///   - f: `[R, ...]` per modality → `[R]` target, as for ``IntegratedGradients``; it
  ///     must use the weights to be trained.
  ///   - inputs: `[B, ...]` per modality: raw inputs, or embeddings that still carry their
  ///     graph to the encoder weights (then the penalty trains the encoders too).
  ///   - baselines: one per modality with the inputs' shapes.
  ///   - draw: the random draw of the stochastic estimator; pass the training step.
  /// - Returns: the penalty, a scalar tensor whose gradient with respect to the weights
  ///   flows through the attributions, and the shares (exact `|a|`, not φ).
  /// - Throws: ``AttributionError`` (shapes, target shares of the wrong count),
  ///   ``TensorError``, and whatever `f` throws.
  /// - Complexity: a forward pass over K·B rows, a backward pass recorded as a graph, and
  ///   later a backward pass through both: roughly 3–5 times a training step on K·B rows.
  public func penalty(
    _ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], baselines: [Tensor], draw: UInt64 = 0
  ) throws -> (penalty: Tensor, shares: ModalityShares) {
    try checkModalities(inputs, baselines)
    let m = inputs.count
    let target = targetShares ?? [Float](repeating: 1 / Float(m), count: m)
    try checkTargetShares(target, modalities: m)

    let attributions = try withGradientRecording(true) {
      try integratedGradients.pathAttributions(f, inputs: inputs, baselines: baselines,
                                               draw: draw, createGraph: true)
    }
    let shares = ModalityShares(attributions: attributions.map { $0.detached() })
    let value = try withGradientRecording(true) {
      try penaltyValue(attributions, target: target, shares: shares)
    }
    return (value, shares)
  }

  /// The penalty from a ``Baseline`` (zeros by default); see
  /// ``penalty(_:inputs:baselines:draw:)``.
  public func penalty(
    _ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], baseline: Baseline = .zero,
    draw: UInt64 = 0
  ) throws -> (penalty: Tensor, shares: ModalityShares) {
    try checkModalities(inputs, inputs)
    return try penalty(f, inputs: inputs, baselines: baseline.resolved(for: inputs, draw: draw),
                       draw: draw)
  }

  /// `λ · mean_{b∈S} D(s_b, r)` from attributions that carry a graph.
  private func penaltyValue(_ attributions: [Tensor], target: [Float], shares: ModalityShares)
    throws -> Tensor
  {
    let batch = attributions[0].shape[0]
    let included = (useNetShares ? shares.netPerSample : shares.perSample).map { $0 != nil }
    let count = included.count { $0 }
    guard count > 0 else { return Tensor(0) }

    let magnitudes = try attributions.map { a in
      let rows = try a.reshaped(to: [batch, -1])
      let summed = useNetShares ? try rows.sum(alongAxes: [1], keepingDimensions: true)
        : rows
      return try smoothAbsolute(summed).sum(alongAxes: [1], keepingDimensions: true)
    }
    let perModality = try Tensor.concatenated(magnitudes, alongAxis: 1)
    // Samples without shares get a denominator of 1 (their magnitudes are 0), so their
    // shares are 0 rather than 0/0; the mask then removes them.
    let mask = try Tensor(shape: [batch], data: included.map { $0 ? 1 : 0 })
    let padding = try Tensor(shape: [batch, 1], data: included.map { $0 ? 0 : 1 })
    let total = try perModality.sum(alongAxes: [1], keepingDimensions: true) + padding
    let s = try perModality / total
    let perSample = try divergence(s, target: target)
    return try (perSample * mask).sum() * (weight / Float(count))
  }

  /// φ(a) = √(a² + ε²) − ε.
  private func smoothAbsolute(_ a: Tensor) throws -> Tensor {
    (a.squared() + smoothing * smoothing).squareRoot() - smoothing
  }
}

/// Checks target shares: one per modality, each ≥ 0 and finite, summing to 1 within 1e-4.
func checkTargetShares(_ shares: [Float], modalities: Int) throws(AttributionError) {
  guard shares.count == modalities, modalities >= 1 else {
    throw .invalidTargetShares(shares: shares, modalities: modalities,
                               reason: "give one target share per modality")
  }
  guard shares.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
    throw .invalidTargetShares(shares: shares, modalities: modalities,
                               reason: "shares must be finite and ≥ 0")
  }
  let sum = shares.reduce(0, +)
  guard abs(sum - 1) <= 1e-4 else {
    throw .invalidTargetShares(shares: shares, modalities: modalities,
                               reason: "shares must sum to 1, they sum to \(sum)")
  }
}
