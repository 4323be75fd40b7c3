import Foundation

/// SplitMix64: a small, fast generator whose output depends only on its seed.
///
/// Earshot draws all its randomness from it (never from the system), so that
/// a scenario's seed and an episode's index fix everything an episode does,
/// and a training seed fixes a network's initial weights.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  /// A generator; equal seeds give equal sequences.
  public init(seed: UInt64) { state = seed }

  /// A generator for one of many independent streams, e.g. one per episode.
  public init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    state = mixer.next()
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift, unbiased).
  ///
  /// Written out rather than taken from the standard library so that draws
  /// stay the same across Swift versions.
  public mutating func uniform(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold { product = next().multipliedFullWidth(by: b) }
    }
    return Int(product.high)
  }

  /// A uniform `Float` in [0, 1) with 24 random bits.
  public mutating func nextUniform() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  public mutating func unitDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal sample by the Box–Muller transform.
  public mutating func nextGaussian() -> Float {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    let u1 = 1 - Double(next() >> 11) * 0x1p-53
    let u2 = Double(next() >> 11) * 0x1p-53
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }
}
