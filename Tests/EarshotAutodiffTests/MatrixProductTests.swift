import XCTest
@testable import EarshotAutodiff

final class MatrixProductTests: XCTestCase {
  func testValues() throws {
    let a = try Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    let b = try Tensor(shape: [3, 1], data: [1, 0, -1])
    XCTAssertEqual(try a.matmul(b).scalars, [-2, -2])
    XCTAssertEqual(try a.matmul(a, transposeOther: true).scalars, [14, 32, 32, 77])
    XCTAssertThrowsError(try a.matmul(a)) { error in
      XCTAssertTrue("\(error)".contains("[2, 3] and [2, 3]"), "\(error)")
    }
  }

  func testDerivativesForEveryTransposition() throws {
    for (ta, tb) in [(false, false), (false, true), (true, false), (true, true)] {
      let a = sample(ta ? [3, 2] : [2, 3], seed: 1)
      let b = sample(tb ? [4, 3] : [3, 4], seed: 2)
      try DerivativeCheck().run([a, b]) {
        try $0[0].matmul($0[1], transposeSelf: ta, transposeOther: tb)
      }
    }
  }
}
