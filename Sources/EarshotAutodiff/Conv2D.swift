/// A 2-D convolution layer over `[batch, channels, height, width]` images.
///
/// | parameter | shape                                          | initial values       |
/// | --------- | ---------------------------------------------- | -------------------- |
/// | `weight`  | `[outChannels, inChannels, kernel, kernel]`    | uniform in ±1/√fanIn |
/// | `bias`    | `[outChannels]`                                | uniform in ±1/√fanIn |
///
/// `fanIn = inChannels · kernel²`.
public final class Conv2D: Module {
  /// `[outChannels, inChannels, kernelSize, kernelSize]`.
  public let weight: Tensor
  /// `[outChannels]`.
  public let bias: Tensor
  /// The step between windows, in pixels.
  public let stride: Int
  /// Zeros added on each side, in pixels.
  public let padding: Int

  /// Creates a layer with seeded initial values.
  public init(
    inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    using generator: inout SplitMix64
  ) {
    let bound = 1 / Float(inChannels * kernelSize * kernelSize).squareRoot()
    weight = .randomUniform([outChannels, inChannels, kernelSize, kernelSize],
                            lower: -bound, upper: bound, using: &generator)
    bias = .randomUniform([outChannels], lower: -bound, upper: bound, using: &generator)
    weight.requiresGradient = true
    bias.requiresGradient = true
    self.stride = stride
    self.padding = padding
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    [("weight", weight), ("bias", bias)]
  }

  /// `[batch, inChannels, h, w] → [batch, outChannels, h', w']`, see
  /// ``Tensor/convolved(with:bias:stride:padding:)``.
  public func callAsFunction(_ input: Tensor) throws(TensorError) -> Tensor {
    try input.convolved(with: weight, bias: bias, stride: stride, padding: padding)
  }
}
