/// Layer normalisation.
extension Tensor {
  /// Each row normalised over the last axis to mean 0 and variance 1:
  /// `(x − mean) / √(variance + epsilon)`, with the biased (population) variance.
  public func layerNormalized(epsilon: Float = 1e-5) throws(TensorError) -> Tensor {
    let centered = try self - mean(alongAxes: [-1], keepingDimensions: true)
    let variance = try centered.squared().mean(alongAxes: [-1], keepingDimensions: true)
    return try centered / (variance + epsilon).squareRoot()
  }
}
