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
    let g = try ConvolutionGeometry(
      input: shape, kernel: (filters.shape[2], filters.shape[3]), stride: stride,
      padding: padding)
    let outChannels = filters.shape[0]
    guard outChannels > 0 else {
      throw .invalidArgument(operation: "convolved(with:)", shape: filters.shape,
                             reason: "the filters have no output channels")
    }
    if let bias, bias.shape != [outChannels] {
      throw .shapeMismatch(operation: "convolved(with:) bias", lhs: filters.shape,
                           rhs: bias.shape)
    }
    // [out, in·kh·kw] · [in·kh·kw, batch·pixels]: every output channel of every pixel of
    // the batch in one product, then each image's channels brought together.
    let channelsByPixel = try filters.reshaped(to: [outChannels, -1]).matmul(im2col(g))
    return try channelsByPixel
      .reshaped(to: [outChannels, g.batch, g.outHeight * g.outWidth])
      .batchFirst(adding: bias)
      .reshaped(to: [g.batch, outChannels, g.outHeight, g.outWidth])
  }

  /// `[channels, batch, pixels] → [batch, channels, pixels]`, plus `bias[channel]` when
  /// given: a convolution's change of layout and its bias in one operation, one result
  /// (rather than a transpose, a broadcast bias and a sum). Each plane of `pixels` values
  /// moves whole.
  func batchFirst(adding bias: Tensor?) throws(TensorError) -> Tensor {
    let (channels, batch, pixels) = (shape[0], shape[1], shape[2])
    let values = [Float](unsafeUninitializedCapacity: count) { out, initialized in
      scalars.withUnsafeBufferPointer { x in
        let b = bias?.scalars ?? []
        let piece = Parallel.elementwisePiece / Swift.max(1, pixels) + 1
        Parallel.forEachPiece(of: batch * channels, minimumPiece: piece) { planes in
          for plane in planes {
            let (n, c) = plane.quotientAndRemainder(dividingBy: channels)
            let source = x.baseAddress! + (c * batch + n) * pixels
            let target = out.baseAddress! + plane * pixels
            if b.isEmpty {
              target.initialize(from: source, count: pixels)
            } else {
              let value = b[c]
              for p in 0..<pixels { target[p] = source[p] + value }
            }
          }
        }
      }
      initialized = count
    }
    return Tensor.result("batchFirst", shape: [batch, channels, pixels], scalars: values,
                         parents: bias.map { [self, $0] } ?? [self]) {
      g, _, needs throws(TensorError) in
      let planeGradient = needs[0] ? try g.transposed([1, 0, 2]) : nil
      guard needs.count > 1 else { return [planeGradient] }
      return [planeGradient, needs[1] ? try g.sum(alongAxes: [0, 2]) : nil]
    }
  }

  /// The image patches as columns: `[channels·kh·kw, batch·outHeight·outWidth]`, row
  /// `(channel, ky, kx)` in the order of a filter `[out, in, kh, kw]` flattened, column
  /// `(image, oy, ox)`.
  ///
  /// In this layout one kernel element's values along an output row are one run: a copy
  /// of part of an input row (every `stride`-th pixel of it), zeros where it falls in the
  /// padding.
  func im2col(_ geometry: ConvolutionGeometry) throws(TensorError) -> Tensor {
    let g = geometry
    let (rows, columns) = (g.kernelElements, g.batch * g.outHeight * g.outWidth)
    let values = [Float](unsafeUninitializedCapacity: rows * columns) { buffer, initialized in
      scalars.withUnsafeBufferPointer { x in
        // A piece of work is one kernel element for one image: `outHeight·outWidth`
        // values of one row of the result. Threads write disjoint pieces.
        let piece = Parallel.elementwisePiece / Swift.max(1, g.outHeight * g.outWidth) + 1
        Parallel.forEachPiece(of: rows * g.batch, minimumPiece: piece) { pieces in
          for piece in pieces {
            let (element, n) = piece.quotientAndRemainder(dividingBy: g.batch)
            let run = g.run(of: element)
            let plane = x.baseAddress! + (n * g.channels + run.channel) * g.height * g.width
            var target = buffer.baseAddress! + element * columns + n * g.outHeight * g.outWidth
            for oy in 0..<g.outHeight {
              let iy = oy * g.stride + run.dy
              if iy < 0 || iy >= g.height {
                target.initialize(repeating: 0, count: g.outWidth)
              } else {
                let source = plane + iy * g.width + run.leftmost
                let inside = run.inside
                target.initialize(repeating: 0, count: inside.lowerBound)
                if g.stride == 1 {
                  (target + inside.lowerBound).initialize(from: source, count: inside.count)
                } else {
                  let first = target + inside.lowerBound
                  for k in 0..<inside.count { first[k] = source[k * g.stride] }
                }
                (target + inside.upperBound)
                  .initialize(repeating: 0, count: g.outWidth - inside.upperBound)
              }
              target += g.outWidth
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
    let (rows, columns) = (g.kernelElements, g.batch * g.outHeight * g.outWidth)
    guard shape == [rows, columns] else {
      throw .shapeMismatch(operation: "col2im", lhs: shape, rhs: g.inputShape)
    }
    var values = [Float](repeating: 0, count: g.inputShape.reduce(1, *))
    values.withUnsafeMutableBufferPointer { out in
      scalars.withUnsafeBufferPointer { cols in
        // im2col's runs, added back. A piece of work is a whole image, whose pixels no
        // other image's patches touch; within it the order of the additions is fixed, so
        // the sums are the same on any number of threads.
        let piece = Parallel.elementwisePiece / Swift.max(1, rows * g.outHeight * g.outWidth) + 1
        Parallel.forEachPiece(of: g.batch, minimumPiece: piece) { images in
          for n in images {
            for element in 0..<rows {
              let run = g.run(of: element)
              let plane = out.baseAddress! + (n * g.channels + run.channel) * g.height * g.width
              var source = cols.baseAddress! + element * columns + n * g.outHeight * g.outWidth
              let inside = run.inside
              for oy in 0..<g.outHeight {
                let iy = oy * g.stride + run.dy
                if iy >= 0 && iy < g.height {
                  let target = plane + iy * g.width + run.leftmost
                  let from = source + inside.lowerBound
                  if g.stride == 1 {
                    for k in 0..<inside.count { target[k] += from[k] }
                  } else {
                    for k in 0..<inside.count { target[k * g.stride] += from[k] }
                  }
                }
                source += g.outWidth
              }
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

  /// Elements of one filter: channels × kernel height × kernel width.
  var kernelElements: Int { channels * kernelHeight * kernelWidth }

  /// Where kernel element `element` (numbered `(channel, ky, kx)`) reads: window `(oy, ox)`
  /// reads input pixel `(oy·stride + dy, ox·stride − padding + kx)`; the windows `inside`
  /// read columns inside the image, the first of them column `leftmost`.
  @inline(__always)
  func run(of element: Int) -> (channel: Int, dy: Int, inside: Range<Int>, leftmost: Int) {
    let (channelAndRow, kx) = element.quotientAndRemainder(dividingBy: kernelWidth)
    let (channel, ky) = channelAndRow.quotientAndRemainder(dividingBy: kernelHeight)
    let offset = kx - padding
    // The first window whose column ox·stride + offset ≥ 0, and one past the last whose
    // column is < width.
    let first = offset >= 0 ? 0 : Swift.min(outWidth, (-offset + stride - 1) / stride)
    let last = width - 1 - offset < 0 ? 0 : Swift.min(outWidth, (width - 1 - offset) / stride + 1)
    let inside = first..<Swift.max(first, last)
    return (channel, ky - padding, inside, first * stride + offset)
  }
}
