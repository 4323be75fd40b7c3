/// Two-dimensional convolution as `im2col` followed by one matrix product.
///
/// `im2col` and its adjoint `col2im` are linear, and each is the other's backward rule, so
/// a convolution composed of them and ``Tensor/matmul(_:transposeSelf:transposeOther:)``
/// differentiates to any order.
extension Tensor {
  /// The cross-correlation of a batch of images with a bank of filters (what deep-learning
  /// libraries call convolution).
  ///
  /// - Parameters:
  ///   - filters: `[outChannels, inChannels, kernelHeight, kernelWidth]`.
  ///   - bias: `[outChannels]`, or `nil`.
  ///   - stride: the step between windows, in pixels, along both axes.
  ///   - padding: zeros added on every side, in pixels.
  /// - Returns: `[batch, outChannels, outHeight, outWidth]` with
  ///   `outHeight = (height + 2·padding − kernelHeight) / stride + 1` (likewise the width).
  /// - Throws: ``TensorError`` when this tensor is not `[batch, inChannels, height, width]`
  ///   with the filters' `inChannels`, or the kernel does not fit.
  /// - Complexity: 2·batch·outHeight·outWidth·outChannels·inChannels·kh·kw operations.
  public func convolved(
    with filters: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0
  ) throws(TensorError) -> Tensor {
    guard rank == 4, filters.rank == 4, shape[1] == filters.shape[1] else {
      throw .shapeMismatch(operation: "convolved(with:) input and filters",
                           lhs: shape, rhs: filters.shape)
    }
    let geometry = try ConvolutionGeometry(
      input: shape, kernel: (filters.shape[2], filters.shape[3]), stride: stride,
      padding: padding)
    let outChannels = filters.shape[0]

    let columns = try im2col(geometry)
    let flatFilters = try filters.reshaped(to: [outChannels, -1])
    let pixelsByChannel = try columns.matmul(flatFilters, transposeOther: true)
    var output = try pixelsByChannel
      .reshaped(to: [geometry.batch, geometry.outHeight * geometry.outWidth, outChannels])
      .transposed([0, 2, 1])
      .reshaped(to: [geometry.batch, outChannels, geometry.outHeight, geometry.outWidth])
    if let bias {
      guard bias.shape == [outChannels] else {
        throw .shapeMismatch(operation: "convolved(with:) bias", lhs: filters.shape,
                             rhs: bias.shape)
      }
      output = try output + bias.reshaped(to: [1, outChannels, 1, 1])
    }
    return output
  }

  /// The image patches as rows: `[batch·outHeight·outWidth, channels·kh·kw]`, with the
  /// column order `(channel, ky, kx)` of a filter `[out, in, kh, kw]` flattened.
  func im2col(_ geometry: ConvolutionGeometry) throws(TensorError) -> Tensor {
    let g = geometry
    let rows = g.batch * g.outHeight * g.outWidth
    let columns = g.channels * g.kernelHeight * g.kernelWidth
    let kw = g.kernelWidth, planeSize = g.height * g.width
    let values = [Float](unsafeUninitializedCapacity: rows * columns) { buffer, initialized in
      scalars.withUnsafeBufferPointer { x in
        // Each kernel row of a window is one run of pixels: copied whole where it lies
        // inside the image, zeros where it falls in the padding.
        var row = buffer.baseAddress!
        for n in 0..<g.batch {
          for oy in 0..<g.outHeight {
            let top = oy * g.stride - g.padding
            for ox in 0..<g.outWidth {
              let left = ox * g.stride - g.padding
              let (first, last) = g.insideKernelColumns(left: left)
              var run = row
              for c in 0..<g.channels {
                let plane = x.baseAddress! + (n * g.channels + c) * planeSize
                for ky in 0..<g.kernelHeight {
                  let iy = top + ky
                  if iy < 0 || iy >= g.height || first >= last {
                    run.initialize(repeating: 0, count: kw)
                  } else {
                    let source = plane + iy * g.width + left
                    if first > 0 { run.initialize(repeating: 0, count: first) }
                    (run + first).initialize(from: source + first, count: last - first)
                    if last < kw { (run + last).initialize(repeating: 0, count: kw - last) }
                  }
                  run += kw
                }
              }
              row += columns
            }
          }
        }
      }
      initialized = rows * columns
    }
    return Tensor.result("im2col", shape: [rows, columns], scalars: values, parents: [self]) {
      upstream, _, _ throws(TensorError) in [try upstream.col2im(g)]
    }
  }

  /// The adjoint of ``im2col(_:)``: each patch element is added back to the pixel it came
  /// from, giving `[batch, channels, height, width]`.
  func col2im(_ geometry: ConvolutionGeometry) throws(TensorError) -> Tensor {
    let g = geometry
    let columns = g.channels * g.kernelHeight * g.kernelWidth
    guard shape == [g.batch * g.outHeight * g.outWidth, columns] else {
      throw .shapeMismatch(operation: "col2im", lhs: shape, rhs: g.inputShape)
    }
    let kw = g.kernelWidth, planeSize = g.height * g.width
    var values = [Float](repeating: 0, count: g.inputShape.reduce(1, *))
    values.withUnsafeMutableBufferPointer { out in
      scalars.withUnsafeBufferPointer { cols in
        // The same runs as im2col's, added back in the same order (so sums are the same
        // bit for bit, whatever the layout of the loops around them).
        var row = cols.baseAddress!
        for n in 0..<g.batch {
          for oy in 0..<g.outHeight {
            let top = oy * g.stride - g.padding
            for ox in 0..<g.outWidth {
              let left = ox * g.stride - g.padding
              let (first, last) = g.insideKernelColumns(left: left)
              var run = row
              for c in 0..<g.channels {
                let plane = out.baseAddress! + (n * g.channels + c) * planeSize
                for ky in 0..<g.kernelHeight {
                  let iy = top + ky
                  if iy >= 0 && iy < g.height && first < last {
                    let target = plane + iy * g.width + left
                    for kx in first..<last { target[kx] += run[kx] }
                  }
                  run += kw
                }
              }
              row += columns
            }
          }
        }
      }
    }
    return Tensor.result("col2im", shape: g.inputShape, scalars: values, parents: [self]) {
      upstream, _, _ throws(TensorError) in [try upstream.im2col(g)]
    }
  }
}

/// The sizes that describe one convolution.
struct ConvolutionGeometry {
  let batch, channels, height, width: Int
  let kernelHeight, kernelWidth, stride, padding: Int
  let outHeight, outWidth: Int

  init(input: [Int], kernel: (Int, Int), stride: Int, padding: Int) throws(TensorError) {
    (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
    (kernelHeight, kernelWidth) = kernel
    (self.stride, self.padding) = (stride, padding)
    guard stride > 0, padding >= 0, kernelHeight <= height + 2 * padding,
          kernelWidth <= width + 2 * padding else {
      throw .invalidArgument(
        operation: "convolution", shape: input,
        reason: "kernel \(kernel) with stride \(stride), padding \(padding) does not fit")
    }
    outHeight = (height + 2 * padding - kernelHeight) / stride + 1
    outWidth = (width + 2 * padding - kernelWidth) / stride + 1
  }

  var inputShape: [Int] { [batch, channels, height, width] }

  /// The kernel columns `first..<last` that fall inside the image for a window whose
  /// leftmost column is `left` (negative inside the padding).
  @inline(__always)
  func insideKernelColumns(left: Int) -> (first: Int, last: Int) {
    (max(0, -left), min(kernelWidth, width - left))
  }
}
