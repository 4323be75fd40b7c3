/// Sums, means and maxima over axes.
extension Tensor {
  /// The sum over the given axes (negative axes count from the end).
  ///
  /// - Parameter keepingDimensions: keep the summed axes with size 1, so the result
  ///   broadcasts against this tensor.
  /// - Throws: ``TensorError/invalidArgument(operation:shape:reason:)`` for a bad axis.
  public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false)
    throws(TensorError) -> Tensor
  {
    let axes = try normalizedAxes(axes, operation: "sum(alongAxes:)")
    var kept = shape
    for axis in axes { kept[axis] = 1 }
    let summed = try sum(toShape: kept)
    return keepingDimensions ? summed : try summed.reshaped(to: kept.enumerated()
      .filter { !axes.contains($0.offset) }.map(\.element))
  }

  /// The sum of all elements, as a scalar tensor.
  public func sum() -> Tensor {
    // A scalar target shape always broadcasts, so this cannot throw.
    (try? sum(toShape: [])) ?? Tensor(0)
  }

  /// The mean over the given axes.
  public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false)
    throws(TensorError) -> Tensor
  {
    let axes = try normalizedAxes(axes, operation: "mean(alongAxes:)")
    let n = axes.reduce(1) { $0 * shape[$1] }
    return try sum(alongAxes: axes, keepingDimensions: keepingDimensions) * (1 / Float(n))
  }

  /// The mean of all elements, as a scalar tensor.
  public func mean() -> Tensor {
    sum() * (1 / Float(Swift.max(count, 1)))
  }

  /// The maximum along one axis, keeping it with size 1, as a constant: no gradient flows
  /// through it. Used to shift logits before `exp` for numerical stability, where the shift
  /// cancels out of the derivative.
  public func maxValues(alongAxis axis: Int) throws(TensorError) -> Tensor {
    let axis = try normalizedAxes([axis], operation: "maxValues(alongAxis:)")[0]
    let outer = shape[..<axis].reduce(1, *)
    let size = shape[axis]
    let inner = shape[(axis + 1)...].reduce(1, *)
    var result = [Float](repeating: -.infinity, count: outer * inner)
    scalars.withUnsafeBufferPointer { x in
      for o in 0..<outer {
        for s in 0..<size {
          let base = (o * size + s) * inner
          for i in 0..<inner where x[base + i] > result[o * inner + i] {
            result[o * inner + i] = x[base + i]
          }
        }
      }
    }
    var kept = shape
    kept[axis] = 1
    return Tensor(unchecked: kept, result)
  }

  /// Axes made non-negative, checked, and sorted without repeats.
  func normalizedAxes(_ axes: [Int], operation: String) throws(TensorError) -> [Int] {
    var result: Set<Int> = []
    for axis in axes {
      let a = axis < 0 ? axis + rank : axis
      guard a >= 0 && a < rank else {
        throw .invalidArgument(operation: operation, shape: shape,
                               reason: "axis \(axis) is out of range")
      }
      result.insert(a)
    }
    return result.sorted()
  }
}
