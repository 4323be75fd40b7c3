import EarshotAutodiff

/// The frame encoder: `[B, 3, H, W]` (values in [0, 1]) → `[B, embedding]`.
///
/// conv 8×8 stride 4 → ReLU → conv 4×4 stride 2 → ReLU → linear → ReLU.
/// Parameters: `conv1`, `conv2`, `linear`, each with `weight` and `bias`.
public final class VisionEncoder: Module {
  let conv1: Conv2D, conv2: Conv2D, linear: Linear

  /// An encoder for `height × width` frames with seeded weights.
  public init(
    height: Int, width: Int, channels: [Int], embedding: Int, using rng: inout SplitMix64
  ) {
    conv1 = Conv2D(inChannels: 3, outChannels: channels[0], kernelSize: 8, stride: 4, using: &rng)
    conv2 = Conv2D(
      inChannels: channels[0], outChannels: channels[1], kernelSize: 4, stride: 2, using: &rng)
    let h = convolved(convolved(height, 8, 4), 4, 2), w = convolved(convolved(width, 8, 4), 4, 2)
    linear = Linear(inputSize: channels[1] * h * w, outputSize: embedding, using: &rng)
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    conv1.namedParameters(prefix: "conv1") + conv2.namedParameters(prefix: "conv2")
      + linear.namedParameters(prefix: "linear")
  }

  public func callAsFunction(_ frames: Tensor) throws -> Tensor {
    let features = try conv2(conv1(frames).relu()).relu()
    return try linear(features.flattenedBatch()).relu()
  }
}

/// The spectrogram encoder: `[B, 2, F, T]` (dB, scaled) → `[B, embedding]`.
///
/// conv 5×5 stride 2 → ReLU → conv 3×3 stride 2 → ReLU → conv 3×3 stride 2 → ReLU →
/// linear → ReLU. Parameters: `conv1`…`conv3`, `linear`.
public final class AudioEncoder: Module {
  let convs: [Conv2D]
  let linear: Linear

  /// An encoder for `bins × frames` spectrograms with seeded weights.
  public init(
    bins: Int, frames: Int, channels: [Int], embedding: Int, using rng: inout SplitMix64
  ) {
    var inChannels = 2, f = bins, t = frames
    var convs = [Conv2D]()
    for (c, (k, s)) in zip(channels, [(5, 2), (3, 2), (3, 2)]) {
      convs.append(
        Conv2D(inChannels: inChannels, outChannels: c, kernelSize: k, stride: s, using: &rng))
      (inChannels, f, t) = (c, convolved(f, k, s), convolved(t, k, s))
    }
    self.convs = convs
    linear = Linear(inputSize: inChannels * f * t, outputSize: embedding, using: &rng)
  }

  public var namedParameters: [(name: String, tensor: Tensor)] {
    convs.enumerated().flatMap { $1.namedParameters(prefix: "conv\($0 + 1)") }
      + linear.namedParameters(prefix: "linear")
  }

  public func callAsFunction(_ spectrograms: Tensor) throws -> Tensor {
    var x = spectrograms
    for conv in convs { x = try conv(x).relu() }
    return try linear(x.flattenedBatch()).relu()
  }
}

/// Output size of a convolution without padding.
func convolved(_ size: Int, _ kernel: Int, _ stride: Int) -> Int { (size - kernel) / stride + 1 }
