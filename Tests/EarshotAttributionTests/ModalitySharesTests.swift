import XCTest
import EarshotAttribution
import EarshotAutodiff

final class ModalitySharesTests: XCTestCase {
  func testSharesSumToOneAndMatchTheDefinition() throws {
    let network = TwoModalityNetwork(seed: 21)
    let inputs = TwoModalityNetwork.inputs(batch: 6, seed: 22)
    let result = try IntegratedGradients(rule: .gaussLegendre, points: 16)
      .attribute(network, inputs: inputs)
    let shares = result.shares
    XCTAssertEqual(shares.modalityCount, 2)
    XCTAssertEqual(shares.includedCount, 6)
    XCTAssertEqual(shares.excludedCount, 0)
    for b in 0..<6 {
      let s = try XCTUnwrap(shares.perSample[b])
      let n = try XCTUnwrap(shares.netPerSample[b])
      XCTAssertEqual(s.reduce(0, +), 1, accuracy: 1e-6)
      XCTAssertEqual(n.reduce(0, +), 1, accuracy: 1e-6)
      let vision = result.values[0].scalars[(b * 5)..<(b * 5 + 5)].map(abs).reduce(0, +)
      let audio = result.values[1].scalars[(b * 6)..<(b * 6 + 6)].map(abs).reduce(0, +)
      XCTAssertEqual(s[0], vision / (vision + audio), accuracy: 1e-5)
    }
    let mean = try XCTUnwrap(shares.mean)
    XCTAssertEqual(mean.reduce(0, +), 1, accuracy: 1e-6)
    let variance = try XCTUnwrap(shares.intermodalVariance)
    let expected = shares.perSample.compactMap { $0 }.map { s in
      s.map { ($0 - 0.5) * ($0 - 0.5) }.reduce(0, +) / 2
    }.reduce(0, +) / 6
    XCTAssertEqual(variance, expected, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(shares.imbalanceRatio), mean.max()! / mean.min()!, accuracy: 1e-5)
  }

  /// A sample whose input equals the baseline has all-zero attributions: no shares, not NaN,
  /// left out of the averages and counted.
  func testAllZeroSamplesAreExcludedAndCounted() throws {
    let network = TwoModalityNetwork(seed: 21)
    var inputs = TwoModalityNetwork.inputs(batch: 3, seed: 22)
    // Sample 1 becomes the zero baseline in both modalities.
    inputs = try inputs.map { x in
      var values = x.scalars
      let size = x.count / 3
      for i in size..<(2 * size) { values[i] = 0 }
      return try Tensor(shape: x.shape, data: values)
    }
    let result = try IntegratedGradients(rule: .gaussLegendre, points: 8)
      .attribute(network, inputs: inputs)
    let shares = result.shares
    XCTAssertNil(shares.perSample[1])
    XCTAssertNil(shares.netPerSample[1])
    XCTAssertEqual(shares.excludedCount, 1)
    XCTAssertEqual(shares.includedCount, 2)
    let mean = try XCTUnwrap(shares.mean)
    let expected = (0..<2).map { m in (shares.perSample[0]![m] + shares.perSample[2]![m]) / 2 }
    XCTAssertEqual(mean[0], expected[0], accuracy: 1e-6)
    XCTAssertFalse(try XCTUnwrap(shares.intermodalVariance).isNaN)
    XCTAssertEqual(result.completenessError[1], 0)

    let none = ModalityShares(attributions: [Tensor.zeros([2, 3]), Tensor.zeros([2, 4])])
    XCTAssertEqual(none.excludedCount, 2)
    XCTAssertNil(none.mean)
    XCTAssertNil(none.intermodalVariance)
    XCTAssertNil(none.imbalanceRatio)
  }

  /// Attributions of opposite sign balance the |a| shares but not the net shares.
  func testNetSharesSeeCancellation() throws {
    let vision = try Tensor(shape: [1, 2], data: [3, -3])
    let audio = try Tensor(shape: [1, 2], data: [1, 1])
    let shares = ModalityShares(attributions: [vision, audio])
    XCTAssertEqual(shares.perSample[0]!, [0.75, 0.25])
    XCTAssertEqual(shares.netPerSample[0]!, [0, 1])
    XCTAssertEqual(shares.netMean!, [0, 1])
    XCTAssertEqual(shares.imbalanceRatio!, 3, accuracy: 1e-6)

    let silent = ModalityShares(attributions: [try Tensor(shape: [1, 1], data: [2]),
                                               Tensor.zeros([1, 1])])
    XCTAssertEqual(silent.imbalanceRatio, .infinity)
  }

  func testCombiningBatchesEqualsOneBatch() throws {
    let a = try Tensor(shape: [3, 2], data: [1, 2, 0, 0, -1, 4])
    let b = try Tensor(shape: [3, 1], data: [2, 0, 1])
    let whole = ModalityShares(attributions: [a, b])
    let first = ModalityShares(attributions: [try a.slice(alongAxis: 0, 0..<1),
                                              try b.slice(alongAxis: 0, 0..<1)])
    let rest = ModalityShares(attributions: [try a.slice(alongAxis: 0, 1..<3),
                                             try b.slice(alongAxis: 0, 1..<3)])
    XCTAssertEqual(ModalityShares(combining: [first, rest]), whole)
    XCTAssertEqual(whole.excludedCount, 1)
  }
}
