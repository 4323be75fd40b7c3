import Foundation
import XCTest
@testable import EarshotAutodiff
import EarshotTestSupport

/// Compares values, gradients and double-backprop gradients of a small CNN + MLP with JAX.
///
/// `Tests/Reference/run_reference.sh jax_reference.py` creates (or reuses) a virtual
/// environment with a pinned CPU JAX under `.build/venv-reference` and writes the
/// reference into a safetensors file; `Tests/Reference/jax_reference.py` describes the
/// network. The test fails, saying why,
/// when the reference cannot be produced (no python3, no network for the first install).
///
/// Tolerances (float32 on both sides, different summation orders), for each element:
/// `|swift − jax| ≤ 1e-6 + 1e-4 · max|jax|` over the tensor, for the values, the gradients
/// and the double-backprop gradients alike; the largest differences measured were about
/// 5e-7 on tensors of scale 0.1–1.3.
final class JAXReferenceTests: XCTestCase {
  private func produceReference() throws -> SafeTensors.Contents {
    try JAXReference.values(of: "jax_reference.py")
  }

  /// The network of `jax_reference.py`, with its weights.
  final class ReferenceNet: Module {
    let conv: Conv2D, norm: LayerNorm, hidden: Linear, head: Linear
    init() {
      var rng = SplitMix64(seed: 0)
      conv = Conv2D(inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: 1,
                    using: &rng)
      norm = LayerNorm(features: 12)
      hidden = Linear(inputSize: 12, outputSize: 6, using: &rng)
      head = Linear(inputSize: 6, outputSize: 4, using: &rng)
    }
    var namedParameters: [(name: String, tensor: Tensor)] {
      conv.namedParameters(prefix: "conv") + norm.namedParameters(prefix: "norm")
        + hidden.namedParameters(prefix: "hidden") + head.namedParameters(prefix: "head")
    }
    func callAsFunction(_ x: Tensor) throws -> Tensor {
      let features = try conv(x).tanh().averagePooled(size: 2).flattenedBatch()
      return try head(hidden(norm(features)).gelu())
    }
  }

  private func assertClose(
    _ actual: Tensor, _ expected: Tensor?, _ label: String, atol: Float, rtol: Float
  ) {
    guard let expected else { return XCTFail("the reference lacks \(label)") }
    XCTAssertEqual(actual.shape.reduce(1, *), expected.count, label)
    let scale = expected.scalars.map(abs).max() ?? 0
    var worst: Float = 0
    for (a, e) in zip(actual.scalars, expected.scalars) { worst = max(worst, abs(a - e)) }
    XCTAssertLessThanOrEqual(worst, atol + rtol * scale,
                             "\(label): largest difference \(worst), scale \(scale)")
  }

  func testValueGradientAndDoubleBackpropMatchJAX() throws {
    let reference = try produceReference()
    let t = reference.tensors
    let net = ReferenceNet()
    try net.loadParameters(from: t.filter { key, _ in
      !key.hasPrefix("grad.") && !key.hasPrefix("penaltygrad.")
        && !["input", "labels", "loss", "penalty"].contains(key)
    })
    let input = try XCTUnwrap(t["input"])
    let labels = try XCTUnwrap(t["labels"]).scalars.map { Int($0) }

    let loss = try net(input).crossEntropy(labels: labels)
    assertClose(loss, t["loss"], "loss", atol: 1e-6, rtol: 1e-4)
    let grads = try gradients(of: loss, with: net.parameters)
    for ((name, _), g) in zip(net.namedParameters, grads) {
      assertClose(g, t["grad." + name], "d loss / d \(name)", atol: 1e-6, rtol: 1e-4)
    }

    let x = try Tensor(shape: input.shape, data: input.scalars, requiresGradient: true)
    let inputGradient = try gradients(
      of: net(x).crossEntropy(labels: labels), with: [x], createGraph: true)[0]
    let penalty = inputGradient.squared().sum()
    assertClose(penalty, t["penalty"], "penalty", atol: 1e-6, rtol: 1e-4)
    let penaltyGrads = try gradients(of: penalty, with: net.parameters)
    for ((name, _), g) in zip(net.namedParameters, penaltyGrads) {
      assertClose(g, t["penaltygrad." + name], "d penalty / d \(name)", atol: 1e-6, rtol: 1e-4)
    }
  }
}
