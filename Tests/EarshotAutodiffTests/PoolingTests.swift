import XCTest
@testable import EarshotAutodiff

final class PoolingTests: XCTestCase {
  func testValues() throws {
    let x = try Tensor(shape: [1, 1, 2, 5], data: [1, 5, 2, 0, 9, 3, 4, 8, 1, 9])
    XCTAssertEqual(try x.maxPooled(size: 2).scalars, [5, 8])
    XCTAssertEqual(try x.averagePooled(size: 2).scalars, [3.25, 2.75])
    XCTAssertThrowsError(try Tensor.zeros([1, 1, 1, 4]).maxPooled(size: 2))
  }

  func testDerivatives() throws {
    try DerivativeCheck().run([sample([2, 2, 4, 5], seed: 1)]) { try $0[0].averagePooled(size: 2) }
    // Distinct values at least 0.05 apart, so no window's maximum changes within ±epsilon.
    var values = (0..<40).map { Float($0) * 0.05 - 1 }
    var rng = SplitMix64(seed: 2)
    values.shuffle(using: &rng)
    let x = try Tensor(shape: [2, 1, 4, 5], data: values)
    try DerivativeCheck(epsilon: 1e-2).run([x]) { try $0[0].maxPooled(size: 2) }
  }
}
