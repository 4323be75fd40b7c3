import XCTest
@testable import EarshotAutodiff

final class ActivationTests: XCTestCase {
  /// Inputs kept at least 0.1 away from zero, where ReLU's derivative jumps.
  private let awayFromKink = try! Tensor(
    shape: [2, 4], data: [-1.2, -0.5, -0.1, 0.1, 0.3, 0.7, 1.1, -0.8])

  func testValues() {
    let x = try! Tensor(shape: [3], data: [-2, 0, 3])
    XCTAssertEqual(x.relu().scalars, [0, 0, 3])
    XCTAssertEqual(x.leakyRelu(slope: 0.1).scalars, [-0.2, 0, 3])
    XCTAssertEqual(x.sigmoid().scalars[1], 0.5)
    XCTAssertEqual(Tensor(100).softplus().scalar, 100)
    XCTAssertEqual(Tensor(-100).sigmoid().scalar, 0, accuracy: 1e-30)
  }

  func testPiecewiseLinearDerivatives() throws {
    try DerivativeCheck().run([awayFromKink]) { $0[0].relu() }
    try DerivativeCheck().run([awayFromKink]) { $0[0].leakyRelu(slope: 0.2) }
  }

  func testSmoothDerivatives() throws {
    let x = sample([2, 4], seed: 1, lower: -2, upper: 2)
    try DerivativeCheck().run([x]) { $0[0].tanh() }
    try DerivativeCheck().run([x]) { $0[0].sigmoid() }
    try DerivativeCheck().run([x]) { $0[0].softplus() }
    try DerivativeCheck().run([x]) { $0[0].silu() }
    try DerivativeCheck().run([x]) { $0[0].gelu() }
  }
}
