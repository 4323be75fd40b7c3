import XCTest
import EarshotAttribution
import EarshotAutodiff

final class BalanceRegularizerTests: XCTestCase {
  /// The penalty's gradient with respect to every weight, by double backpropagation,
  /// against central differences `(P(w + h) − P(w − h)) / 2h` with `h = 1e-3`, the
  /// penalty evaluated in Float and the difference taken in Double.
  ///
  /// Tolerance per element: `|analytic − numeric| ≤ 1e-3 · max|numeric| + 1e-2 · |numeric|`.
  /// The rounding of a Float penalty of about 0.05 is ~3e-9, i.e. ~2e-6 in the quotient;
  /// the truncation error is O(h²). Measured largest |analytic − numeric| over the largest
  /// gradient: 9e-5 to 1e-4 for the |a| shares at the inputs, 9e-4 at the embeddings, 2e-3
  /// for net shares (whose curvature makes the O(h²) term larger). The exact values are
  /// checked against JAX in AttributionJAXReferenceTests.
  func testPenaltyGradientMatchesFiniteDifferences() throws {
    let configurations: [(ShareDivergence, AttributionSpace, Bool, [Float]?)] = [
      (.l1, .inputs, false, nil),
      (.variance, .inputs, false, nil),
      (.kl, .inputs, false, nil),
      (.variance, .embeddings, false, nil),
      (.kl, .embeddings, true, [0.3, 0.7]),
      (.l1, .inputs, true, [0.6, 0.4]),
    ]
    let inputs = TwoModalityNetwork.inputs(batch: 4, seed: 32)
    let target = AttributionTarget.logit(classes: [0, 1, 2, 1])
    for (divergence, space, net, shares) in configurations {
      let network = TwoModalityNetwork(seed: 31)
      let regularizer = try BalanceRegularizer(
        weight: 0.5, divergence: divergence, targetShares: shares, rule: .gaussLegendre,
        points: 4, useNetShares: net)
      func value() throws -> Double {
        Double(try regularizer.penalty(network, inputs: inputs, target: target, space: space)
          .penalty.scalar)
      }
      let (penalty, _) = try regularizer.penalty(network, inputs: inputs, target: target,
                                                 space: space)
      let analytic = try gradients(of: penalty, with: network.parameters)

      var numeric: [[Float]] = []
      let h: Float = 1e-3
      for parameter in network.parameters {
        var column: [Float] = []
        let original = parameter.scalars
        for i in 0..<parameter.count {
          var shifted = original
          shifted[i] = original[i] + h
          try parameter.assign(Tensor(shape: parameter.shape, data: shifted))
          let up = try value()
          shifted[i] = original[i] - h
          try parameter.assign(Tensor(shape: parameter.shape, data: shifted))
          let down = try value()
          column.append(Float((up - down) / (2 * Double(h))))
        }
        try parameter.assign(Tensor(shape: parameter.shape, data: original))
        numeric.append(column)
      }
      let scale = numeric.flatMap { $0 }.map(abs).max() ?? 0
      XCTAssertGreaterThan(scale, 1e-4, "\(divergence) \(space): the check needs a gradient")
      var worst: Float = 0
      for (a, n) in zip(analytic, numeric) {
        for (x, y) in zip(a.scalars, n) {
          worst = max(worst, abs(x - y) / (1e-3 * scale + 1e-2 * abs(y)))
        }
      }
      XCTAssertLessThanOrEqual(worst, 1, "\(divergence) \(space) net: \(net)")
    }
  }

  /// Samples whose attributions are all zero are left out of the penalty's mean: the
  /// penalty of a batch with such a sample equals that of the batch without it.
  func testAllZeroSamplesAreLeftOutOfThePenalty() throws {
    let network = TwoModalityNetwork(seed: 41)
    let inputs = TwoModalityNetwork.inputs(batch: 3, seed: 42)
    let withZero = try inputs.map { x in
      try Tensor.concatenated([x, Tensor.zeros([1] + x.shape.dropFirst())], alongAxis: 0)
    }
    for divergence in ShareDivergence.allCases {
      let regularizer = try BalanceRegularizer(weight: 1, divergence: divergence, points: 4)
      let plain = try regularizer.penalty(network, inputs: inputs,
                                          target: .logit(classes: [0, 1, 2]))
      let padded = try regularizer.penalty(network, inputs: withZero,
                                           target: .logit(classes: [0, 1, 2, 0]))
      XCTAssertEqual(padded.shares.excludedCount, 1)
      XCTAssertEqual(padded.shares.includedCount, 3)
      XCTAssertEqual(padded.penalty.scalar, plain.penalty.scalar,
                     accuracy: 1e-6 * max(1, abs(plain.penalty.scalar)))
      let g = try gradients(of: padded.penalty, with: network.parameters)
      XCTAssertTrue(g.allSatisfy { $0.firstNonFinite == nil }, "\(divergence)")
    }

    let allZero = inputs.map { Tensor.zeros($0.shape) }
    let regularizer = try BalanceRegularizer(weight: 1, points: 2)
    let empty = try regularizer.penalty(network, inputs: allZero,
                                        target: .logit(classes: [0, 0, 0]))
    XCTAssertEqual(empty.penalty.scalar, 0)
    XCTAssertEqual(empty.shares.excludedCount, 3)
  }

