import XCTest
@testable import EarshotAutodiff

final class RecurrentTests: XCTestCase {
  func testKnownValue() throws {
    // All weights zero: r = z = ½, n = 0, so h' = h / 2.
    let h = try Tensor(shape: [1, 2], data: [0.4, -0.6])
    let next = try gatedRecurrentStep(
      input: .zeros([1, 3]), hidden: h, inputWeight: .zeros([3, 6]),
      hiddenWeight: .zeros([2, 6]), inputBias: .zeros([6]), hiddenBias: .zeros([6]))
    XCTAssertEqual(next.scalars, [0.2, -0.3])
  }

  func testDerivatives() throws {
    let inputs = [
      sample([2, 3], seed: 1), sample([2, 2], seed: 2), sample([3, 6], seed: 3),
      sample([2, 6], seed: 4), sample([6], seed: 5), sample([6], seed: 6),
    ]
    try DerivativeCheck().run(inputs) {
      try gatedRecurrentStep(input: $0[0], hidden: $0[1], inputWeight: $0[2],
                             hiddenWeight: $0[3], inputBias: $0[4], hiddenBias: $0[5])
    }
  }
}
