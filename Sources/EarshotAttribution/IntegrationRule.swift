/// A quadrature rule for the path integral of Integrated Gradients.
///
/// Integrated Gradients integrates the gradient along the straight path from the baseline
/// `x′` to the input `x`,
///
/// ```
/// aᵢ = (xᵢ − x′ᵢ) · ∫₀¹ ∂F/∂xᵢ (x′ + α (x − x′)) dα,
/// ```
///
/// and each rule replaces the integral by `Σₖ wₖ g(αₖ)` over K nodes `αₖ ∈ [0, 1]` whose
/// weights sum to 1. For a smooth integrand the error falls as
///
/// | rule                | nodes αₖ (k = 0…K−1)      | weights wₖ               | error      |
/// | ------------------- | ------------------------- | ------------------------ | ---------- |
/// | `riemann_left`      | k / K                     | 1 / K                    | O(1/K)     |
/// | `riemann_right`     | (k + 1) / K               | 1 / K                    | O(1/K)     |
/// | `riemann_middle`    | (k + ½) / K               | 1 / K                    | O(1/K²)    |
/// | `riemann_trapezoid` | k / (K − 1), needs K ≥ 2  | 1/(K−1), ends halved     | O(1/K²)    |
/// | `gauss_legendre`    | roots of P_K, to [0, 1]   | see ``GaussLegendre``    | degree 2K−1 |
public enum IntegrationRule: String, CaseIterable, Sendable {
  /// Left Riemann sum: includes the baseline, misses the input.
  case riemannLeft = "riemann_left"
  /// Right Riemann sum: includes the input, misses the baseline.
  case riemannRight = "riemann_right"
  /// Midpoint rule.
  case riemannMiddle = "riemann_middle"
  /// Trapezoid rule: both ends, half weight each.
  case riemannTrapezoid = "riemann_trapezoid"
  /// Gauss–Legendre quadrature, the most accurate for smooth networks.
  case gaussLegendre = "gauss_legendre"

  /// Parses a method name as written on the command line (`"gauss_legendre"`, …).
  ///
  /// - Throws: ``AttributionError/unknownRule(_:)`` listing the known names.
  public init(parsing name: String) throws(AttributionError) {
    guard let rule = IntegrationRule(rawValue: name) else { throw .unknownRule(name) }
    self = rule
  }

  /// The smallest number of points the rule is defined for: 2 for the trapezoid (it needs
  /// both ends of the path), 1 otherwise.
  public var minimumPoints: Int { self == .riemannTrapezoid ? 2 : 1 }

  /// The K nodes in `[0, 1]` and their weights, which sum to 1.
  ///
  /// - Throws: ``AttributionError/invalidPointCount(rule:points:minimum:)`` when
  ///   `points < minimumPoints`.
  /// - Complexity: O(K) for the Riemann rules, O(K²) Newton steps for Gauss–Legendre.
  public func nodes(points: Int) throws(AttributionError) -> (alphas: [Double], weights: [Double])
  {
    guard points >= minimumPoints else {
      throw .invalidPointCount(rule: rawValue, points: points, minimum: minimumPoints)
    }
    let k = Double(points)
    let uniform = [Double](repeating: 1 / k, count: points)
    switch self {
    case .riemannLeft:
      return ((0..<points).map { Double($0) / k }, uniform)
    case .riemannRight:
      return ((0..<points).map { Double($0 + 1) / k }, uniform)
    case .riemannMiddle:
      return ((0..<points).map { (Double($0) + 0.5) / k }, uniform)
    case .riemannTrapezoid:
      let h = 1 / (k - 1)
      var weights = [Double](repeating: h, count: points)
      weights[0] = h / 2
      weights[points - 1] = h / 2
      // The last node is set to exactly 1 so that the path ends at the input itself.
      return ((0..<points).map { $0 == points - 1 ? 1 : Double($0) * h }, weights)
    case .gaussLegendre:
      let rule = GaussLegendre(points: points)
      return (rule.unitNodes, rule.unitWeights)
    }
  }
}
