import Foundation
import XCTest
import EarshotAttribution
import EarshotAutodiff

final class IntegratedGradientsTests: XCTestCase {
  /// For F(x) = Σ_m x_m · w_m every rule gives a = (x − x′) ⊙ w, whatever K, because the
  /// gradient is constant along the path and the weights sum to 1.
  func testLinearModelGivesDifferenceTimesWeightForEveryRule() throws {
    var rng = SplitMix64(seed: 11)
    let weights = [Tensor.randomNormal([1, 4], using: &rng),
                   Tensor.randomNormal([1, 2, 3], using: &rng)]
    let inputs = [Tensor.randomNormal([3, 4], using: &rng),
                  Tensor.randomNormal([3, 2, 3], using: &rng)]
    let baselines = [Tensor.randomNormal([3, 4], using: &rng),
                     Tensor.randomNormal([3, 2, 3], using: &rng)]
    func f(_ xs: [Tensor]) throws -> Tensor {
      try (xs[0] * weights[0]).sum(alongAxes: [1])
        + (xs[1] * weights[1]).sum(alongAxes: [1, 2])
    }
    for rule in IntegrationRule.allCases {
      for k in [2, 5] {
        let ig = try IntegratedGradients(rule: rule, points: k)
        let result = try ig.attribute(f, inputs: inputs, baselines: baselines)
        for m in 0..<2 {
          let expected = try (inputs[m] - baselines[m]) * weights[m]
          XCTAssertEqual(result.values[m].shape, inputs[m].shape)
          XCTAssertLessThanOrEqual(largestDifference(result.values[m], expected),
                                   1e-6 * max(1, largestMagnitude(expected)), "\(rule) K=\(k)")
        }
        XCTAssertLessThan(result.maxCompletenessError, 1e-5, "\(rule) K=\(k)")
      }
    }
  }

