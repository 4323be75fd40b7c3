import XCTest
@testable import EarshotAutodiff

final class NormalizationTests: XCTestCase {
  func testValues() throws {
    let y = try Tensor(shape: [1, 4], data: [1, 2, 3, 4]).layerNormalized()
    XCTAssertEqual(y.scalars.reduce(0, +), 0, accuracy: 1e-5)
    XCTAssertEqual(y.scalars.map { $0 * $0 }.reduce(0, +) / 4, 1, accuracy: 1e-4)
  }

  func testDerivatives() throws {
    try DerivativeCheck().run([sample([2, 5], seed: 1, lower: -2, upper: 2)]) {
      try $0[0].layerNormalized()
    }
  }
}
