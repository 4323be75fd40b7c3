import XCTest
@testable import EarshotAutodiff

final class ShapeTests: XCTestCase {
  func testValues() throws {
    let x = try Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(try x.transposed().scalars, [1, 4, 2, 5, 3, 6])
    XCTAssertEqual(try x.reshaped(to: [3, -1]).shape, [3, 2])
    XCTAssertEqual(try x.slice(alongAxis: 1, 1..<3).scalars, [2, 3, 5, 6])
    XCTAssertEqual(try x.padded(alongAxis: 0, before: 1, after: 0).scalars,
                   [0, 0, 0, 1, 2, 3, 4, 5, 6])
    XCTAssertEqual(try Tensor.concatenated([x, x], alongAxis: 1).shape, [2, 6])
    XCTAssertThrowsError(try x.reshaped(to: [4, 2])) { error in
      XCTAssertTrue("\(error)".contains("[2, 3]") && "\(error)".contains("[4, 2]"))
    }
    XCTAssertThrowsError(try Tensor.concatenated([x, Tensor.zeros([3, 3])], alongAxis: 1))
  }

  func testPermutationValues() throws {
    let x = try Tensor(shape: [2, 2, 3], data: (0..<12).map(Float.init))
    let y = try x.transposed([2, 0, 1])
    XCTAssertEqual(y.shape, [3, 2, 2])
    XCTAssertEqual(y[1, 1, 0], x[1, 0, 1])
  }

  func testDerivatives() throws {
    try DerivativeCheck().run([sample([2, 3, 2], seed: 1)]) { try $0[0].reshaped(to: [6, 2]) }
    try DerivativeCheck().run([sample([2, 3, 2], seed: 2)]) { try $0[0].transposed([1, 2, 0]) }
    try DerivativeCheck().run([sample([3, 4], seed: 3)]) { try $0[0].slice(alongAxis: 1, 1..<3) }
    try DerivativeCheck().run([sample([2, 2], seed: 4)]) {
      try $0[0].padded(alongAxis: 0, before: 1, after: 2)
    }
    try DerivativeCheck().run([sample([2, 2], seed: 5), sample([2, 3], seed: 6)]) {
      try Tensor.concatenated([$0[0], $0[1], $0[0]], alongAxis: 1)
    }
  }
}

final class RowsTests: XCTestCase {
  func testRowsPicksAndDifferentiatesToSecondOrder() throws {
    let x = try Tensor(shape: [3, 2], data: [1, 2, 3, 4, 5, 6], requiresGradient: true)
    let picked = try x.rows([2, 0, 2])
    XCTAssertEqual(picked.shape, [3, 2])
    XCTAssertEqual(picked.scalars, [5, 6, 1, 2, 5, 6])
    // s = Σ picked² ⇒ ∂s/∂x = 2·x·(times picked): row 0 once, row 1 never, row 2 twice.
    let s = try (picked * picked).sum()
    let g = try gradients(of: s, with: [x], createGraph: true)[0]
    XCTAssertEqual(g.scalars, [2, 4, 0, 0, 20, 24])
    // h = Σ g ⇒ ∂h/∂x = 2·(times picked).
    let h = try gradients(of: g.sum(), with: [x])[0]
    XCTAssertEqual(h.scalars, [2, 2, 0, 0, 4, 4])
    XCTAssertThrowsError(try x.rows([3]))
  }
}
