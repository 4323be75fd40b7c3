#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EarshotAutodiff

/// How far a sample's modality shares `s` are from the target shares `r` (both `[M]`,
/// summing to 1).
///
/// ```
/// l1        D = Σ_m |s_m − r_m|                       (0 … 2)
/// variance  D = (1/M) Σ_m (s_m − r_m)²                (the inter-modal variance for uniform r)
/// kl        D = KL(r ‖ s) = Σ_{m: r_m>0} r_m (log r_m − log(s_m + δ)),   δ = 1e-6
/// ```
///
/// KL(r ‖ s) rather than KL(s ‖ r): it grows without bound (up to −log δ) as any modality
/// the target wants used loses its share, which is exactly the collapse the regularizer is
/// meant to prevent, and it is finite for target shares with zeros. δ keeps `log 0` out.
public enum ShareDivergence: String, CaseIterable, Sendable {
  /// Σ_m |s_m − r_m|.
  case l1
  /// (1/M) Σ_m (s_m − r_m)².
  case variance
  /// KL(r ‖ s), with the logarithm guarded by ``logFloor``.
  case kl

  /// Parses a divergence name (`"l1"`, `"variance"`, `"kl"`).
  ///
  /// - Throws: ``AttributionError/unknownDivergence(_:)`` listing the known names.
  public init(parsing name: String) throws(AttributionError) {
    guard let divergence = ShareDivergence(rawValue: name) else {
      throw .unknownDivergence(name)
    }
    self = divergence
  }

  /// The guard inside the logarithm of `kl`.
  public static let logFloor: Float = 1e-6

  /// The divergence of each row: shares `[B, M]`, target `[M]` → `[B]`, differentiable in
  /// the shares.
  func callAsFunction(_ shares: Tensor, target: [Float]) throws -> Tensor {
    let m = target.count
    let r = try Tensor(shape: [1, m], data: target)
    switch self {
    case .l1:
      // |d| as d · sign(d) with a constant sign: the kink sits only at s_m = r_m exactly.
      let d = try shares - r
      let sign = try Tensor(shape: d.shape, data: d.scalars.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 })
      return try (d * sign).sum(alongAxes: [1])
    case .variance:
      return try (shares - r).squared().sum(alongAxes: [1]) * (1 / Float(m))
    case .kl:
      // Terms with r_m = 0 vanish (0 · log 0 = 0), so their weight is simply 0.
      let logR = try Tensor(shape: [1, m], data: target.map { $0 > 0 ? logf($0) : 0 })
      let logS = (shares + ShareDivergence.logFloor).log()
      return try (r * (logR - logS)).sum(alongAxes: [1])
    }
  }
}
