/// Operations that move elements without changing them: reshape, transpose, concatenate,
/// slice and its adjoint, pad.
extension Tensor {
  /// The same elements with a new shape; one axis may be `-1` and is then inferred.
  ///
  /// - Throws: ``TensorError/shapeMismatch(operation:lhs:rhs:)`` when the counts differ.
  public func reshaped(to newShape: [Int]) throws(TensorError) -> Tensor {
    var target = newShape
    if let free = newShape.firstIndex(of: -1) {
      let known = newShape.enumerated().filter { $0.offset != free }.reduce(1) { $0 * $1.element }
      if known > 0 && count % known == 0 { target[free] = count / known }
    }
    guard target.allSatisfy({ $0 >= 0 }), target.reduce(1, *) == count else {
      throw .shapeMismatch(operation: "reshaped(to:)", lhs: shape, rhs: newShape)
    }
    if target == shape { return self }
    let inputShape = shape
    return Tensor.result("reshape", shape: target, scalars: scalars, parents: [self]) {
      g, _, _ throws(TensorError) in [try g.reshaped(to: inputShape)]
    }
  }

  /// The tensor flattened to `[batch, rest]`.
  public func flattenedBatch() throws(TensorError) -> Tensor {
    try reshaped(to: [shape.first ?? 1, -1])
  }

  /// The axes reordered: axis `i` of the result is axis `permutation[i]` of this tensor.
  ///
  /// - Throws: ``TensorError/invalidArgument(operation:shape:reason:)`` when `permutation`
  ///   is not a permutation of `0..<rank`.
  public func transposed(_ permutation: [Int]) throws(TensorError) -> Tensor {
    guard permutation.sorted() == Array(0..<rank) else {
      throw .invalidArgument(operation: "transposed", shape: shape,
                             reason: "\(permutation) is not a permutation of the axes")
    }
    if permutation == Array(0..<rank) { return self }
    let newShape = permutation.map { shape[$0] }
    var strides = [Int](repeating: 1, count: rank)
    for axis in stride(from: rank - 2, through: 0, by: -1) {
      strides[axis] = strides[axis + 1] * shape[axis + 1]
    }
    let swapsLastTwo = rank >= 2 && permutation.dropLast(2).elementsEqual(0..<(rank - 2))
    let values = swapsLastTwo
      ? transposeMatrices(scalars, rows: shape[rank - 2], columns: shape[rank - 1])
      : gatherStrided(scalars, shape: newShape, strides: permutation.map { strides[$0] })
    var inverse = [Int](repeating: 0, count: rank)
    for (i, p) in permutation.enumerated() { inverse[p] = i }
    return Tensor.result("transpose", shape: newShape, scalars: values, parents: [self]) {
      g, _, _ throws(TensorError) in [try g.transposed(inverse)]
    }
  }

  /// A matrix's transpose (the last two axes swapped).
  public func transposed() throws(TensorError) -> Tensor {
    guard rank >= 2 else {
      throw .invalidArgument(operation: "transposed()", shape: shape, reason: "rank < 2")
    }
    var permutation = Array(0..<rank)
    permutation.swapAt(rank - 1, rank - 2)
    return try transposed(permutation)
  }

  /// The elements at `range` along `axis`.
  ///
  /// Its backward rule is ``padded(alongAxis:before:after:)``, and vice versa.
  public func slice(alongAxis axis: Int, _ range: Range<Int>) throws(TensorError) -> Tensor {
    let axis = try normalizedAxes([axis], operation: "slice")[0]
    guard range.lowerBound >= 0 && range.upperBound <= shape[axis] else {
      throw .invalidArgument(operation: "slice", shape: shape,
                             reason: "range \(range) is outside axis \(axis)")
    }
    if range.count == shape[axis] { return self }
    var newShape = shape
    newShape[axis] = range.count
    let values = copyBlocks(from: self, axis: axis, to: newShape, sourceStart: range.lowerBound,
                            destinationStart: 0, length: range.count)
    let before = range.lowerBound
    let after = shape[axis] - range.upperBound
    return Tensor.result("slice", shape: newShape, scalars: values, parents: [self]) {
      g, _, _ throws(TensorError) in
      [try g.padded(alongAxis: axis, before: before, after: after)]
    }
  }

