import EarshotWorld

/// Diffuse background noise: white, independent at the two ears, at a fixed RMS level.
///
/// Each block's noise is drawn from `SplitMix64(seed:stream:)` keyed by the episode and the
/// step, so it is the same on every run and does not depend on earlier calls.
struct BackgroundNoise {
  /// Peak of the uniform noise: RMS level × √3.
  let peak: Float
  let seed: UInt64
  let episodeIndex: Int

  /// Noise at `decibels` dBFS RMS per ear.
  init(decibels: Double, seed: UInt64, episodeIndex: Int) {
    peak = Float(amplitude(decibels: decibels) * 3.0.squareRoot())
    self.seed = seed ^ 0x0B5E_55ED_0015_E000
    self.episodeIndex = episodeIndex
  }

  /// Adds step `step`'s noise to both ears.
  func add(
    step: Int, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    if peak == 0 { return }
    let stream = UInt64(truncatingIfNeeded: episodeIndex) << 32 | UInt64(truncatingIfNeeded: step)
    var rng = SplitMix64(seed: seed, stream: stream)
    let scale = peak / 2_147_483_648
    for n in 0..<count {
      let bits = rng.next()
      left[n] += Float(Int32(truncatingIfNeeded: bits)) * scale
      right[n] += Float(Int32(truncatingIfNeeded: bits >> 32)) * scale
    }
  }
}
