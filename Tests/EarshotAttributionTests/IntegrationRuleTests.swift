import Foundation
import XCTest
import EarshotAttribution

final class IntegrationRuleTests: XCTestCase {
  /// Abramowitz & Stegun, table 25.4, on [−1, 1] (positive nodes and their weights).
  func testGaussLegendreMatchesTabulatedValues() {
    let tables: [Int: [(node: Double, weight: Double)]] = [
      1: [(0, 2)],
      2: [(0.577_350_269_189_626, 1)],
      3: [(0, 0.888_888_888_888_889), (0.774_596_669_241_483, 0.555_555_555_555_556)],
      4: [(0.339_981_043_584_856, 0.652_145_154_862_546),
          (0.861_136_311_594_053, 0.347_854_845_137_454)],
      5: [(0, 0.568_888_888_888_889), (0.538_469_310_105_683, 0.478_628_670_499_366),
          (0.906_179_845_938_664, 0.236_926_885_056_189)],
    ]
    for (n, table) in tables {
      let rule = GaussLegendre(points: n)
      XCTAssertEqual(rule.nodes, rule.nodes.sorted(), "n = \(n): ascending")
      for (node, weight) in table {
        let i = rule.nodes.firstIndex { abs($0 - node) < 1e-12 }
        XCTAssertNotNil(i, "n = \(n): node \(node) missing from \(rule.nodes)")
        if let i { XCTAssertEqual(rule.weights[i], weight, accuracy: 1e-12, "n = \(n)") }
        let mirrored = rule.nodes.firstIndex { abs($0 + node) < 1e-12 }
        XCTAssertNotNil(mirrored, "n = \(n): node \(-node) missing")
      }
    }
  }

  /// n points integrate every monomial of degree ≤ 2n − 1 exactly on [0, 1]: ∫ tᵈ = 1/(d+1).
  func testGaussLegendreIsExactToDegreeTwoNMinusOne() throws {
    for n in [1, 2, 3, 7, 16, 32, 64] {
      let (alphas, weights) = try IntegrationRule.gaussLegendre.nodes(points: n)
      XCTAssertEqual(weights.reduce(0, +), 1, accuracy: 1e-13, "n = \(n)")
      XCTAssertTrue(alphas.allSatisfy { $0 > 0 && $0 < 1 }, "n = \(n)")
      for degree in 0...(2 * n - 1) {
        let sum = zip(alphas, weights).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(degree)) }
        XCTAssertEqual(sum, 1 / Double(degree + 1), accuracy: 1e-12, "n = \(n), t^\(degree)")
      }
    }
  }

  func testRiemannNodesAndWeights() throws {
    let left = try IntegrationRule.riemannLeft.nodes(points: 4)
    XCTAssertEqual(left.alphas, [0, 0.25, 0.5, 0.75])
    XCTAssertEqual(left.weights, [0.25, 0.25, 0.25, 0.25])
    XCTAssertEqual(try IntegrationRule.riemannRight.nodes(points: 4).alphas, [0.25, 0.5, 0.75, 1])
    XCTAssertEqual(try IntegrationRule.riemannMiddle.nodes(points: 2).alphas, [0.25, 0.75])
    let trapezoid = try IntegrationRule.riemannTrapezoid.nodes(points: 5)
    XCTAssertEqual(trapezoid.alphas, [0, 0.25, 0.5, 0.75, 1])
    XCTAssertEqual(trapezoid.weights, [0.125, 0.25, 0.25, 0.25, 0.125])
    for rule in IntegrationRule.allCases {
      for k in [2, 3, 10] {
        XCTAssertEqual(try rule.nodes(points: k).weights.reduce(0, +), 1, accuracy: 1e-14)
      }
    }
  }

  func testParsingAndBadPointCounts() throws {
    for rule in IntegrationRule.allCases {
      XCTAssertEqual(try IntegrationRule(parsing: rule.rawValue), rule)
    }
    assertThrows(.unknownRule("simpson")) { try IntegrationRule(parsing: "simpson") }
    assertThrows(.invalidPointCount(rule: "riemann_left", points: 0, minimum: 1)) {
      try IntegratedGradients(rule: .riemannLeft, points: 0)
    }
    assertThrows(.invalidPointCount(rule: "gauss_legendre", points: -3, minimum: 1)) {
      try IntegratedGradients(rule: .gaussLegendre, points: -3)
    }
    assertThrows(.invalidPointCount(rule: "riemann_trapezoid", points: 1, minimum: 2)) {
      try IntegratedGradients(rule: .riemannTrapezoid, points: 1)
    }
    XCTAssertEqual(try IntegratedGradients(rule: .riemannMiddle, points: 1).points, 1)
    XCTAssertEqual(try ShareDivergence(parsing: "kl"), .kl)
    assertThrows(.unknownDivergence("js")) { try ShareDivergence(parsing: "js") }
  }
}
