import Foundation
import XCTest
import EarshotAttribution
import EarshotAutodiff
import EarshotTestSupport

/// Compares Integrated Gradients (every rule), shares and the balance penalty's weight
/// gradient with an independent JAX implementation.
///
/// `Tests/Reference/run_reference.sh attribution_reference.py` creates (or reuses) the
/// virtual environment with a pinned CPU JAX under `.build/venv-reference` and runs
/// `attribution_reference.py`, which builds ``TwoModalityNetwork`` from its own random
/// weights. The test fails, saying why, when the reference cannot be produced.
///
/// Tolerances (float32 on both sides, different summation orders), per tensor:
/// `max |swift − jax| ≤ 1e-6 + 1e-4 · max |jax|` for attributions, shares, penalties and the
/// penalty's weight gradients. Measured largest differences relative to the tensor's scale:
/// 2.5e-7 (attributions), 7e-7 (penalties), 1.5e-6 (weight gradients). The gradient with
/// respect to the output bias is exactly zero on both sides: no input gradient depends on it.
final class AttributionJAXReferenceTests: XCTestCase {
  private func produceReference() throws -> [String: Tensor] {
    try JAXReference.values(of: "attribution_reference.py").tensors
  }

  private func assertClose(_ actual: Tensor, _ expected: Tensor?, _ label: String, rtol: Float) {
    guard let expected else { return XCTFail("the reference lacks \(label)") }
    XCTAssertEqual(actual.count, expected.count, label)
    let scale = largestMagnitude(expected)
    let worst = largestDifference(actual, expected)
    XCTAssertLessThanOrEqual(worst, 1e-6 + rtol * scale,
                             "\(label): largest difference \(worst), scale \(scale)")
  }

  func testIntegratedGradientsSharesAndPenaltyGradientsMatchJAX() throws {
    let t = try produceReference()
    let network = TwoModalityNetwork(seed: 0)
    let names = Set(network.namedParameters.map(\.name))
    try network.loadParameters(from: t.filter { names.contains($0.key) })
    let inputs = [try XCTUnwrap(t["input.vision"]), try XCTUnwrap(t["input.audio"])]
    let classes = try XCTUnwrap(t["classes"]).scalars.map { Int($0) }
    let target = AttributionTarget.logit(classes: classes)

    for rule in IntegrationRule.allCases {
      let result = try IntegratedGradients(rule: rule, points: 6)
        .attribute(network, inputs: inputs, target: target)
      assertClose(result.values[0], t["ig.\(rule.rawValue).vision"], "\(rule) vision",
                  rtol: 1e-4)
      assertClose(result.values[1], t["ig.\(rule.rawValue).audio"], "\(rule) audio",
                  rtol: 1e-4)
      if rule == .gaussLegendre {
        let shares = result.shares
        let perSample = try shares.perSample.map { try XCTUnwrap($0) }.flatMap { $0 }
        let net = try shares.netPerSample.map { try XCTUnwrap($0) }.flatMap { $0 }
        assertClose(try Tensor(shape: [3, 2], data: perSample), t["shares"], "shares",
                    rtol: 1e-4)
        assertClose(try Tensor(shape: [3, 2], data: net), t["netshares"], "net shares",
                    rtol: 1e-4)
      }
    }

    // The configurations of PENALTIES in attribution_reference.py.
    let penalties: [(String, ShareDivergence, AttributionSpace, Bool, [Float], Float)] = [
      ("l1_inputs", .l1, .inputs, false, [0.5, 0.5], 0.5),
      ("variance_inputs", .variance, .inputs, false, [0.5, 0.5], 0.5),
      ("kl_inputs", .kl, .inputs, false, [0.5, 0.5], 0.5),
      ("variance_embeddings", .variance, .embeddings, false, [0.5, 0.5], 2),
      ("kl_embeddings_net", .kl, .embeddings, true, [0.3, 0.7], 1),
    ]
    for (name, divergence, space, net, shares, weight) in penalties {
      let regularizer = try BalanceRegularizer(
        weight: weight, divergence: divergence, targetShares: shares, rule: .gaussLegendre,
        points: 4, useNetShares: net)
      let (penalty, _) = try regularizer.penalty(network, inputs: inputs, target: target,
                                                 space: space)
      assertClose(penalty, t["penalty.\(name)"], "penalty \(name)", rtol: 1e-4)
      let grads = try gradients(of: penalty, with: network.parameters)
      for ((parameter, _), g) in zip(network.namedParameters, grads) {
        assertClose(g, t["penaltygrad.\(name).\(parameter)"], "d penalty \(name) / d \(parameter)",
                    rtol: 1e-4)
      }
    }
  }
}
