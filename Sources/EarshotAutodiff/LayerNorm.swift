/// Layer normalisation over the last axis, followed by a learned scale and shift.
///
/// | parameter | shape        | initial values |
/// | --------- | ------------ | -------------- |
/// | `weight`  | `[features]` | ones           |
/// | `bias`    | `[features]` | zeros          |
public final class LayerNorm: Module {
  /// The scale, `[features]`.
  public let weight: Tensor
  /// The shift, `[features]`.
  public let bias: Tensor
  /// Added to the variance before the square root.
  public let epsilon: Float

  /// Creates the layer for inputs whose last axis has `features` elements.
  public init(features: Int, epsilon: Float = 1e-5) {
    weight = .filled([features], with: 1)
    bias = .zeros([features])
    weight.requiresGradient = true
    bias.requiresGradient = true
    self.epsilon = epsilon
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    [("weight", weight), ("bias", bias)]
  }

  /// `[…, features] → […, features]`.
  public func callAsFunction(_ input: Tensor) throws(TensorError) -> Tensor {
    try input.layerNormalized(epsilon: epsilon) * weight + bias
  }
}
