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

  /// Runs the head shadow's recursion, y[n] = u[n] − a1 y[n−1], in place on both ears.
  ///
  /// Brown and Duda's filter has the same pole for every azimuth and either ear, so the
  /// recursive part of all voices' shadow filters is one filter per ear, run on the sum of
  /// their feed-forward parts (`SourceVoice.shadowInput`).
  ///
  /// - Parameters:
  ///   - scan: `FirstOrderScan(pole: −a1)`, a1 the shadow filter's feedback coefficient
  ///     (`HeadModel.shadowFilter`). Made once by the caller and passed in: built where
  ///     the compiler can see which of its lanes are 0 and 1, it gets split into scalar
  ///     arithmetic lane by lane, about twice as slow.
  ///   - state: Each ear's last output, carried from block to block.
  static func shadow(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int,
    scan: FirstOrderScan, state: inout (left: Float, right: Float)
  ) {
    var (yl, yr) = state
    var i = 0
    while i + 4 <= count {
      let l = scan(loadVector(left + i), after: yl)
      let r = scan(loadVector(right + i), after: yr)
      storeVector(l, at: left + i)
      storeVector(r, at: right + i)
      yl = l[3]
      yr = r[3]
      i += 4
    }
    while i < count {
      yl = scan(left[i], after: yl)
      yr = scan(right[i], after: yr)
      left[i] = yl
      right[i] = yr
      i += 1
    }
    state = (yl, yr)
  }
}
