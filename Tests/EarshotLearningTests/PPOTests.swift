import EarshotAutodiff
import XCTest

@testable import EarshotLearning

/// GAE and PPO's clipped surrogate against their definitions, computed independently.
final class PPOTests: XCTestCase {
  /// A_t = Σ_k (γλ)^k δ_{t+k}, summed directly rather than by the backward recursion.
  func testAdvantagesAreTheDiscountedSumOfTemporalDifferences() {
    let rewards: [Float] = [-0.01, 1, -0.01, 0.99, 10]
    let values: [Float] = [2, 3.5, 4, 6, 9]
    let (gamma, lambda): (Float, Float) = (0.9, 0.8)
    for final: Float in [0, 7] {
      let next = Array(values.dropFirst()) + [final]
      let deltas = rewards.indices.map { rewards[$0] + gamma * next[$0] - values[$0] }
      let (advantages, returns) = GAE.advantages(
        rewards: rewards, values: values, final: final, gamma: gamma, lambda: lambda)
      for t in rewards.indices {
        var expected: Float = 0
        for k in t..<rewards.count { expected += powf(gamma * lambda, Float(k - t)) * deltas[k] }
        XCTAssertEqual(advantages[t], expected, accuracy: 1e-5, "t = \(t), final = \(final)")
        XCTAssertEqual(returns[t], expected + values[t], accuracy: 1e-5)
      }
    }
    // λ = 1: the return is the discounted sum of rewards plus the discounted final value.
    let (_, monteCarlo) = GAE.advantages(
      rewards: rewards, values: values, final: 7, gamma: gamma, lambda: 1)
    var g: Float = 7
    for t in rewards.indices.reversed() {
      g = rewards[t] + gamma * g
      XCTAssertEqual(monteCarlo[t], g, accuracy: 1e-4)
    }
  }

  /// min(ρA, clip(ρ)A) written out with `min`, in Double.
  private func reference(
    _ logP: [Float], old: [Float], advantages: [Float], mask: [Float], epsilon: Double
  ) -> Double {
    var total = 0.0
    for i in logP.indices where mask[i] > 0 {
      let ratio = exp(Double(logP[i]) - Double(old[i]))
      let a = Double(advantages[i])
      total += min(ratio * a, min(max(ratio, 1 - epsilon), 1 + epsilon) * a)
    }
    return -total / Double(mask.reduce(0, +))
  }

  func testClippedSurrogateMatchesItsDefinitionAndItsGradientFiniteDifferences() throws {
    // Ratios on both sides of the clip, with positive and negative advantages, and one
    // padded row that must not count.
    let old: [Float] = [-1.2, -0.7, -2.0, -0.4, -1.5, -0.9]
    let logP: [Float] = [-1.0, -1.1, -1.6, -0.45, -1.5, -0.2]
    let advantages: [Float] = [1.5, -0.8, -1.2, 0.7, 2.0, 3.0]
    let mask: [Float] = [1, 1, 1, 1, 1, 0]
    let epsilon: Float = 0.2
    let x = try Tensor(shape: [6], data: logP, requiresGradient: true)
    let (loss, fraction) = try ClippedSurrogate.loss(
      logProbabilities: x, old: old, advantages: advantages, mask: mask, epsilon: epsilon)
    let expected = reference(logP, old: old, advantages: advantages, mask: mask, epsilon: 0.2)
    XCTAssertEqual(Double(loss.scalar), expected, accuracy: 1e-5)
    // Clipped: row 0 (ρ = 1.22 > 1.2, A > 0) and row 1 (ρ = 0.67 < 0.8, A < 0). Not clipped:
    // row 2 (ρ = 1.49 but A < 0, so min picks ρA), row 3 (ρ = 0.95), row 4 (ρ = 1).
    XCTAssertEqual(fraction, 2 / 5, accuracy: 1e-6)

    let gradient = try gradients(of: loss, with: [x])[0].scalars
    let h: Float = 1e-3
    for i in logP.indices {
      var plus = logP, minus = logP
      plus[i] += h
      minus[i] -= h
      let numeric = (reference(plus, old: old, advantages: advantages, mask: mask, epsilon: 0.2)
        - reference(minus, old: old, advantages: advantages, mask: mask, epsilon: 0.2))
        / Double(2 * h)
      XCTAssertEqual(Double(gradient[i]), numeric, accuracy: 1e-3, "row \(i)")
    }
  }
}