  /// The logged shares are those of Integrated Gradients with the same rule.
  func testReturnedSharesMatchTheAttributions() throws {
    let network = TwoModalityNetwork(seed: 51)
    let inputs = TwoModalityNetwork.inputs(batch: 5, seed: 52)
    let target = AttributionTarget.logit(classes: [2, 1, 0, 1, 2])
    for space in AttributionSpace.allCases {
      let regularizer = try BalanceRegularizer(weight: 0.1, rule: .riemannMiddle, points: 6)
      let (_, shares) = try regularizer.penalty(network, inputs: inputs, target: target,
                                                space: space)
      let attribution = try IntegratedGradients(rule: .riemannMiddle, points: 6)
        .attribute(network, inputs: inputs, target: target, space: space)
      let expected = attribution.shares
      for b in 0..<5 {
        for m in 0..<2 {
          XCTAssertEqual(shares.perSample[b]![m], expected.perSample[b]![m], accuracy: 1e-5)
        }
      }
    }
  }

  /// Training on the variance penalty alone makes a network whose vision branch dominates
  /// rely on both senses: the inter-modal variance falls to under half its start.
  func testTrainingOnThePenaltyBalancesTheShares() throws {
    let network = TwoModalityNetwork(seed: 61)
    try network.audio.weight.assign(network.audio.weight * 0.05)
    let inputs = TwoModalityNetwork.inputs(batch: 8, seed: 62)
    let target = AttributionTarget.logit(classes: [0, 1, 2, 0, 1, 2, 0, 1])
    let regularizer = try BalanceRegularizer(weight: 1, divergence: .variance, points: 4)
    let adam = Adam(learningRate: 0.02)
    var variances: [Float] = []
    for _ in 0..<40 {
      let (penalty, shares) = try regularizer.penalty(network, inputs: inputs, target: target)
      variances.append(try XCTUnwrap(shares.intermodalVariance))
      try adam.step(network.parameters, gradients: gradients(of: penalty, with: network.parameters))
    }
    XCTAssertGreaterThan(variances[0], 0.02, "the start should be unbalanced")
    XCTAssertLessThan(variances.last!, 0.5 * variances[0], "variances: \(variances)")
  }

  /// The stochastic option: reproducible for a draw, different across draws, and it still
  /// gives a finite weight gradient.
  func testStochasticPenalty() throws {
    let network = TwoModalityNetwork(seed: 71)
    let inputs = TwoModalityNetwork.inputs(batch: 6, seed: 72)
    let regularizer = try BalanceRegularizer(weight: 1, divergence: .kl, stochasticSeed: 5)
    XCTAssertEqual(regularizer.integratedGradients.methodName, "stochastic")
    let first = try regularizer.penalty(network, inputs: inputs, draw: 1).penalty
    let again = try regularizer.penalty(network, inputs: inputs, draw: 1).penalty
    let other = try regularizer.penalty(network, inputs: inputs, draw: 2).penalty
    XCTAssertEqual(first.scalar, again.scalar)
    XCTAssertNotEqual(first.scalar, other.scalar)
    let g = try gradients(of: first, with: network.parameters)
    XCTAssertTrue(g.allSatisfy { $0.firstNonFinite == nil })
    XCTAssertGreaterThan(g.map(largestMagnitude).max()!, 0)
  }

  func testBadSettingsAreTypedErrors() throws {
    let network = TwoModalityNetwork(seed: 1)
    let inputs = TwoModalityNetwork.inputs(batch: 2, seed: 2)
    assertThrows(.invalidTargetShares(shares: [0.5, 0.6], modalities: 2,
                                      reason: "shares must sum to 1, they sum to 1.1")) {
      try BalanceRegularizer(weight: 1, targetShares: [0.5, 0.6])
    }
    assertThrows(.invalidTargetShares(shares: [1.5, -0.5], modalities: 2,
                                      reason: "shares must be finite and ≥ 0")) {
      try BalanceRegularizer(weight: 1, targetShares: [1.5, -0.5])
    }
    let three = try BalanceRegularizer(weight: 1, targetShares: [0.2, 0.3, 0.5])
    assertThrows(.invalidTargetShares(shares: [0.2, 0.3, 0.5], modalities: 2,
                                      reason: "give one target share per modality")) {
      try three.penalty(network, inputs: inputs)
    }
    assertThrows(.invalidParameter(name: "weight", value: -1,
                                   reason: "the penalty weight λ must be finite and ≥ 0")) {
      try BalanceRegularizer(weight: -1)
    }
    assertThrows(.invalidPointCount(rule: "riemann_trapezoid", points: 1, minimum: 2)) {
      try BalanceRegularizer(weight: 1, rule: .riemannTrapezoid, points: 1)
    }
    assertThrows(.invalidPointCount(rule: "gauss_legendre", points: 0, minimum: 1)) {
      try BalanceRegularizer(weight: 1, points: 0)
    }
  }
}
