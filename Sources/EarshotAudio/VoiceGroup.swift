// The voices' recursive filters: each voice's bend low-pass (`VoiceGroup`), and the head
// shadow's recursion, one per ear, shared by all voices (`HeadShadow`).

/// The bend low-pass of the voices that need one, run two voices at a time.
enum VoiceGroup {
  /// Samples over which the low-pass pole stays fixed while it ramps (1 ms at 16 kHz).
  static let chunk = 16

  /// Runs the bend low-pass, y[n] = (1 − p) x[n] + p y[n−1], in place on the blocks of
  /// `voices` that need it, two voices at a time so that their recursions overlap.
  static func lowpass(_ voices: [SourceVoice], count: Int) {
    let used = voices.filter(\.needsLowpass)
    for start in stride(from: 0, to: used.count, by: 2) {
      let first = used[start]
      let second = start + 1 < used.count ? used[start + 1] : nil
      lowpass(first, second, count: count)
    }
  }

  /// The low-pass of one or two voices in one loop.
  private static func lowpass(_ a: SourceVoice, _ b: SourceVoice?, count: Int) {
    let (xa, ya) = (a.undamped, a.block)
    let (xb, yb) = (b?.undamped ?? xa, b?.block ?? ya)
    let pa0 = a.from.pole, dpa = (a.to.pole - pa0) / Float(count)
    let pb0 = b?.from.pole ?? 0, dpb = ((b?.to.pole ?? 0) - pb0) / Float(count)
    var lastA = a.lowpassState, lastB = b?.lowpassState ?? 0
    let both = b != nil
    var n = 0
    while n < count {
      let end = min(count, n + chunk)
      // The pole of a chunk is its value at the chunk's middle.
      let middle = Float(n + end + 1) / 2
      let pa = pa0 + dpa * middle, pb = pb0 + dpb * middle
      if end - n == chunk {
        lastA = lowpassChunk(xa + n, into: ya + n, pole: pa, last: lastA)
        if both { lastB = lowpassChunk(xb + n, into: yb + n, pole: pb, last: lastB) }
      } else {
        for i in n..<end {
          lastA = (1 - pa) * xa[i] + pa * lastA
          ya[i] = lastA
          if both {
            lastB = (1 - pb) * xb[i] + pb * lastB
            yb[i] = lastB
          }
        }
      }
      n = end
    }
    a.lowpassState = lastA
    b?.lowpassState = lastB
  }

  /// y[n] = g x[n] + p y[n−1], g = 1 − p, for the `chunk` samples from `x` into `y`, `last`
  /// being the output before them; returns the last output. `x` must have three readable
  /// samples before it.
  ///
  /// Unrolled four samples back,
  /// y[n] = g (x[n] + p x[n−1] + p² x[n−2] + p³ x[n−3]) + p⁴ y[n−4]:
  /// the inputs go through a filter along time, read as vectors at offsets 0–3, and each
  /// vector of outputs needs only the one before. The first vector's taps stop at the
  /// chunk's start (earlier samples belong to another pole), and it takes p, p², p³, p⁴
  /// times `last` instead.
  @inline(__always)
  private static func lowpassChunk(
    _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, pole p: Float, last: Float
  ) -> Float {
    let g = 1 - p
    let (p2, p3) = (p * p, p * p * p), p4 = p2 * p2
    let (w1, w2, w3) = (g * p, g * p2, g * p3)
    let first = g * loadVector(x) + SIMD4(0, w1, w1, w1) * loadVector(x - 1)
      + SIMD4(0, 0, w2, w2) * loadVector(x - 2) + SIMD4(0, 0, 0, w3) * loadVector(x - 3)
    var v = first + SIMD4(p, p2, p3, p4) * last
    storeVector(v, at: y)
    for k in stride(from: 4, to: chunk, by: 4) {
      v = lookBack(x + k, g, w1, w2, w3) + p4 * v
      storeVector(v, at: y + k)
    }
    return v[3]
  }
}

/// The recursive part of the head shadow, y[n] = u[n] + c y[n−1] with c = −a1, one per ear,
/// shared by all voices.
///
/// Brown and Duda's filter has the same pole for every azimuth and either ear, so the
/// recursive part of all voices' shadow filters is one filter per ear, run on the sum of
/// their feed-forward parts: each block, `begin`, then every voice's
/// `SourceVoice.shadowInput` into `inputs`, then `run`. The recursion is unrolled four
/// samples back,
///
/// ```
/// y[n] = u[n] + c u[n−1] + c² u[n−2] + c³ u[n−3] + c⁴ y[n−4],
/// ```
///
/// a filter along time on the inputs, read as vectors at offsets 0–3, plus a recursion that
/// links each vector of four outputs to the one before: whole vectors throughout, no lane
/// moved, and the two ears' recursions overlap.
final class HeadShadow {
  /// c = −a1, a1 the shadow filter's feedback coefficient (`HeadModel.shadowFilter`).
  let pole: Float
  /// Samples per block.
  let count: Int
  /// Each ear's u for the current block, `count` samples, after the last block's last four.
  let inputs: (left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>)
  /// Each ear's last four outputs.
  private var state = (left: SIMD4<Float>(), right: SIMD4<Float>())

  init(pole: Float, count: Int) {
    self.pole = pole
    self.count = count
    inputs = (.allocate(capacity: count + 4) + 4, .allocate(capacity: count + 4) + 4)
    (inputs.left - 4).initialize(repeating: 0, count: count + 4)
    (inputs.right - 4).initialize(repeating: 0, count: count + 4)
  }

  deinit {
    (inputs.left - 4).deallocate()
    (inputs.right - 4).deallocate()
  }

  /// Keeps the last block's last four inputs and clears the inputs for the next block.
  func begin() {
    let (ul, ur) = inputs
    // In increasing order, so that each history sample is read before it is overwritten
    // even when a block is shorter than four samples.
    for k in -4..<0 {
      ul[k] = ul[count + k]
      ur[k] = ur[count + k]
    }
    ul.update(repeating: 0, count: count)
    ur.update(repeating: 0, count: count)
  }

  /// Runs both ears' recursions on `inputs`, writing the outputs to `left` and `right`.
  func run(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>) {
    let c = pole, count = self.count
    let (c2, c3) = (c * c, c * c * c), c4 = c2 * c2
    let (ul, ur) = inputs
    var (yl, yr) = state
    var i = 0
    while i + 4 <= count {
      // Weight 1 on the newest input: multiplying by 1 is exact.
      yl = lookBack(ul + i, 1, c, c2, c3) + c4 * yl
      yr = lookBack(ur + i, 1, c, c2, c3) + c4 * yr
      storeVector(yl, at: left + i)
      storeVector(yr, at: right + i)
      i += 4
    }
    // A ragged end, one sample at a time; the state is the last four outputs either way.
    while i < count {
      left[i] = ul[i] + c * (i > 0 ? left[i - 1] : yl[3])
      right[i] = ur[i] + c * (i > 0 ? right[i - 1] : yr[3])
      i += 1
    }
    if count >= 4 {
      state = (loadVector(left + count - 4), loadVector(right + count - 4))
    } else {
      for k in 0..<count {
        yl = SIMD4(yl[1], yl[2], yl[3], left[k])
        yr = SIMD4(yr[1], yr[2], yr[3], right[k])
      }
      state = (yl, yr)
    }
  }
}
