import EarshotAutodiff

/// The reference two-branch network of the autodiff benchmark (the same as in
/// `benchmarks/autodiff_vs_jax.py`):
///
/// - frame `[N, 3, 64, 64]`: conv 3→16 5×5 stride 2 pad 2, relu; conv 16→32 3×3/2 pad 1,
///   relu; conv 32→32 3×3/2 pad 1, relu → 2048 features;
/// - spectrogram `[N, 2, 65, 26]`: conv 2→16 3×3 pad 1, relu, 2×2 max-pool; conv 16→32
///   3×3 pad 1, relu, 2×2 max-pool → 3072 features;
/// - fusion: linear 5120→256, relu; linear 256→4 (action logits).
final class AutodiffReferenceNetwork: Module {
  let frame1, frame2, frame3, sound1, sound2: Conv2D
  let fusion, head: Linear

  init(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    frame1 = Conv2D(inChannels: 3, outChannels: 16, kernelSize: 5, stride: 2, padding: 2,
                    using: &rng)
    frame2 = Conv2D(inChannels: 16, outChannels: 32, kernelSize: 3, stride: 2, padding: 1,
                    using: &rng)
    frame3 = Conv2D(inChannels: 32, outChannels: 32, kernelSize: 3, stride: 2, padding: 1,
                    using: &rng)
    sound1 = Conv2D(inChannels: 2, outChannels: 16, kernelSize: 3, padding: 1, using: &rng)
    sound2 = Conv2D(inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1, using: &rng)
    fusion = Linear(inputSize: 2048 + 3072, outputSize: 256, using: &rng)
    head = Linear(inputSize: 256, outputSize: 4, using: &rng)
  }

  var namedParameters: [(name: String, tensor: Tensor)] {
    frame1.namedParameters(prefix: "vision.conv1")
      + frame2.namedParameters(prefix: "vision.conv2")
      + frame3.namedParameters(prefix: "vision.conv3")
      + sound1.namedParameters(prefix: "audio.conv1")
      + sound2.namedParameters(prefix: "audio.conv2")
      + fusion.namedParameters(prefix: "policy.fusion")
      + head.namedParameters(prefix: "policy.head")
  }

  /// `([N, 3, 64, 64], [N, 2, 65, 26]) → [N, 4]`.
  func callAsFunction(frame: Tensor, spectrogram: Tensor) throws -> Tensor {
    let seen = try frame3(frame2(frame1(frame).relu()).relu()).relu().flattenedBatch()
    let heard = try sound2(sound1(spectrogram).relu().maxPooled(size: 2)).relu()
      .maxPooled(size: 2).flattenedBatch()
    let joint = try Tensor.concatenated([seen, heard], alongAxis: 1)
    return try head(fusion(joint).relu())
  }
}
