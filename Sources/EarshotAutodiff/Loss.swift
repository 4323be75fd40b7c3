/// Softmax, log-softmax and the losses built from them. All are composed of differentiable
/// operations, so they differentiate to any order.
extension Tensor {
  /// `log(softmax(x))` along `axis`, computed as `x − m − log Σ exp(x − m)` with `m` the
  /// (constant) maximum, which keeps `exp` from overflowing without changing the result.
  public func logSoftmax(alongAxis axis: Int = -1) throws(TensorError) -> Tensor {
    let shifted = try self - maxValues(alongAxis: axis)
    let logNormalizer = try shifted.exp().sum(alongAxes: [axis], keepingDimensions: true).log()
    return try shifted - logNormalizer
  }

  /// `exp(x) / Σ exp(x)` along `axis`.
  public func softmax(alongAxis axis: Int = -1) throws(TensorError) -> Tensor {
    try logSoftmax(alongAxis: axis).exp()
  }

  /// The mean over the batch of `−log softmax(logits)[label]`.
  ///
  /// - Parameters:
  ///   - self: logits `[batch, classes]`.
  ///   - labels: one class index per batch row, each in `0..<classes`.
  public func crossEntropy(labels: [Int]) throws(TensorError) -> Tensor {
    guard rank == 2, labels.count == shape[0],
          labels.allSatisfy({ $0 >= 0 && $0 < shape[1] }) else {
      throw .invalidArgument(operation: "crossEntropy(labels:)", shape: shape,
                             reason: "needs [batch, classes] logits and \(shape.first ?? 0) "
                               + "labels in range, got \(labels.count) labels")
    }
    var oneHot = [Float](repeating: 0, count: count)
    for (row, label) in labels.enumerated() { oneHot[row * shape[1] + label] = 1 }
    return try crossEntropy(targets: Tensor(unchecked: shape, oneHot))
  }

  /// The mean over the batch of `−Σ targets · log softmax(logits)`, for target
  /// distributions `[batch, classes]` (for example an expert policy's action probabilities).
  public func crossEntropy(targets: Tensor) throws(TensorError) -> Tensor {
    guard rank == 2, targets.shape == shape else {
      throw .shapeMismatch(operation: "crossEntropy(targets:)", lhs: shape, rhs: targets.shape)
    }
    return try -(targets * logSoftmax()).sum() / Float(shape[0])
  }

  /// The entropy `−Σ p log p` of `softmax(logits)` along the last axis, one value per row.
  public func entropy() throws(TensorError) -> Tensor {
    let logP = try logSoftmax()
    return try -(logP.exp() * logP).sum(alongAxes: [-1])
  }
}
