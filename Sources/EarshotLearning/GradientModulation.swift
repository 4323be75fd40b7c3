import EarshotAutodiff
import EarshotWorld
import Foundation

/// On-the-fly gradient modulation with generalisation enhancement (OGM-GE, Peng et al.,
/// CVPR 2022), adapted to a fused policy.
///
/// Each modality's score is the mean probability of the expert's action when the
/// other modality's embedding is zeroed: s_v = mean p(y | e_v, 0), s_a = mean p(y | 0, e_a).
/// With ρ_v = s_v / s_a, the dominant modality's encoder gradient is scaled by
/// k = 1 − tanh(α·(ρ − 1)) and receives Gaussian noise with the gradient's own
/// standard deviation (the "GE" part); the other modality's gradient is left as is.
extension PolicyTrainer {
  /// (k_vision, k_audio) for this batch.
  func modulationCoefficients(
    unrolled: PolicyNetwork.Unrolled, labels: [Int], mask: [Float], alpha: Float
  ) throws -> [Float] {
    let e = unrolled.embeddings
    let scores = try withGradientRecording(false) { () -> [Float] in
      try (0..<e.count).map { keep in
        let alone = e.enumerated().map { $0.offset == keep ? $0.element : .zeros($0.element.shape) }
        let p = try network.head(embeddings: alone, before: unrolled.before).softmax().scalars
        var sum: Float = 0
        for (r, label) in labels.enumerated() where mask[r] > 0 { sum += p[r * 4 + label] }
        return sum / max(mask.reduce(0, +), 1)
      }
    }
    let ratio = scores[0] / max(scores[1], 1e-6)
    return [
      ratio > 1 ? 1 - tanhf(alpha * (ratio - 1)) : 1,
      ratio < 1 ? 1 - tanhf(alpha * (1 / max(ratio, 1e-6) - 1)) : 1,
    ]
  }

  /// Scales each encoder's gradients by its coefficient, adding noise where k < 1.
  func modulate(
    _ grads: [Tensor], of parameters: [Tensor], coefficients: [Float],
    using rng: inout SplitMix64
  ) throws -> [Tensor] {
    var result = grads
    for (m, name) in ["vision", "audio"].enumerated() where coefficients[m] < 1 {
      let encoder = Set(network.encoderParameters(name).map(ObjectIdentifier.init))
      for i in parameters.indices where encoder.contains(ObjectIdentifier(parameters[i])) {
        let g = grads[i].scalars
        let mean = g.reduce(0, +) / Float(max(g.count, 1))
        let sd = (g.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(max(g.count, 1)))
          .squareRoot()
        let noisy = g.map { coefficients[m] * $0 + sd * rng.nextGaussian() }
        result[i] = try Tensor(shape: grads[i].shape, data: noisy)
      }
    }
    return result
  }
}