  /// The tensor with zeros added before and after it along `axis`.
  public func padded(alongAxis axis: Int, before: Int, after: Int) throws(TensorError)
    -> Tensor
  {
    let axis = try normalizedAxes([axis], operation: "padded")[0]
    guard before >= 0 && after >= 0 else {
      throw .invalidArgument(operation: "padded", shape: shape, reason: "negative padding")
    }
    if before == 0 && after == 0 { return self }
    var newShape = shape
    newShape[axis] += before + after
    let values = copyBlocks(from: self, axis: axis, to: newShape, sourceStart: 0,
                            destinationStart: before, length: shape[axis])
    let range = before..<(before + shape[axis])
    return Tensor.result("pad", shape: newShape, scalars: values, parents: [self]) {
      g, _, _ throws(TensorError) in [try g.slice(alongAxis: axis, range)]
    }
  }

  /// The tensors joined along `axis`; all other axes must agree.
  public static func concatenated(_ tensors: [Tensor], alongAxis axis: Int)
    throws(TensorError) -> Tensor
  {
    guard let first = tensors.first else {
      throw .invalidArgument(operation: "concatenated", shape: [], reason: "no tensors")
    }
    let axis = try first.normalizedAxes([axis], operation: "concatenated")[0]
    for t in tensors {
      var a = t.shape, b = first.shape
      guard a.count == b.count else {
        throw .shapeMismatch(operation: "concatenated", lhs: first.shape, rhs: t.shape)
      }
      a[axis] = 0
      b[axis] = 0
      guard a == b else {
        throw .shapeMismatch(operation: "concatenated", lhs: first.shape, rhs: t.shape)
      }
    }
    var newShape = first.shape
    newShape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    var values = [Float](repeating: 0, count: newShape.reduce(1, *))
    var ranges: [Range<Int>] = []
    var start = 0
    for t in tensors {
      copyBlocks(from: t, axis: axis, into: &values, shape: newShape, sourceStart: 0,
                 destinationStart: start, length: t.shape[axis])
      ranges.append(start..<(start + t.shape[axis]))
      start += t.shape[axis]
    }
    return result("concatenate", shape: newShape, scalars: values, parents: tensors) {
      g, _, needs throws(TensorError) in
      var grads: [Tensor?] = []
      for (range, need) in zip(ranges, needs) {
        grads.append(need ? try g.slice(alongAxis: axis, range) : nil)
      }
      return grads
    }
  }
}

/// Copies `length` slices along `axis` from `source` (starting at `sourceStart`) into a new
/// zero tensor of `shape` (starting at `destinationStart`).
private func copyBlocks(
  from source: Tensor, axis: Int, to shape: [Int], sourceStart: Int,
  destinationStart: Int, length: Int
) -> [Float] {
  var values = [Float](repeating: 0, count: shape.reduce(1, *))
  copyBlocks(from: source, axis: axis, into: &values, shape: shape, sourceStart: sourceStart,
             destinationStart: destinationStart, length: length)
  return values
}

private func copyBlocks(
  from source: Tensor, axis: Int, into values: inout [Float], shape: [Int],
  sourceStart: Int, destinationStart: Int, length: Int
) {
  let outer = shape[..<axis].reduce(1, *)
  let inner = shape[(axis + 1)...].reduce(1, *)
  let sourceAxis = source.shape[axis]
  let destinationAxis = shape[axis]
  let run = length * inner
  values.withUnsafeMutableBufferPointer { out in
    source.scalars.withUnsafeBufferPointer { src in
      for o in 0..<outer {
        let s = (o * sourceAxis + sourceStart) * inner
        let d = (o * destinationAxis + destinationStart) * inner
        for i in 0..<run { out[d + i] = src[s + i] }
      }
    }
  }
}

