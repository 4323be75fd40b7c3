import XCTest
@testable import EarshotAutodiff

final class ArithmeticTests: XCTestCase {
  func testBroadcastingValues() throws {
    let a = try Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    let b = try Tensor(shape: [3], data: [10, 20, 30])
    XCTAssertEqual(try (a + b).scalars, [11, 22, 33, 14, 25, 36])
    XCTAssertEqual(try (a * Tensor(shape: [2, 1], data: [2, 3])).scalars,
                   [2, 4, 6, 12, 15, 18])
    XCTAssertEqual((a - 1).scalars, [0, 1, 2, 3, 4, 5])
  }

  func testShapeMismatchNamesBothShapes() {
    let a = Tensor.zeros([2, 3]), b = Tensor.zeros([4])
    XCTAssertThrowsError(try a + b) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("[2, 3]") && text.contains("[4]"), text)
    }
  }

  func testAddSubtractDerivatives() throws {
    try DerivativeCheck().run([sample([2, 3], seed: 1), sample([3], seed: 2)]) {
      try $0[0] + $0[1] - $0[1] * $0[1]
    }
    try DerivativeCheck().run([sample([2, 3], seed: 3), sample([2, 1], seed: 4)]) {
      try $0[0] - $0[1]
    }
  }

  func testMultiplyDivideDerivatives() throws {
    try DerivativeCheck().run([sample([2, 3], seed: 5), sample([1, 3], seed: 6)]) {
      try $0[0] * $0[1]
    }
    try DerivativeCheck().run(
      [sample([2, 3], seed: 7), sample([2, 3], seed: 8, lower: 1, upper: 2)]
    ) { try $0[0] / $0[1] }
  }

  func testElementwiseFunctionDerivatives() throws {
    let positive = sample([2, 3], seed: 9, lower: 0.5, upper: 2)
    try DerivativeCheck().run([positive]) { $0[0].log() }
    try DerivativeCheck().run([sample([2, 3], seed: 10)]) { $0[0].exp() }
    try DerivativeCheck().run([positive]) { $0[0].pow(1.5) }
    try DerivativeCheck().run([positive]) { $0[0].squareRoot() }
    try DerivativeCheck().run([sample([5], seed: 11)]) { 3 - $0[0].squared() * 2 + 1 }
  }

  func testBroadcastAndSumToShapeDerivatives() throws {
    try DerivativeCheck().run([sample([3, 1], seed: 12)]) { try $0[0].broadcast(to: [2, 3, 4]) }
    try DerivativeCheck().run([sample([2, 3, 4], seed: 13)]) {
      try $0[0].sum(toShape: [3, 1])
    }
  }
}
