#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gauss–Legendre quadrature with n points, computed by Newton's method on the Legendre
/// polynomial `Pₙ`.
///
/// On `[−1, 1]` the nodes `tᵢ` are the roots of `Pₙ` and the weights are
///
/// ```
/// wᵢ = 2 / ((1 − tᵢ²) · Pₙ′(tᵢ)²),
/// ```
///
/// which makes `Σᵢ wᵢ p(tᵢ) = ∫₋₁¹ p(t) dt` exact for polynomials of degree up to `2n − 1`.
/// On `[0, 1]` the nodes become `(tᵢ + 1) / 2` and the weights `wᵢ / 2`.
///
/// Each root starts from the Chebyshev-like guess `cos(π (i + ¾) / (n + ½))` and is refined
/// until its Newton step is below `1e-15`; `Pₙ` and `Pₙ′` come from the three-term
/// recurrence `(k + 1) P_{k+1} = (2k + 1) t P_k − k P_{k−1}`. Everything is `Double`, so
/// nodes and weights are correct to about 1e-15 for the n ≤ a few hundred used here.
public struct GaussLegendre: Sendable {
  /// Nodes on `[−1, 1]`, ascending.
  public let nodes: [Double]
  /// Weights on `[−1, 1]`; they sum to 2.
  public let weights: [Double]

  /// Computes the n-point rule; `n ≥ 1`.
  ///
  /// - Complexity: O(n²) (n roots, each a few Newton steps of an O(n) recurrence).
  public init(points n: Int) {
    precondition(n >= 1, "Gauss–Legendre needs at least one point")
    var nodes = [Double](repeating: 0, count: n)
    var weights = [Double](repeating: 0, count: n)
    // The roots are symmetric about 0, so only half of them are searched for.
    for i in 0..<((n + 1) / 2) {
      var t = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        let (p, dp) = GaussLegendre.legendre(n, at: t)
        derivative = dp
        let step = p / dp
        t -= step
        if abs(step) < 1e-15 { break }
      }
      derivative = GaussLegendre.legendre(n, at: t).derivative
      let w = 2 / ((1 - t * t) * derivative * derivative)
      nodes[i] = -t
      nodes[n - 1 - i] = t
      weights[i] = w
      weights[n - 1 - i] = w
    }
    if n % 2 == 1 { nodes[n / 2] = 0 }
    self.nodes = nodes
    self.weights = weights
  }

  /// The nodes mapped to `[0, 1]`, ascending.
  public var unitNodes: [Double] { nodes.map { ($0 + 1) / 2 } }

  /// The weights for `[0, 1]`; they sum to 1.
  public var unitWeights: [Double] { weights.map { $0 / 2 } }

  /// `(Pₙ(t), Pₙ′(t))` by the three-term recurrence.
  static func legendre(_ n: Int, at t: Double) -> (value: Double, derivative: Double) {
    var previous = 1.0
    var current = t
    if n == 0 { return (1, 0) }
    for k in 1..<n {
      let next = (Double(2 * k + 1) * t * current - Double(k) * previous) / Double(k + 1)
      previous = current
      current = next
    }
    // Pₙ′(t) = n (t Pₙ − Pₙ₋₁) / (t² − 1); t is never ±1 at a root.
    let derivative = Double(n) * (t * current - previous) / (t * t - 1)
    return (current, derivative)
  }
}
