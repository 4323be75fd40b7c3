import XCTest
@testable import EarshotAutodiff

/// Central-difference checks of first and second derivatives.
///
/// The function under test, `f(xs)`, may return any shape; it is reduced to a scalar
/// `s = Σ w·y + ½ Σ w·y²` with fixed random weights `w`, so every output element matters and
/// the upstream gradient depends on the inputs (which exercises each backward rule's own
/// backward rule). Then:
///
/// - first order: `∂s/∂x` from ``gradients(of:with:createGraph:)`` against
///   `(s(x + ε) − s(x − ε)) / 2ε` for every element of every input;
/// - second order: `h = Σ_i Σ (∂s/∂x_i) · v_i` for fixed random `v`, built with
///   `createGraph: true` and differentiated again, against central differences of `h`
///   computed from plain first gradients.
///
/// Everything is `Float`, so the differences carry rounding error of about
/// `ulp(s) / ε`; with `ε = 1e-2` and values of order one the tolerance
/// `|analytic − numeric| ≤ atol + rtol · |numeric|` uses `atol = rtol = 1e-2` by default.
struct DerivativeCheck {
  var epsilon: Float = 1e-2
  var absoluteTolerance: Float = 1e-2
  var relativeTolerance: Float = 1e-2
  var checkSecondOrder = true
  var seed: UInt64 = 7

  /// Asserts that the first (and, unless switched off, second) derivatives match.
  func run(
    _ inputs: [Tensor], file: StaticString = #filePath, line: UInt = #line,
    _ f: ([Tensor]) throws -> Tensor
  ) throws {
    let found = try mismatches(inputs, f)
    XCTAssertTrue(found.isEmpty, found.prefix(5).joined(separator: "\n"), file: file, line: line)
  }

  /// One line for each derivative element outside the tolerance (empty when all match).
  func mismatches(_ inputs: [Tensor], _ f: ([Tensor]) throws -> Tensor) throws -> [String] {
    var rng = SplitMix64(seed: seed)
    let probe = try withGradientRecording(false) { try f(inputs) }
    let w = Tensor.randomUniform(probe.shape, lower: -1, upper: 1, using: &rng)
    let v = inputs.map { Tensor.randomUniform($0.shape, lower: -1, upper: 1, using: &rng) }

    func scalar(_ xs: [Tensor]) throws -> Tensor {
      let y = try f(xs)
      return try (w * y).sum() + (w * y * y).sum() * 0.5
    }
    func leaves(_ xs: [Tensor]) -> [Tensor] {
      xs.map { try! Tensor(shape: $0.shape, data: $0.scalars, requiresGradient: true) }
    }
    func firstGradients(_ xs: [Tensor]) throws -> [Tensor] {
      let xs = leaves(xs)
      return try gradients(of: scalar(xs), with: xs)
    }
    func contraction(_ xs: [Tensor], createGraph: Bool) throws -> (Tensor, [Tensor]) {
      let xs = leaves(xs)
      let g = try gradients(of: scalar(xs), with: xs, createGraph: createGraph)
      var h = Tensor(0)
      for (gi, vi) in zip(g, v) { h = try h + (gi * vi).sum() }
      return (h, xs)
    }

    let analytic = try firstGradients(inputs)
    var found = compare(analytic, try numericGradient(inputs) { try scalar($0).scalar },
                        order: "first")
    if !analytic.allSatisfy({ $0.node == nil }) {
      found.append("createGraph: false must not record a graph")
    }

    guard checkSecondOrder else { return found }
    let (h, xs) = try contraction(inputs, createGraph: true)
    let second = try gradients(of: h, with: xs)
    let numeric = try numericGradient(inputs) { xs in
      try contraction(xs, createGraph: false).0.scalar
    }
    return found + compare(second, numeric, order: "second")
  }

  private func numericGradient(_ inputs: [Tensor], _ s: ([Tensor]) throws -> Float) throws
    -> [Tensor]
  {
    var result: [Tensor] = []
    for (i, x) in inputs.enumerated() {
      var g = [Float](repeating: 0, count: x.count)
      for j in 0..<x.count {
        var plus = inputs, minus = inputs
        var up = x.scalars, down = x.scalars
        up[j] += epsilon
        down[j] -= epsilon
        plus[i] = try Tensor(shape: x.shape, data: up)
        minus[i] = try Tensor(shape: x.shape, data: down)
        // Differences in Double so that only the two evaluations carry Float error.
        g[j] = Float((Double(try s(plus)) - Double(try s(minus))) / (2 * Double(epsilon)))
      }
      result.append(try Tensor(shape: x.shape, data: g))
    }
    return result
  }

  private func compare(_ analytic: [Tensor], _ numeric: [Tensor], order: String) -> [String] {
    var found: [String] = []
    var nonZero = false
    for (k, (a, n)) in zip(analytic, numeric).enumerated() {
      guard a.shape == n.shape else {
        found.append("\(order) derivative of input \(k): shape \(a.shape), expected \(n.shape)")
        continue
      }
      for j in 0..<a.count {
        let (x, y) = (a.scalars[j], n.scalars[j])
        if y != 0 { nonZero = true }
        if !(abs(x - y) <= absoluteTolerance + relativeTolerance * abs(y)) {
          found.append("\(order) derivative of input \(k), element \(j): analytic \(x), "
            + "numeric \(y)")
        }
      }
    }
    if order == "first" && !nonZero { found.append("the check needs a non-zero gradient") }
    return found
  }
}

/// Deterministic test data in `[lower, upper)`.
func sample(_ shape: [Int], seed: UInt64, lower: Float = -1, upper: Float = 1) -> Tensor {
  var rng = SplitMix64(seed: seed)
  return Tensor.randomUniform(shape, lower: lower, upper: upper, using: &rng)
}
