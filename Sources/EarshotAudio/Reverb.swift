import Foundation

/// A small feedback delay network: four delay lines mixed through a Hadamard matrix.
///
/// The lines are 331, 419, 503 and 613 samples at 16 kHz (21–38 ms, scaled with the
/// sample rate), mutually prime so that their echoes never line up. Each line's
/// feedback gain g_i = 10^(−3 m_i / (RT60 · f_s)) makes every path through the network
/// fall 60 dB in RT60 seconds. The two ears read two orthogonal mixes of the lines, so
/// the reverberation reaches them uncorrelated, as a diffuse field does. The output is
/// scaled by 2√(1 − mean g²) so that its steady-state power equals the input's.
// FIXME: the lines have no damping filters, so high frequencies ring as long as low ones;
// real rooms lose the highs first. Left out to keep the loop free of recursion.
struct Reverb {
  private static let baseLengths = [331, 419, 503, 613]
  private let lengths: [Int]
  /// The four lines one after another, `lengths[i]` samples each.
  private var storage: [Float]
  private var positions: [Int]
  private var gains = SIMD4<Float>(repeating: 0)
  private var outputScale: Float = 0
  private let sampleRate: Int
  /// Whether every line holds only zeros, so that silence in gives silence out, exactly.
  private var idle = true

  init(sampleRate: Int) {
    self.sampleRate = sampleRate
    lengths = Reverb.baseLengths.map { max(1, $0 * sampleRate / 16_000) }
    storage = [Float](repeating: 0, count: lengths.reduce(0, +))
    positions = [0, 0, 0, 0]
  }

  /// The feedback gains and output scale for a reverberation time in seconds.
  func targets(reverberationTime: Double) -> (SIMD4<Float>, Float) {
    var g = SIMD4<Float>()
    var meanSquare = 0.0
    for i in 0..<4 {
      let gain = pow(10, -3 * Double(lengths[i]) / (reverberationTime * Double(sampleRate)))
      g[i] = Float(gain)
      meanSquare += gain * gain / 4
    }
    return (g, Float(2 * (1 - meanSquare).squareRoot()))
  }

  /// Adds the reverberation of `input` to the ears, moving the decay to `reverberationTime`
  /// seconds linearly over the block.
  ///
  /// - Parameters:
  ///   - input: `count` samples, the sources' sends summed.
  ///   - left, right: `count` samples each, added to.
  mutating func process(
    input: UnsafePointer<Float>, left: UnsafeMutablePointer<Float>,
    right: UnsafeMutablePointer<Float>, count: Int, reverberationTime: Double,
    first: Bool
  ) {
    let (targetGains, targetScale) = targets(reverberationTime: reverberationTime)
    if first {
      gains = targetGains
      outputScale = targetScale
    }
    var silentInput = true
    for n in 0..<count where input[n] != 0 {
      silentInput = false
      break
    }
    if idle && silentInput {
      gains = targetGains
      outputScale = targetScale
      return
    }

    let step = 1 / Float(count)
    let g0 = gains, dg = (targetGains - gains) * step
    let s0 = outputScale * 0.5, ds = (targetScale - outputScale) * step * 0.5
    // The Hadamard mix's ½ taken into the line gains: halving is exact, so the same values.
    let (ga, gb, gc, gd) = (g0[0] * 0.5, g0[1] * 0.5, g0[2] * 0.5, g0[3] * 0.5)
    let (da, db, dc, dd) = (dg[0] * 0.5, dg[1] * 0.5, dg[2] * 0.5, dg[3] * 0.5)
    let l0 = lengths[0], l1 = lengths[1], l2 = lengths[2], l3 = lengths[3]
    var p0 = positions[0], p1 = positions[1], p2 = positions[2], p3 = positions[3]
    storage.withUnsafeMutableBufferPointer { lines in
      let b0 = lines.baseAddress!, b1 = b0 + l0, b2 = b1 + l1, b3 = b2 + l2
      var n = 0
      while n < count {
        // No line is shorter than a run and no line wraps inside one, so within a run every
        // read is of a sample written before the run began: the loop has no recursion left
        // and vectorises along time.
        let run = min(count - n, l0 - p0, l1 - p1, l2 - p2, l3 - p3)
        let q0 = b0 + p0 - n, q1 = b1 + p1 - n, q2 = b2 + p2 - n, q3 = b3 + p3 - n
        var i = n
        var f = rampPositions(from: i)
        while i + 4 <= n + run {
          let o0 = loadVector(q0 + i), o1 = loadVector(q1 + i)
          let o2 = loadVector(q2 + i), o3 = loadVector(q3 + i)
          let scale = s0 + ds * f
          storeVector(loadVector(left + i) + (o0 - o1 + o2 - o3) * scale, at: left + i)
          storeVector(loadVector(right + i) + (o0 + o1 - o2 - o3) * scale, at: right + i)
          // Hadamard mixing of the attenuated lines, orthogonal once halved (in the gains).
          let x0 = o0 * (ga + da * f), x1 = o1 * (gb + db * f)
          let x2 = o2 * (gc + dc * f), x3 = o3 * (gd + dd * f)
          let a0 = x0 + x1, a1 = x0 - x1, a2 = x2 + x3, a3 = x2 - x3
          let inject = loadVector(input + i) * 0.5
          storeVector((a0 + a2) + inject, at: q0 + i)
          storeVector((a1 + a3) + inject, at: q1 + i)
          storeVector((a0 - a2) + inject, at: q2 + i)
          storeVector((a1 - a3) + inject, at: q3 + i)
          f += 4
          i += 4
        }
        while i < n + run {
          let f = rampPosition(i + 1)
          let o0 = q0[i], o1 = q1[i], o2 = q2[i], o3 = q3[i]
          let scale = s0 + ds * f
          left[i] += (o0 - o1 + o2 - o3) * scale
          right[i] += (o0 + o1 - o2 - o3) * scale
          let x0 = o0 * (ga + da * f), x1 = o1 * (gb + db * f)
          let x2 = o2 * (gc + dc * f), x3 = o3 * (gd + dd * f)
          let a0 = x0 + x1, a1 = x0 - x1, a2 = x2 + x3, a3 = x2 - x3
          let inject = input[i] * 0.5
          q0[i] = (a0 + a2) + inject
          q1[i] = (a1 + a3) + inject
          q2[i] = (a0 - a2) + inject
          q3[i] = (a1 - a3) + inject
          i += 1
        }
        n += run
        p0 = p0 + run == l0 ? 0 : p0 + run
        p1 = p1 + run == l1 ? 0 : p1 + run
        p2 = p2 + run == l2 ? 0 : p2 + run
        p3 = p3 + run == l3 ? 0 : p3 + run
      }
    }
    positions = [p0, p1, p2, p3]
    gains = targetGains
    outputScale = targetScale

    // A tail far below hearing is cleared, both so that a silent room becomes exactly
    // silent and so that denormal numbers never slow the loop down.
    idle = false
    if silentInput {
      var peak: Float = 0
      for x in storage { peak = max(peak, abs(x)) }
      if peak < 1e-9 {
        for i in storage.indices { storage[i] = 0 }
        idle = true
      }
    }
  }
}
