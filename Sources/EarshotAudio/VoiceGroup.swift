/// y[n] = g·u[n] + c·y[n−1], four samples at a time.
///
/// A one-pole recursion cannot run along time one vector at a time as it stands, since each
/// output needs the one before. Unrolled over four samples it can:
///
/// ```
/// y[n+j] = Σ_{i≤j} g c^(j−i) u[n+i] + c^(j+1) y[n−1],   j = 0…3
/// ```
///
/// The sum is a 4 × 4 lower-triangular matrix times the four inputs, four broadcasts and
/// multiply-adds; only the last term waits for the previous four samples. So the chain of
/// dependent operations is paid once per four samples instead of once per sample, and
/// independent recursions overlap in between.
struct FirstOrderScan {
  let gain: Float
  let pole: Float
  /// The matrix's columns: g (1, c, c², c³), g (0, 1, c, c²), g (0, 0, 1, c), g (0, 0, 0, 1).
  let columns: (SIMD4<Float>, SIMD4<Float>, SIMD4<Float>, SIMD4<Float>)
  /// c, c², c³, c⁴.
  let powers: SIMD4<Float>

  @inline(__always)
  init(gain g: Float = 1, pole c: Float) {
    gain = g
    pole = c
    let c2 = c * c, c3 = c2 * c
    columns = (g * SIMD4(1, c, c2, c3), g * SIMD4(0, 1, c, c2), g * SIMD4(0, 0, 1, c),
      g * SIMD4(0, 0, 0, 1))
    powers = SIMD4(c, c2, c3, c2 * c2)
  }

  /// The outputs for inputs `u[n…n+3]`, `last` being y[n−1].
  @inline(__always)
  func callAsFunction(_ u: SIMD4<Float>, after last: Float) -> SIMD4<Float> {
    let early = SIMD4(repeating: u[0]) * columns.0 + SIMD4(repeating: u[1]) * columns.1
    let late = SIMD4(repeating: u[2]) * columns.2 + SIMD4(repeating: u[3]) * columns.3
    return (early + late) + powers * last
  }

  /// The output for one input, `last` being the output before.
  @inline(__always)
  func callAsFunction(_ u: Float, after last: Float) -> Float { gain * u + pole * last }
}

/// The recursive filters of the voices: the bend low-pass of each voice, and the head
/// shadow of each ear, shared by all voices.
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
    let xa = a.block, xb = b?.block ?? a.block
    let pa0 = a.from.pole, dpa = (a.to.pole - pa0) / Float(count)
    let pb0 = b?.from.pole ?? 0, dpb = ((b?.to.pole ?? 0) - pb0) / Float(count)
    var ya = a.lowpassState, yb = b?.lowpassState ?? 0
    let both = b != nil
    var n = 0
    while n < count {
      let end = min(count, n + chunk)
      // The pole of a chunk is its value at the chunk's middle.
      let middle = Float(n + end + 1) / 2
      let pa = pa0 + dpa * middle, pb = pb0 + dpb * middle
      let sa = FirstOrderScan(gain: 1 - pa, pole: pa)
      let sb = FirstOrderScan(gain: 1 - pb, pole: pb)
      var i = n
      while i + 4 <= end {
        let va = sa(loadVector(xa + i), after: ya)
        storeVector(va, at: xa + i)
        ya = va[3]
        if both {
          let vb = sb(loadVector(xb + i), after: yb)
          storeVector(vb, at: xb + i)
          yb = vb[3]
        }
        i += 4
      }
      while i < end {
        ya = sa(xa[i], after: ya)
        xa[i] = ya
        if both {
          yb = sb(xb[i], after: yb)
          xb[i] = yb
        }
        i += 1
      }
      n = end
    }
    a.lowpassState = ya
    b?.lowpassState = yb
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
      let fl = loadVector(ul + i) + c * loadVector(ul + i - 1) + c2 * loadVector(ul + i - 2)
        + c3 * loadVector(ul + i - 3)
      let fr = loadVector(ur + i) + c * loadVector(ur + i - 1) + c2 * loadVector(ur + i - 2)
        + c3 * loadVector(ur + i - 3)
      yl = fl + c4 * yl
      yr = fr + c4 * yr
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
