import XCTest
import Foundation
@testable import EarshotAutodiff

final class LossTests: XCTestCase {
  func testValues() throws {
    let logits = try Tensor(shape: [1, 3], data: [1, 2, 3])
    let p = try logits.softmax().scalars
    XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-6)
    XCTAssertEqual(try logits.crossEntropy(labels: [2]).scalar, -Foundation.log(p[2]),
                   accuracy: 1e-6)
    XCTAssertEqual(try Tensor.zeros([1, 4]).entropy().scalar, Foundation.log(4), accuracy: 1e-6)
    XCTAssertEqual(try Tensor(shape: [1, 2], data: [1000, 0]).logSoftmax().scalars[1], -1000)
    XCTAssertThrowsError(try logits.crossEntropy(labels: [3]))
  }

  func testDerivatives() throws {
    let logits = sample([2, 4], seed: 1, lower: -2, upper: 2)
    try DerivativeCheck().run([logits]) { try $0[0].logSoftmax() }
    try DerivativeCheck().run([logits]) { try $0[0].softmax() }
    try DerivativeCheck().run([logits]) { try $0[0].crossEntropy(labels: [3, 0]) }
    try DerivativeCheck().run([logits]) { try $0[0].entropy() }
  }
}
