/// Average and max pooling over non-overlapping square windows.
///
/// Windows that would run past the bottom or right edge are dropped, as in PyTorch's
/// default (`floor`) mode.
extension Tensor {
  /// The mean of each `size × size` window of `[batch, channels, height, width]`, giving
  /// `[batch, channels, height / size, width / size]`.
  public func averagePooled(size: Int) throws(TensorError) -> Tensor {
    let p = try PoolingGeometry(input: shape, size: size)
    let scale = 1 / Float(size * size)
    var values = [Float](repeating: 0, count: p.outputShape.reduce(1, *))
    values.withUnsafeMutableBufferPointer { out in
      scalars.withUnsafeBufferPointer { x in
        p.forEachWindowElement { outIndex, inIndex in out[outIndex] += x[inIndex] * scale }
      }
    }
    return Tensor.result("averagePooled", shape: p.outputShape, scalars: values,
                         parents: [self]) {
      g, _, _ throws(TensorError) in [try g.averagePoolingAdjoint(p)]
    }
  }

  /// The adjoint of ``averagePooled(size:)``: each output gradient spread evenly over its
  /// window.
  func averagePoolingAdjoint(_ p: PoolingGeometry) throws(TensorError) -> Tensor {
    guard shape == p.outputShape else {
      throw .shapeMismatch(operation: "averagePoolingAdjoint", lhs: shape, rhs: p.outputShape)
    }
    let scale = 1 / Float(p.size * p.size)
    var values = [Float](repeating: 0, count: p.inputShape.reduce(1, *))
    values.withUnsafeMutableBufferPointer { out in
      scalars.withUnsafeBufferPointer { g in
        p.forEachWindowElement { outIndex, inIndex in out[inIndex] = g[outIndex] * scale }
      }
    }
    return Tensor.result("averagePoolingAdjoint", shape: p.inputShape, scalars: values,
                         parents: [self]) {
      g, _, _ throws(TensorError) in [try g.averagePooled(size: p.size)]
    }
  }

  /// The maximum of each `size × size` window of `[batch, channels, height, width]`.
  ///
  /// The gradient goes to the first maximal element of each window; the second derivative
  /// with respect to the input is zero almost everywhere, but the backward rule (a scatter)
  /// is linear in the upstream gradient and so differentiable.
  public func maxPooled(size: Int) throws(TensorError) -> Tensor {
    let p = try PoolingGeometry(input: shape, size: size)
    let outCount = p.outputShape.reduce(1, *)
    var values = [Float](repeating: -.infinity, count: outCount)
    var winners = [Int](repeating: 0, count: outCount)
    values.withUnsafeMutableBufferPointer { values in
      winners.withUnsafeMutableBufferPointer { winners in
        scalars.withUnsafeBufferPointer { x in
          let (x, values, winners) = (x.baseAddress!, values.baseAddress!, winners.baseAddress!)
          // Whole planes, as many as an elementwise piece holds.
          let piece = Parallel.elementwisePiece / (p.inputShape[2] * p.inputShape[3]) + 1
          Parallel.forEachPiece(of: p.planes, minimumPiece: piece) { planes in
            p.forEachWindowElement(planes: planes) { outIndex, inIndex in
              if x[inIndex] > values[outIndex] {
                values[outIndex] = x[inIndex]
                winners[outIndex] = inIndex
              }
            }
          }
        }
      }
    }
    return Tensor.result("maxPooled", shape: p.outputShape, scalars: values, parents: [self]) {
      g, _, _ throws(TensorError) in [g.scattered(to: winners, shape: p.inputShape)]
    }
  }

  /// A tensor of `shape`, zero except that element `indices[i]` receives `self[i]`
  /// (accumulating on repeats). Its adjoint is ``gathered(from:shape:)``.
  func scattered(to indices: [Int], shape: [Int]) -> Tensor {
    var values = [Float](repeating: 0, count: shape.reduce(1, *))
    values.withUnsafeMutableBufferPointer { out in
      scalars.withUnsafeBufferPointer { x in
        indices.withUnsafeBufferPointer { indices in
          for i in 0..<indices.count { out[indices[i]] += x[i] }
        }
      }
    }
    let sourceShape = self.shape
    return Tensor.result("scatter", shape: shape, scalars: values, parents: [self]) {
      g, _, _ in [g.gathered(from: indices, shape: sourceShape)]
    }
  }

  /// The elements at `indices`, as a tensor of `shape`. Its adjoint is
  /// ``scattered(to:shape:)``.
  func gathered(from indices: [Int], shape: [Int]) -> Tensor {
    let values = indices.map { scalars[$0] }
    let sourceShape = self.shape
    return Tensor.result("gather", shape: shape, scalars: values, parents: [self]) {
      g, _, _ in [g.scattered(to: indices, shape: sourceShape)]
    }
  }
}

/// The sizes that describe one pooling.
struct PoolingGeometry {
  let inputShape: [Int]
  let outputShape: [Int]
  let size: Int

  init(input: [Int], size: Int) throws(TensorError) {
    guard input.count == 4, size > 0, input[2] >= size, input[3] >= size else {
      throw .invalidArgument(operation: "pooling", shape: input,
                             reason: "needs [batch, channels, height, width] ≥ window \(size)")
    }
    inputShape = input
    outputShape = [input[0], input[1], input[2] / size, input[3] / size]
    self.size = size
  }

  /// The number of `height × width` planes: batch × channels.
  var planes: Int { inputShape[0] * inputShape[1] }

  /// Calls `body(outputIndex, inputIndex)` for each element of each window of `planes`
  /// (all by default), window by window, row by row within one.
  @inline(__always)
  func forEachWindowElement(planes: Range<Int>? = nil, _ body: (Int, Int) -> Void) {
    let (h, w) = (inputShape[2], inputShape[3])
    let (oh, ow) = (outputShape[2], outputShape[3])
    for plane in planes ?? 0..<self.planes {
      for oy in 0..<oh {
        for ox in 0..<ow {
          let o = (plane * oh + oy) * ow + ox
          for dy in 0..<size {
            let row = (plane * h + oy * size + dy) * w + ox * size
            for dx in 0..<size { body(o, row + dx) }
          }
        }
      }
    }
  }
}