  /// A smooth tanh/softplus network, two modalities: completeness within 1 % with 32
  /// Gauss–Legendre points (measured: about 1e-6, float rounding).
  func testCompletenessWithThirtyTwoGaussLegendrePoints() throws {
    let network = TwoModalityNetwork(seed: 3)
    let inputs = TwoModalityNetwork.inputs(batch: 8, seed: 4)
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: 32)
    for space in AttributionSpace.allCases {
      let result = try ig.attribute(network, inputs: inputs, space: space)
      XCTAssertEqual(result.completenessError.count, 8)
      XCTAssertLessThan(result.maxCompletenessError, 0.01, "\(space)")
      XCTAssertLessThanOrEqual(result.meanCompletenessError, result.maxCompletenessError)
    }
  }

  /// F(x) = Σᵢ exp(c xᵢ) is separable, so the exact attribution is aᵢ = exp(c xᵢ) − 1 from a
  /// zero baseline. Doubling K should halve the error of the left and right sums and quarter
  /// that of the midpoint and trapezoid sums; Gauss–Legendre is exact to float precision.
  func testRiemannRulesConvergeAtTheirOrder() throws {
    let x = try Tensor(shape: [1, 4], data: [1.5, -1.2, 0.8, 2])
    let c: Float = 1.3
    let exact = (x * c).exp() - 1
    let f: ([Tensor]) throws -> Tensor = { xs in try (xs[0] * c).exp().sum(alongAxes: [1]) }
    func error(_ rule: IntegrationRule, _ k: Int) throws -> Double {
      let a = try IntegratedGradients(rule: rule, points: k).attribute(f, inputs: [x]).values[0]
      return zip(a.scalars, exact.scalars).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) }
    }
    let orders: [(IntegrationRule, Double)] = [
      (.riemannLeft, 2), (.riemannRight, 2), (.riemannMiddle, 4), (.riemannTrapezoid, 4),
    ]
    for (rule, factor) in orders {
      let coarse = try error(rule, 8), fine = try error(rule, 16)
      XCTAssertEqual(coarse / fine, factor, accuracy: 0.15 * factor, "\(rule): \(coarse) → \(fine)")
    }
    let gaussError = try error(.gaussLegendre, 8)
    XCTAssertLessThan(gaussError, 1e-5 * exact.scalars.map { Double(abs($0)) }.reduce(0, +))
  }

  /// The mean of many single-point stochastic estimates approaches the exact integral: the
  /// same sample repeated N = 4000 times in one batch gets N independent α.
  func testStochasticEstimatorIsUnbiased() throws {
    let network = TwoModalityNetwork(seed: 5)
    let one = TwoModalityNetwork.inputs(batch: 1, seed: 6)
    let n = 4000
    let repeated = try one.map { x in
      try x.broadcast(to: [n] + x.shape.dropFirst()).detached()
    }
    let target = AttributionTarget.logit(classes: [1])
    let exact = try IntegratedGradients(rule: .gaussLegendre, points: 32)
      .attribute(network, inputs: one, target: target)
    let classes = AttributionTarget.logit(classes: [Int](repeating: 1, count: n))
    let draws = try IntegratedGradients(stochasticSeed: 9)
      .attribute(network, inputs: repeated, target: classes)

    for m in 0..<2 {
      let size = one[m].count
      for i in 0..<size {
        let samples = (0..<n).map { Double(draws.values[m].scalars[$0 * size + i]) }
        let mean = samples.reduce(0, +) / Double(n)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let standardError = (variance / Double(n)).squareRoot()
        let truth = Double(exact.values[m].scalars[i])
        // 4.5 standard errors: a false alarm about once in 10⁵ elements.
        XCTAssertLessThanOrEqual(abs(mean - truth), 4.5 * standardError + 1e-6,
                                 "modality \(m) element \(i)")
      }
    }
    // Single draws are far from exact: the test would be empty if they were not.
    XCTAssertGreaterThan(draws.maxCompletenessError, 0.01)
  }

  func testBaselines() throws {
    let network = TwoModalityNetwork(seed: 1)
    let inputs = TwoModalityNetwork.inputs(batch: 4, seed: 2)
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: 16)
    let target = AttributionTarget.logit(classes: [0, 1, 2, 0])

    let mean = [Tensor.filled([5], with: 0.25), Tensor.filled([1, 2, 3], with: -0.5)]
    let fromMean = try ig.attribute(network, inputs: inputs, target: target,
                                    baseline: .mean(mean))
    let explicit = try ig.attribute(network, inputs: inputs, target: target, baseline: .tensors(
      [try mean[0].broadcast(to: [4, 5]), try mean[1].broadcast(to: [4, 2, 3])]))
    for m in 0..<2 {
      XCTAssertEqual(fromMean.values[m].scalars, explicit.values[m].scalars)
    }
    XCTAssertLessThan(fromMean.maxCompletenessError, 1e-3)

    // Each sample's baseline is one row of the reference set, the same row for both
    // modalities; the same seed and draw give the same rows.
    var rng = SplitMix64(seed: 8)
    let references = [Tensor.randomNormal([6, 5], using: &rng),
                      Tensor.randomNormal([6, 2, 3], using: &rng)]
    let baseline = Baseline.randomReference(references, seed: 4)
    let resolved = try baseline.resolved(for: inputs, draw: 3)
    for b in 0..<4 {
      let vision = Array(resolved[0].scalars[(b * 5)..<(b * 5 + 5)])
      let row = try XCTUnwrap((0..<6).first {
        Array(references[0].scalars[($0 * 5)..<($0 * 5 + 5)]) == vision
      })
      XCTAssertEqual(Array(resolved[1].scalars[(b * 6)..<(b * 6 + 6)]),
                     Array(references[1].scalars[(row * 6)..<(row * 6 + 6)]))
    }
    XCTAssertEqual(try baseline.resolved(for: inputs, draw: 3)[0].scalars, resolved[0].scalars)
    let random = try ig.attribute(network, inputs: inputs, target: target, baseline: baseline)
    XCTAssertLessThan(random.maxCompletenessError, 1e-3)
  }

  /// The greedy target attributes the class with the largest logit.
  func testGreedyTargetPicksTheLargestLogit() throws {
    let network = TwoModalityNetwork(seed: 1)
    let inputs = TwoModalityNetwork.inputs(batch: 5, seed: 2)
    let logits = try network.logits(inputs)
    let greedy = try network.targetClasses(.greedyLogit, inputs: inputs)
    for b in 0..<5 {
      let row = (0..<3).map { logits[b, $0] }
      XCTAssertEqual(row[greedy[b]], row.max())
    }
    let ig = try IntegratedGradients(rule: .gaussLegendre, points: 8)
    let a = try ig.attribute(network, inputs: inputs)
    let b = try ig.attribute(network, inputs: inputs, target: .logit(classes: greedy))
    XCTAssertEqual(a.values[0].scalars, b.values[0].scalars)
    XCTAssertEqual(a.targetAtInput, (0..<5).map { logits[$0, greedy[$0]] })
  }

  func testBadInputsAreTypedErrors() throws {
    let network = TwoModalityNetwork(seed: 1)
    let inputs = TwoModalityNetwork.inputs(batch: 2, seed: 2)
    let ig = try IntegratedGradients(rule: .riemannMiddle, points: 3)

    assertThrows(.targetOutOfRange(sample: 1, index: 3, classes: 3)) {
      try ig.attribute(network, inputs: inputs, target: .logit(classes: [0, 3]))
    }
    assertThrows(.targetOutOfRange(sample: 0, index: -1, classes: 3)) {
      try ig.attribute(network, inputs: inputs, target: .logProbability(classes: [-1, 0]))
    }
    assertThrows(.noModalities) { try ig.attribute({ $0[0] }, inputs: [], baselines: []) }
    let short = Tensor.zeros([3, 2, 3])
    assertThrows(.modalityShapeMismatch(
      modality: 1, expected: [2, 2, 3], found: [3, 2, 3],
      reason: "every modality has the batch size of modality 0")) {
      try ig.attribute({ try $0[0].sum(alongAxes: [1]) }, inputs: [inputs[0], short])
    }
    assertThrows(.modalityShapeMismatch(
      modality: 0, expected: [2, 5], found: [2, 4],
      reason: "the baseline must have the input's shape")) {
      try ig.attribute({ try $0[0].sum(alongAxes: [1]) }, inputs: [inputs[0]],
                       baselines: [Tensor.zeros([2, 4])])
    }
    assertThrows(.modalityShapeMismatch(
      modality: 0, expected: [5], found: [4],
      reason: "a mean baseline is one sample, [...] or [1, ...]")) {
      try ig.attribute({ try $0[0].sum(alongAxes: [1]) }, inputs: [inputs[0]],
                       baseline: .mean([Tensor.zeros([4])]))
    }
    assertThrows(.emptyReferenceSet(modality: 0)) {
      try ig.attribute({ try $0[0].sum(alongAxes: [1]) }, inputs: [inputs[0]],
                       baseline: .randomReference([Tensor.zeros([0, 5])], seed: 1))
    }
    // A target of the wrong shape: the whole logit matrix instead of one scalar per row.
    assertThrows(.targetShape(expected: 6, found: [6, 3])) {
      try ig.attribute({ try network.logits($0) }, inputs: inputs)
    }
  }
}
