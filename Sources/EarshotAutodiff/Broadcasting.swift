/// Broadcasting follows NumPy: shapes are aligned at their last axes, and an axis of size 1
/// stretches to match the other operand.
extension Tensor {
  /// This tensor repeated along its size-1 (or missing leading) axes to `shape`.
  ///
  /// Its backward rule is ``sum(toShape:)``, whose backward rule is this.
  /// - Throws: ``TensorError/shapeMismatch(operation:lhs:rhs:)`` when the shapes do not
  ///   broadcast.
  public func broadcast(to shape: [Int]) throws(TensorError) -> Tensor {
    if shape == self.shape { return self }
    let runs = try broadcastRuns(small: self.shape, large: shape, operation: "broadcast")
    let result = expand(scalars, runs: runs, count: shape.reduce(1, *))
    let inputShape = self.shape
    return Tensor.result("broadcast", shape: shape, scalars: result, parents: [self]) {
      g, _, _ throws(TensorError) in [try g.sum(toShape: inputShape)]
    }
  }

  /// The sum of this tensor over the axes along which `shape` was broadcast to it: the
  /// adjoint of ``broadcast(to:)``.
  public func sum(toShape shape: [Int]) throws(TensorError) -> Tensor {
    if shape == self.shape { return self }
    let runs = try broadcastRuns(small: shape, large: self.shape, operation: "sum(toShape:)")
    let result = reduce(scalars, runs: runs, count: shape.reduce(1, *))
    let inputShape = self.shape
    return Tensor.result("sum(toShape:)", shape: shape, scalars: result, parents: [self]) {
      g, _, _ throws(TensorError) in [try g.broadcast(to: inputShape)]
    }
  }
}

/// The shape two operands broadcast to.
func broadcastShape(_ a: [Int], _ b: [Int], operation: String) throws(TensorError) -> [Int] {
  let rank = max(a.count, b.count)
  let a1 = [Int](repeating: 1, count: rank - a.count) + a
  let b1 = [Int](repeating: 1, count: rank - b.count) + b
  var shape: [Int] = []
  for (x, y) in zip(a1, b1) {
    guard x == y || x == 1 || y == 1 else {
      throw .shapeMismatch(operation: operation, lhs: a, rhs: b)
    }
    shape.append(x == 1 ? y : x)
  }
  return shape
}

/// The large shape as a few merged axes, each either kept (with its stride in the small
/// tensor) or broadcast (stride 0). Merging adjacent axes of the same kind keeps the loops
/// below short: `[64, 16, 32, 32]` against `[1, 16, 1, 1]` becomes three axes.
struct BroadcastRun {
  var size: Int
  var smallStride: Int
}

func broadcastRuns(small: [Int], large: [Int], operation: String) throws(TensorError)
  -> [BroadcastRun]
{
  guard small.count <= large.count else {
    throw .shapeMismatch(operation: operation, lhs: small, rhs: large)
  }
  let aligned = [Int](repeating: 1, count: large.count - small.count) + small
  var axes: [(size: Int, broadcast: Bool)] = []
  for (s, l) in zip(aligned, large) {
    guard s == l || s == 1 else {
      throw .shapeMismatch(operation: operation, lhs: small, rhs: large)
    }
    if l == 1 { continue }
    let broadcast = s != l
    if let last = axes.last, last.broadcast == broadcast {
      axes[axes.count - 1].size *= l
    } else {
      axes.append((l, broadcast))
    }
  }
  if axes.isEmpty { axes = [(1, false)] }

  var runs = [BroadcastRun](repeating: BroadcastRun(size: 0, smallStride: 0), count: axes.count)
  var stride = 1
  for i in axes.indices.reversed() {
    runs[i] = BroadcastRun(size: axes[i].size, smallStride: axes[i].broadcast ? 0 : stride)
    if !axes[i].broadcast { stride *= axes[i].size }
  }
  return runs
}

/// Calls `body(largeOffset, smallOffset)` at the start of each innermost run; never when
/// the large shape is empty.
@inline(__always)
private func forEachRun(_ runs: [BroadcastRun], _ body: (Int, Int) -> Void) {
  if runs.contains(where: { $0.size == 0 }) { return }
  let inner = runs[runs.count - 1].size
  let outer = runs.dropLast()
  var counter = [Int](repeating: 0, count: outer.count)
  var largeOffset = 0
  var smallOffset = 0
  while true {
    body(largeOffset, smallOffset)
    largeOffset += inner
    var axis = outer.count - 1
    while axis >= 0 {
      counter[axis] += 1
      smallOffset += runs[axis].smallStride
      if counter[axis] < runs[axis].size { break }
      smallOffset -= runs[axis].smallStride * runs[axis].size
      counter[axis] = 0
      axis -= 1
    }
    if axis < 0 { return }
  }
}

func expand(_ small: [Float], runs: [BroadcastRun], count: Int) -> [Float] {
  let inner = runs[runs.count - 1]
  return [Float](unsafeUninitializedCapacity: count) { out, initialized in
    small.withUnsafeBufferPointer { src in
      forEachRun(runs) { large, smallOffset in
        if inner.smallStride == 0 {
          let value = src[smallOffset]
          for i in 0..<inner.size { out[large + i] = value }
        } else {
          for i in 0..<inner.size { out[large + i] = src[smallOffset + i] }
        }
      }
    }
    initialized = count
  }
}

func reduce(_ large: [Float], runs: [BroadcastRun], count: Int) -> [Float] {
  let inner = runs[runs.count - 1]
  var result = [Float](repeating: 0, count: count)
  result.withUnsafeMutableBufferPointer { out in
    large.withUnsafeBufferPointer { src in
      forEachRun(runs) { largeOffset, small in
        if inner.smallStride == 0 {
          var total: Float = 0
          for i in 0..<inner.size { total += src[largeOffset + i] }
          out[small] += total
        } else {
          for i in 0..<inner.size { out[small + i] += src[largeOffset + i] }
        }
      }
    }
  }
  return result
}
