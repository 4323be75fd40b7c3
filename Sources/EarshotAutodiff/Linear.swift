/// A fully connected layer `y = x·W + b`.
///
/// | parameter | shape                        | initial values            |
/// | --------- | ---------------------------- | ------------------------- |
/// | `weight`  | `[inputSize, outputSize]`    | uniform in ±1/√inputSize |
/// | `bias`    | `[outputSize]`               | uniform in ±1/√inputSize |
///
/// The weight is stored `[in, out]` (not PyTorch's `[out, in]`), so the forward pass is one
/// untransposed matrix product.
public final class Linear: Module {
  /// `[inputSize, outputSize]`.
  public let weight: Tensor
  /// `[outputSize]`.
  public let bias: Tensor

  /// Creates a layer with seeded initial values.
  public init(inputSize: Int, outputSize: Int, using generator: inout SplitMix64) {
    let bound = 1 / Float(inputSize).squareRoot()
    weight = .randomUniform([inputSize, outputSize], lower: -bound, upper: bound,
                            using: &generator)
    bias = .randomUniform([outputSize], lower: -bound, upper: bound, using: &generator)
    weight.requiresGradient = true
    bias.requiresGradient = true
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    [("weight", weight), ("bias", bias)]
  }

  /// `[batch, inputSize] → [batch, outputSize]`.
  public func callAsFunction(_ input: Tensor) throws(TensorError) -> Tensor {
    try input.matmul(weight) + bias
  }
}
