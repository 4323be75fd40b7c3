import XCTest
@testable import EarshotAutodiff

final class LayerTests: XCTestCase {
  func testShapesAndNames() throws {
    var rng = SplitMix64(seed: 1)
    let linear = Linear(inputSize: 3, outputSize: 2, using: &rng)
    let conv = Conv2D(inChannels: 2, outChannels: 4, kernelSize: 3, padding: 1, using: &rng)
    let gru = GRUCell(inputSize: 3, hiddenSize: 5, using: &rng)
    let norm = LayerNorm(features: 5)
    XCTAssertEqual(try linear(.zeros([7, 3])).shape, [7, 2])
    XCTAssertEqual(try conv(.zeros([1, 2, 6, 5])).shape, [1, 4, 6, 5])
    XCTAssertEqual(try gru(.zeros([2, 3]), hidden: .zeros([2, 5])).shape, [2, 5])
    XCTAssertEqual(try norm(.zeros([2, 5])).shape, [2, 5])
    XCTAssertEqual(linear.namedParameters(prefix: "policy.head").map(\.name),
                   ["policy.head.weight", "policy.head.bias"])
    XCTAssertEqual(linear.weight.shape, [3, 2])
    XCTAssertEqual(conv.weight.shape, [4, 2, 3, 3])
    XCTAssertEqual(gru.parameterCount, 3 * 15 + 5 * 15 + 15 + 15)
    XCTAssertThrowsError(try linear(.zeros([7, 4])))
  }

  func testSeededInitialisationIsReproducible() {
    var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
    XCTAssertEqual(Linear(inputSize: 4, outputSize: 3, using: &a).weight.scalars,
                   Linear(inputSize: 4, outputSize: 3, using: &b).weight.scalars)
    var c = SplitMix64(seed: 3)
    let g = Tensor.randomNormal([20_000], using: &c).scalars
    let mean = g.reduce(0, +) / Float(g.count)
    let variance = g.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(g.count)
    XCTAssertEqual(mean, 0, accuracy: 0.03)
    XCTAssertEqual(variance, 1, accuracy: 0.05)
  }

  func testLayerNormParametersDerivatives() throws {
    let x = sample([2, 4], seed: 2, lower: -2, upper: 2)
    try DerivativeCheck().run([x, sample([4], seed: 3), sample([4], seed: 4)]) {
      try $0[0].layerNormalized() * $0[1] + $0[2]
    }
  }
}
