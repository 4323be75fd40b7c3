import XCTest
@testable import EarshotAutodiff

final class ReductionTests: XCTestCase {
  func testValues() throws {
    let x = try Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(try x.sum(alongAxes: [0]).scalars, [5, 7, 9])
    XCTAssertEqual(try x.sum(alongAxes: [1], keepingDimensions: true).shape, [2, 1])
    XCTAssertEqual(try x.mean(alongAxes: [-1]).scalars, [2, 5])
    XCTAssertEqual(x.sum().scalar, 21)
    XCTAssertEqual(try x.maxValues(alongAxis: 1).scalars, [3, 6])
    XCTAssertThrowsError(try x.sum(alongAxes: [2]))
  }

  func testSumAndMeanDerivatives() throws {
    try DerivativeCheck().run([sample([2, 3, 4], seed: 1)]) { try $0[0].sum(alongAxes: [0, 2]) }
    try DerivativeCheck().run([sample([2, 3, 4], seed: 2)]) {
      try $0[0].mean(alongAxes: [1], keepingDimensions: true)
    }
    try DerivativeCheck().run([sample([3, 2], seed: 3)]) { $0[0].mean() }
  }
}
