/// The recursive filters of up to four voices, run side by side in SIMD lanes.
///
/// A one-pole recursion cannot be vectorised along time, since each output needs the one
/// before; but four voices' (or eight ears') recursions are independent, so one SIMD
/// register carries them all and the recursion's latency is paid once, not per voice.
enum VoiceGroup {
  /// Lanes per group: four voices, eight ears.
  static let width = 4
  /// Samples over which filter coefficients stay fixed while they ramp (1 ms at 16 kHz).
  static let chunk = 16

  /// Runs the bend low-pass, y[n] = x[n] + p (y[n−1] − x[n]), in place on each voice's block.
  ///
  /// - Parameters:
  ///   - voices: At most `width` voices; those that need no low-pass are left alone.
  ///   - scratch: `count` writable samples for unused lanes.
  static func lowpass(_ voices: [SourceVoice], count: Int, scratch: UnsafeMutablePointer<Float>) {
    let used = voices.filter(\.needsLowpass)
    if used.isEmpty { return }
    var lanes = [UnsafeMutablePointer<Float>](repeating: scratch, count: 4)
    var p0 = SIMD4<Float>(), p1 = SIMD4<Float>(), y = SIMD4<Float>()
    for (k, voice) in used.enumerated() {
      lanes[k] = voice.block
      p0[k] = voice.from.pole
      p1[k] = voice.to.pole
      y[k] = voice.lowpassState
    }
    let dp = (p1 - p0) / Float(count)
    let (a, b, c, d) = (lanes[0], lanes[1], lanes[2], lanes[3])
    var n = 0
    while n < count {
      let end = min(count, n + chunk)
      let pole = p0 + dp * (Float(n + end + 1) / 2)
      for i in n..<end {
        let x = SIMD4(a[i], b[i], c[i], d[i])
        y = x + pole * (y - x)
        a[i] = y[0]
        b[i] = y[1]
        c[i] = y[2]
        d[i] = y[3]
      }
      n = end
    }
    for (k, voice) in used.enumerated() { voice.lowpassState = y[k] }
  }

