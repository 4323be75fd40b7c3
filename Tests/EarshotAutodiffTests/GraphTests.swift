import Foundation
import XCTest
@testable import EarshotAutodiff

final class GraphTests: XCTestCase {
  func testSecondDerivativeOfCube() throws {
    let x = try Tensor(shape: [3], data: [-1, 0.5, 2], requiresGradient: true)
    let y = try (x * x * x).sum()  // dy/dx = 3x², d²y/dx² = 6x
    let g = try gradients(of: y, with: [x], createGraph: true)[0]
    XCTAssertEqual(g.scalars, [3, 0.75, 12])
    XCTAssertNotNil(g.node)
    let h = try gradients(of: g.sum(), with: [x])[0]
    XCTAssertEqual(h.scalars, [-6, 3, 12])
    let third = try gradients(
      of: gradients(of: g.sum(), with: [x], createGraph: true)[0].sum(), with: [x])[0]
    XCTAssertEqual(third.scalars, [6, 6, 6])
  }

  func testUnrelatedInputGetsZerosAndOutputMustBeScalar() throws {
    let x = Tensor(2, requiresGradient: true), z = Tensor.zeros([2, 2])
    XCTAssertEqual(try gradients(of: x * 3, with: [z])[0].scalars, [0, 0, 0, 0])
    XCTAssertEqual(try gradients(of: x, with: [x])[0].scalar, 1)
    XCTAssertThrowsError(try gradients(of: Tensor.zeros([2]), with: [x]))
  }

  func testRecordingCanBeSwitchedOff() throws {
    let x = Tensor(2, requiresGradient: true)
    let y = withGradientRecording(false) { x * 3 }
    XCTAssertNil(y.node)
    XCTAssertTrue(isRecordingGradients)
    XCTAssertNotNil((x * 3).node)
  }

  func testDerivativeCheckCatchesAWrongRule() throws {
    // y = x², but with the backward rule of 3x: the check must report it.
    func wrongSquare(_ x: Tensor) -> Tensor {
      x.map("wrongSquare", { $0 * $0 }) { g, _, _ in [g * 3] }
    }
    let found = try DerivativeCheck().mismatches([sample([4], seed: 1)]) { wrongSquare($0[0]) }
    XCTAssertFalse(found.isEmpty)
    // And the second order alone: right first derivative, but its rule is not recorded.
    func opaqueSquare(_ x: Tensor) -> Tensor {
      x.map("opaqueSquare", { $0 * $0 }) { g, _, _ in
        [Tensor(unchecked: x.shape, zip(g.scalars, x.scalars).map { 2 * $0 * $1 })]
      }
    }
    let second = try DerivativeCheck().mismatches([sample([4], seed: 2)]) { opaqueSquare($0[0]) }
    XCTAssertTrue(second.contains { $0.hasPrefix("second") }, "\(second)")
    XCTAssertFalse(second.contains { $0.hasPrefix("first") }, "\(second)")
  }

  func testIndependentGraphsOnTwoThreads() throws {
    let results = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2)
    defer { results.deallocate() }
    DispatchQueue.concurrentPerform(iterations: 2) { thread in
      var total: Float = 0
      for step in 0..<200 {
        let x = Tensor(Float(thread + 1), requiresGradient: true)
        let y = try? withGradientRecording(step % 2 == 0) { try (x * x * x).sum() }
        total += y.flatMap { try? gradients(of: $0, with: [x])[0].scalar } ?? -1
      }
      results[thread] = total
    }
    // Only the recorded half contributes 3x² each.
    XCTAssertEqual(results[0], 100 * 3)
    XCTAssertEqual(results[1], 100 * 12)
  }
}
