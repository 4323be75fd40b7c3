import XCTest
@testable import EarshotAutodiff

final class ConvolutionTests: XCTestCase {
  /// A direct, loop-by-loop convolution to compare against.
  private func directConvolution(
    _ x: Tensor, _ w: Tensor, stride: Int, padding: Int
  ) -> [Float] {
    let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let oh = (h + 2 * padding - kh) / stride + 1, ow = (wd + 2 * padding - kw) / stride + 1
    var out: [Float] = []
    for b in 0..<n { for k in 0..<o { for oy in 0..<oh { for ox in 0..<ow {
      var total: Float = 0
      for ch in 0..<c { for dy in 0..<kh { for dx in 0..<kw {
        let iy = oy * stride - padding + dy, ix = ox * stride - padding + dx
        guard iy >= 0 && iy < h && ix >= 0 && ix < wd else { continue }
        total += x[b, ch, iy, ix] * w[k, ch, dy, dx]
      } } }
      out.append(total)
    } } } }
    return out
  }

  func testMatchesDirectConvolution() throws {
    let x = sample([2, 3, 5, 4], seed: 1), w = sample([4, 3, 3, 2], seed: 2)
    for (stride, padding) in [(1, 0), (2, 1), (1, 2)] {
      let y = try x.convolved(with: w, stride: stride, padding: padding)
      let expected = directConvolution(x, w, stride: stride, padding: padding)
      XCTAssertEqual(y.count, expected.count)
      for (a, b) in zip(y.scalars, expected) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }
  }

  /// Geometries at the edges: strides larger than the kernel, padding as wide as the
  /// kernel, kernels wider than the image (windows that read only padding), odd sizes.
  /// The convolution matches the direct loops, and col2im is im2col's adjoint:
  /// ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩.
  func testUnusualGeometriesMatchDirectLoopsAndStayAdjoint() throws {
    let cases: [(input: [Int], kernel: Int, stride: Int, padding: Int)] = [
      ([2, 3, 7, 5], 3, 3, 2), ([1, 2, 3, 2], 5, 1, 2), ([2, 1, 9, 11], 5, 2, 2),
      ([1, 2, 6, 6], 2, 4, 1), ([3, 2, 4, 13], 3, 1, 0), ([1, 1, 1, 1], 3, 2, 1),
      ([2, 1, 1, 1], 5, 1, 2), ([1, 2, 2, 3], 6, 1, 3), ([2, 2, 5, 5], 1, 3, 0),
    ]
    for (k, c) in cases.enumerated() {
      let x = sample(c.input, seed: UInt64(10 + k))
      let w = sample([3, c.input[1], c.kernel, c.kernel], seed: UInt64(20 + k))
      let y = try x.convolved(with: w, stride: c.stride, padding: c.padding)
      let expected = directConvolution(x, w, stride: c.stride, padding: c.padding)
      XCTAssertEqual(y.count, expected.count, "case \(k)")
      for (a, b) in zip(y.scalars, expected) { XCTAssertEqual(a, b, accuracy: 1e-5) }

      let g = try ConvolutionGeometry(
        input: c.input, kernel: (c.kernel, c.kernel), stride: c.stride, padding: c.padding)
      let patches = try x.im2col(g)
      let other = sample(patches.shape, seed: UInt64(30 + k))
      let back = try other.col2im(g)
      let lhs = zip(patches.scalars, other.scalars).reduce(0.0) { $0 + Double($1.0 * $1.1) }
      let rhs = zip(x.scalars, back.scalars).reduce(0.0) { $0 + Double($1.0 * $1.1) }
      XCTAssertEqual(lhs, rhs, accuracy: 1e-4, "case \(k)")
    }
  }

  /// An empty batch convolves to an empty result, and its gradients are zeros (the bias
  /// gradient's sum over nothing used to read past the end of an empty tensor).
  func testAnEmptyBatchHasZeroGradients() throws {
    let x = try Tensor(shape: [0, 3, 5, 5], data: [], requiresGradient: true)
    let w = try Tensor(shape: [4, 3, 3, 3], data: sample([4, 3, 3, 3], seed: 1).scalars,
                       requiresGradient: true)
    let b = try Tensor(shape: [4], data: [1, 2, 3, 4], requiresGradient: true)
    let y = try x.convolved(with: w, bias: b, padding: 1)
    XCTAssertEqual(y.shape, [0, 4, 5, 5])
    let g = try gradients(of: y.sum(), with: [x, w, b])
    XCTAssertEqual(g[0].shape, [0, 3, 5, 5])
    XCTAssertEqual(g[1].scalars, [Float](repeating: 0, count: 108))
    XCTAssertEqual(g[2].scalars, [0, 0, 0, 0])
  }

  func testFiltersWithoutOutputChannelsAreRefusedClearly() {
    XCTAssertThrowsError(try Tensor.zeros([1, 3, 5, 5]).convolved(with: .zeros([0, 3, 3, 3])))
    { error in
      XCTAssertTrue("\(error)".contains("no output channels"), "\(error)")
    }
  }

  func testShapeErrorNamesBothShapes() {
    XCTAssertThrowsError(try Tensor.zeros([1, 2, 4, 4]).convolved(with: .zeros([3, 5, 3, 3])))
    { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("[1, 2, 4, 4]") && text.contains("[3, 5, 3, 3]"), text)
    }
  }

  func testDerivatives() throws {
    let x = sample([2, 2, 4, 3], seed: 3), w = sample([3, 2, 2, 2], seed: 4)
    let b = sample([3], seed: 5)
    try DerivativeCheck().run([x, w, b]) {
      try $0[0].convolved(with: $0[1], bias: $0[2], stride: 2, padding: 1)
    }
    try DerivativeCheck().run([x, w]) { try $0[0].convolved(with: $0[1]) }
  }
}