  /// Runs each voice's two head-shadow filters, y[n] = b0 x[n] + b1 x[n−1] − a1 y[n−1], on
  /// its delayed blocks, and adds the results into the ears.
  ///
  /// - Parameters:
  ///   - voices: At most `width` voices.
  ///   - zeros: `count` zero samples for unused lanes.
  static func shadow(
    _ voices: [SourceVoice], count: Int, zeros: UnsafeMutablePointer<Float>,
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>
  ) {
    if voices.isEmpty { return }
    // Lanes 0–3 are the voices' left ears, 4–7 their right ears.
    var lanes = [UnsafeMutablePointer<Float>](repeating: zeros, count: 8)
    var b0 = SIMD8<Float>(), b1 = SIMD8<Float>(), a1 = SIMD8<Float>()
    var db0 = SIMD8<Float>(), db1 = SIMD8<Float>(), da1 = SIMD8<Float>()
    // The last input and output of every lane.
    var xLast = SIMD8<Float>(), yLast = SIMD8<Float>()
    let step = 1 / Float(count)
    for (k, voice) in voices.enumerated() {
      lanes[k] = voice.delayedLeft
      lanes[k + 4] = voice.delayedRight
      for (lane, start, end) in [
        (k, voice.from.shadowLeft, voice.to.shadowLeft),
        (k + 4, voice.from.shadowRight, voice.to.shadowRight),
      ] {
        b0[lane] = start.x
        b1[lane] = start.y
        a1[lane] = start.z
        db0[lane] = (end.x - start.x) * step
        db1[lane] = (end.y - start.y) * step
        da1[lane] = (end.z - start.z) * step
      }
      (xLast[k], yLast[k]) = voice.leftMemory
      (xLast[k + 4], yLast[k + 4]) = voice.rightMemory
    }
    let (l0, l1, l2, l3) = (lanes[0], lanes[1], lanes[2], lanes[3])
    let (r0, r1, r2, r3) = (lanes[4], lanes[5], lanes[6], lanes[7])
    var n = 0
    while n < count {
      // Coefficients move in steps of `chunk` samples, taken at each chunk's middle: few
      // enough live registers for the recursion, and steps far too small to hear.
      let end = min(count, n + chunk)
      let f = Float(n + end + 1) / 2
      let c0 = b0 + db0 * f, c1 = b1 + db1 * f, c2 = a1 + da1 * f
      var i = n
      // Four samples at a time: four samples of each lane are loaded as vectors and turned
      // into four samples' vectors of lanes; the outputs are turned back to add up the
      // lanes of four samples at once. The same operations, in the same order, as one
      // sample at a time, so the same result bit for bit; but no lane is gathered or
      // summed one float at a time.
      while i + 4 <= end {
        let x = transpose(
          loadVector(l0 + i), loadVector(l1 + i), loadVector(l2 + i), loadVector(l3 + i),
          loadVector(r0 + i), loadVector(r1 + i), loadVector(r2 + i), loadVector(r3 + i))
        let y0 = c0 * x.0 + c1 * xLast - c2 * yLast
        let y1 = c0 * x.1 + c1 * x.0 - c2 * y0
        let y2 = c0 * x.2 + c1 * x.1 - c2 * y1
        let y3 = c0 * x.3 + c1 * x.2 - c2 * y2
        xLast = x.3
        yLast = y3
        let (leftSums, rightSums) = laneSums(y0, y1, y2, y3)
        storeVector(loadVector(left + i) + leftSums, at: left + i)
        storeVector(loadVector(right + i) + rightSums, at: right + i)
        i += 4
      }
      while i < end {
        let x = SIMD8(l0[i], l1[i], l2[i], l3[i], r0[i], r1[i], r2[i], r3[i])
        let y = c0 * x + c1 * xLast - c2 * yLast
        xLast = x
        yLast = y
        left[i] += (y[0] + y[1]) + (y[2] + y[3])
        right[i] += (y[4] + y[5]) + (y[6] + y[7])
        i += 1
      }
      n = end
    }
    for (k, voice) in voices.enumerated() {
      voice.leftMemory = (xLast[k], yLast[k])
      voice.rightMemory = (xLast[k + 4], yLast[k + 4])
    }
  }

  /// Four samples of eight lanes (four left ears, then four right) as four vectors of
  /// eight lanes, one per sample.
  @inline(__always)
  private static func transpose(
    _ a: SIMD4<Float>, _ b: SIMD4<Float>, _ c: SIMD4<Float>, _ d: SIMD4<Float>,
    _ e: SIMD4<Float>, _ f: SIMD4<Float>, _ g: SIMD4<Float>, _ h: SIMD4<Float>
  ) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
    (SIMD8(a[0], b[0], c[0], d[0], e[0], f[0], g[0], h[0]),
      SIMD8(a[1], b[1], c[1], d[1], e[1], f[1], g[1], h[1]),
      SIMD8(a[2], b[2], c[2], d[2], e[2], f[2], g[2], h[2]),
      SIMD8(a[3], b[3], c[3], d[3], e[3], f[3], g[3], h[3]))
  }

  /// For four samples' outputs, each sample's (y0 + y1) + (y2 + y3) and
  /// (y4 + y5) + (y6 + y7): the left and right ears' sums, four samples to a vector.
  @inline(__always)
  private static func laneSums(
    _ p: SIMD8<Float>, _ q: SIMD8<Float>, _ r: SIMD8<Float>, _ s: SIMD8<Float>
  ) -> (SIMD4<Float>, SIMD4<Float>) {
    func column(_ k: Int) -> SIMD4<Float> { SIMD4(p[k], q[k], r[k], s[k]) }
    return ((column(0) + column(1)) + (column(2) + column(3)),
      (column(4) + column(5)) + (column(6) + column(7)))
  }
}