/// Transposes each `rows × columns` matrix of `source` (matrices one after another).
///
/// Works in tiles small enough that a tile's rows and columns both stay in the cache, and
/// splits the tiles across threads; a plain strided read misses the cache on every element
/// once a column no longer fits.
private func transposeMatrices(_ source: [Float], rows: Int, columns: Int) -> [Float] {
  let count = source.count
  let matrix = rows * columns
  if matrix == 0 { return source }
  let tile = 32
  let rowTiles = (rows + tile - 1) / tile, columnTiles = (columns + tile - 1) / tile
  let tiles = rowTiles * columnTiles
  return [Float](unsafeUninitializedCapacity: count) { out, initialized in
    source.withUnsafeBufferPointer { src in
      let (src, out) = (src.baseAddress!, out.baseAddress!)
      Parallel.forEachPiece(of: (count / matrix) * tiles, minimumPiece: 64) { piece in
        for index in piece {
          let (m, t) = index.quotientAndRemainder(dividingBy: tiles)
          let (rt, ct) = t.quotientAndRemainder(dividingBy: columnTiles)
          let a = src + m * matrix, b = out + m * matrix
          let r0 = rt * tile, c0 = ct * tile
          let r1 = Swift.min(rows, r0 + tile), c1 = Swift.min(columns, c0 + tile)
          for c in c0..<c1 {
            for r in r0..<r1 { b[c * rows + r] = a[r * columns + c] }
          }
        }
      }
    }
    initialized = count
  }
}

/// Reads `source` at the given strides into a new contiguous array of `shape`, a run of
/// the last axis at a time (a plain copy where that axis is contiguous in `source`), runs
/// split across threads.
private func gatherStrided(_ source: [Float], shape: [Int], strides: [Int]) -> [Float] {
  let count = shape.reduce(1, *)
  let rank = shape.count
  guard count > 0, rank > 0 else { return [] }
  let inner = shape[rank - 1], innerStride = strides[rank - 1]
  let runs = count / inner
  return [Float](unsafeUninitializedCapacity: count) { out, initialized in
    source.withUnsafeBufferPointer { src in
      let (src, out) = (src.baseAddress!, out.baseAddress!)
      let piece = Parallel.elementwisePiece / inner + 1
      Parallel.forEachPiece(of: runs, minimumPiece: piece) { pieceRuns in
        // The index of the piece's first run along the other axes, and where it starts.
        var counter = [Int](repeating: 0, count: rank - 1)
        var offset = 0, rest = pieceRuns.lowerBound
        for axis in stride(from: rank - 2, through: 0, by: -1) {
          counter[axis] = rest % shape[axis]
          rest /= shape[axis]
          offset += counter[axis] * strides[axis]
        }
        for run in pieceRuns {
          let target = out + run * inner
          if innerStride == 1 {
            target.initialize(from: src + offset, count: inner)
          } else {
            for i in 0..<inner { target[i] = src[offset + i * innerStride] }
          }
          var axis = rank - 2
          while axis >= 0 {
            counter[axis] += 1
            offset += strides[axis]
            if counter[axis] < shape[axis] { break }
            offset -= strides[axis] * shape[axis]
            counter[axis] = 0
            axis -= 1
          }
        }
      }
    }
    initialized = count
  }
}

extension Tensor {
  /// The rows (entries of the leading axis) at `indices`, in that order, repeats allowed:
  /// `[N, ...] → [indices.count, ...]`. Differentiable to any order (a gather whose
  /// adjoint is a scatter-add).
  public func rows(_ indices: [Int]) throws(TensorError) -> Tensor {
    guard rank >= 1, indices.allSatisfy({ $0 >= 0 && $0 < shape[0] }) else {
      throw .invalidArgument(
        operation: "rows", shape: shape, reason: "row indices must lie in 0..<\(shape.first ?? 0)")
    }
    let width = count / Swift.max(shape[0], 1)
    var elements = [Int]()
    elements.reserveCapacity(indices.count * width)
    for row in indices { elements += (row * width)..<((row + 1) * width) }
    return gathered(from: elements, shape: [indices.count] + shape.dropFirst())
  }
}
