import EarshotWorld

/// Diffuse background noise: white, independent at the two ears, at a fixed RMS level.
///
/// The noise comes from a fixed loop of 2¹⁶ uniform samples (4.1 s at 16 kHz), the same in
/// every episode; each block reads each ear's window from an offset drawn from
/// `SplitMix64(seed:stream:)` keyed by the episode and the step, so it is the same on every
/// run and does not depend on earlier calls. The right ear's window starts between a quarter
/// and three quarters of the loop after the left's, so the ears never share a sample in a
/// block. Different steps and episodes do share stretches of the loop (a window overlaps
/// another step's about one time in eight). Reading a loop costs a load a sample; drawing
/// a fresh 64-bit random number for each pair of samples was most of the cost of the noise.
struct BackgroundNoise {
  /// Samples in the loop; a power of two.
  static let loopLength = 1 << 16
  /// The loop: uniform in [−1, 1), twice over so that a window never wraps.
  private static let loop: [Float] = {
    var rng = SplitMix64(seed: 0x0B5E_55ED_100B)
    let once = (0..<loopLength).map { _ in
      Float(Int32(truncatingIfNeeded: rng.next() >> 32)) / 2_147_483_648
    }
    return once + once
  }()

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
  ///
  /// A block longer than a quarter of the loop is done in pieces, each with its own offsets.
  func add(
    step: Int, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    if peak == 0 { return }
    let stream = UInt64(truncatingIfNeeded: episodeIndex) << 32 | UInt64(truncatingIfNeeded: step)
    var rng = SplitMix64(seed: seed, stream: stream)
    let length = BackgroundNoise.loopLength
    let peak = self.peak
    BackgroundNoise.loop.withUnsafeBufferPointer { loop in
      var done = 0
      while done < count {
        let piece = min(count - done, length / 4)
        let start = rng.uniform(below: length)
        let gap = length / 4 + rng.uniform(below: length / 2)
        let l = loop.baseAddress! + start - done
        let r = loop.baseAddress! + (start + gap) % length - done
        var n = done
        while n + 4 <= done + piece {
          storeVector(loadVector(left + n) + loadVector(l + n) * peak, at: left + n)
          storeVector(loadVector(right + n) + loadVector(r + n) * peak, at: right + n)
          n += 4
        }
        while n < done + piece {
          left[n] += l[n] * peak
          right[n] += r[n] * peak
          n += 1
        }
        done += piece
      }
    }
  }
}
