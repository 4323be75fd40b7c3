import EarshotWorld
import Foundation

/// What one source sounds like at one listening pose: the numbers a block ramps between.
struct VoiceParameters: Equatable {
  /// Direct-sound amplitude: clip gain × 1/r × bend losses.
  var gain: Float = 0
  /// Pole of the one-pole low-pass for bends; 0 passes everything.
  var pole: Float = 0
  /// Delay of each ear, in samples (a common 2-sample base plus the ITD on the far ear).
  var delayLeft: Float = 2
  var delayRight: Float = 2
  /// Feed-forward part of each ear's head-shadow filter: b0, b1 (the feedback coefficient
  /// a1 is the same for every azimuth and is applied to the ears' sums, `HeadShadow`).
  var shadowLeft = SIMD2<Float>(1, 0)
  var shadowRight = SIMD2<Float>(1, 0)
  /// Amplitude sent to the room's reverberation.
  var send: Float = 0
}

/// One sound source as heard by one listener, with the filter and delay state that carries
/// over from block to block, so that blocks join without clicks.
///
/// A block is made in three passes: `play` (clip × distance gain, and the send to the room),
/// the bend low-pass (recursive, `VoiceGroup.lowpass`), and `shadowInput`, which delays the
/// block for each ear and adds the feed-forward part of each ear's head-shadow filter into
/// the ears; the shadow's recursive part runs once on the ears' sums (`HeadShadow`).
final class SourceVoice {
  /// Samples kept from the last block, enough for the longest interaural delay.
  let history: Int
  let blockLength: Int

  let samples: [Float]
  let mode: PlaybackMode
  /// Where a continuous clip starts playing at time 0, in samples.
  let offset: Int
  /// The source's own level: the clip gain in amplitude.
  let level: Float
  let field: PropagationField
  /// Mono sound after gain and low-pass: `history` old samples, then the current block.
  let dry: UnsafeMutablePointer<Float>
  /// The block before the bend low-pass, for a voice that needs one (`play` writes here and
  /// the low-pass from here into `block`), after three zeros the low-pass may read.
  let undamped: UnsafeMutablePointer<Float>
  /// Room for the block delayed for each ear, when the delay is not a whole number of
  /// samples throughout (`shadowInput`).
  let delayedLeft: UnsafeMutablePointer<Float>
  let delayedRight: UnsafeMutablePointer<Float>
  /// The block delayed for each ear, before head shadow, as the last `shadowInput` read it
  /// (for tests): either a delay buffer or a view into `dry`, valid until the next `begin`.
  private(set) var lastDelayed: (left: UnsafePointer<Float>, right: UnsafePointer<Float>)
  /// Each ear's last delayed sample of the last block: x[−1] for the shadow's x[n−1] term.
  private var carry: (left: Float, right: Float) = (0, 0)
  /// Low-pass memory: its last output.
  var lowpassState: Float = 0
  /// The parameters the current block ramps from and to.
  private(set) var from = VoiceParameters()
  private(set) var to = VoiceParameters()
  private var started = false

  init(clip: Clip, source: PlacedSource, world: World, offset: Int, settings: AudioSettings) {
    samples = clip.samples
    mode = source.spec.mode
    self.offset = offset
    level = Float(amplitude(decibels: source.spec.gainDecibels))
    field = PropagationField(world: world, source: source.cell)
    // The largest Woodworth delay is (π/2 + 1) a / c; 3 a / c leaves room for the
    // 2-sample base and the interpolator's older points.
    let longest = 3 * settings.headRadius / settings.speedOfSound * Double(settings.sampleRate)
    history = Int(longest.rounded(.up)) + 4
    blockLength = settings.blockLength
    dry = .allocate(capacity: history + blockLength)
    dry.initialize(repeating: 0, count: history + blockLength)
    undamped = .allocate(capacity: blockLength + 3) + 3
    (undamped - 3).initialize(repeating: 0, count: blockLength + 3)
    delayedLeft = .allocate(capacity: blockLength)
    delayedLeft.initialize(repeating: 0, count: blockLength)
    delayedRight = .allocate(capacity: blockLength)
    delayedRight.initialize(repeating: 0, count: blockLength)
    lastDelayed = (UnsafePointer(delayedLeft), UnsafePointer(delayedRight))
  }

  deinit {
    dry.deallocate()
    (undamped - 3).deallocate()
    delayedLeft.deallocate()
    delayedRight.deallocate()
  }

  /// The current block's first sample in `dry`.
  var block: UnsafeMutablePointer<Float> { dry + history }

  /// Whether the source makes no sound from `time` (in samples) on, its tail included.
  func isFinished(at time: Int) -> Bool {
    level == 0 || (mode == .intermittent && time >= samples.count + 2 * blockLength)
  }

  /// Starts a block ramping to `target`; false (and state cleared) when the voice is silent.
  func begin(target: VoiceParameters, time: Int) -> Bool {
    from = started ? to : target
    to = target
    started = true
    if isFinished(at: time) {
      lowpassState = 0
      carry = (0, 0)
      return false
    }
    // Keep the end of the last block as history for the delays.
    for k in 0..<history { dry[k] = dry[blockLength + k] }
    return true
  }

  /// Whether this block needs the bend low-pass.
  var needsLowpass: Bool { from.pole != 0 || to.pole != 0 }

  /// The clip times the ramped distance gain into `block`; the clip times the ramped send
  /// added to `send`. Runs over contiguous stretches of the clip, so the loops vectorise.
  ///
  /// - Parameter time: The block's first sample, counted from the episode's start.
  func play(time: Int, send: UnsafeMutablePointer<Float>) {
    let count = blockLength, out = needsLowpass ? undamped : block
    let step = 1 / Float(count)
    let g0 = from.gain, dg = (to.gain - from.gain) * step
    let s0 = from.send, ds = (to.send - from.send) * step
    samples.withUnsafeBufferPointer { clip in
      let length = clip.count
      let clip = clip.baseAddress!
      var position = mode == .continuous ? (offset + time) % length : time
      var n = 0
      while n < count {
        if position >= length {
          if mode == .intermittent {
            for i in n..<count { out[i] = 0 }
            return
          }
          position = 0
        }
        let run = min(count - n, length - position)
        let source = clip + position - n
        var i = n
        var f = rampPositions(from: i)
        while i + 4 <= n + run {
          let x = loadVector(source + i)
          storeVector(loadVector(send + i) + x * (s0 + ds * f), at: send + i)
          storeVector(x * (g0 + dg * f), at: out + i)
          f += 4
          i += 4
        }
        while i < n + run {
          let f = rampPosition(i + 1)
          let x = source[i]
          send[i] += x * (s0 + ds * f)
          out[i] = x * (g0 + dg * f)
          i += 1
        }
        n += run
        position += run
      }
    }
  }

  /// Delays the (low-passed) block for each ear and adds each ear's head-shadow feed-forward
  /// part, b0 x[n] + b1 x[n−1], into `left` and `right`, its coefficients ramping sample by
  /// sample.
  func shadowInput(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>) {
    let count = blockLength
    let xl = delayed(from: from.delayLeft, to: to.delayLeft, buffer: delayedLeft)
    let xr = delayed(from: from.delayRight, to: to.delayRight, buffer: delayedRight)
    lastDelayed = (xl, xr)
    let step = 1 / Float(count)
    let l0 = from.shadowLeft, dl = (to.shadowLeft - l0) * step
    let r0 = from.shadowRight, dr = (to.shadowRight - r0) * step
    // One sample, given each ear's x[i − 1].
    @inline(__always) func sample(_ i: Int, _ previousLeft: Float, _ previousRight: Float) {
      let f = rampPosition(i + 1)
      left[i] += (l0.x + dl.x * f) * xl[i] + (l0.y + dl.y * f) * previousLeft
      right[i] += (r0.x + dr.x * f) * xr[i] + (r0.y + dr.y * f) * previousRight
    }
    // The first four samples one at a time, x[−1] being the last block's last sample.
    var i = 0
    while i < min(4, count) {
      if i == 0 { sample(0, carry.left, carry.right) } else { sample(i, xl[i - 1], xr[i - 1]) }
      i += 1
    }
    var f = rampPositions(from: i)
    while i + 4 <= count {
      let lb0 = l0.x + dl.x * f, lb1 = l0.y + dl.y * f
      let rb0 = r0.x + dr.x * f, rb1 = r0.y + dr.y * f
      let ul = lb0 * loadVector(xl + i) + lb1 * loadVector(xl + i - 1)
      let ur = rb0 * loadVector(xr + i) + rb1 * loadVector(xr + i - 1)
      storeVector(loadVector(left + i) + ul, at: left + i)
      storeVector(loadVector(right + i) + ur, at: right + i)
      f += 4
      i += 4
    }
    while i < count {
      sample(i, xl[i - 1], xr[i - 1])
      i += 1
    }
    if count > 0 { carry = (xl[count - 1], xr[count - 1]) }
  }

  /// The block delayed from `d0` to `d1` samples for one ear: the block itself, read
  /// `d0` samples back, when the delay is one whole number of samples throughout (the
  /// nearer ear's lot every block), else `buffer`, filled by `delay`.
  private func delayed(
    from d0: Float, to d1: Float, buffer: UnsafeMutablePointer<Float>
  ) -> UnsafePointer<Float> {
    if d0 == d1 && d0 == d0.rounded(.down) { return UnsafePointer(block - Int(d0)) }
    SourceVoice.delay(block, count: blockLength, from: d0, to: d1, into: buffer)
    return UnsafePointer(buffer)
  }

  /// `out[n] = x[n − d(n)]` for a delay d ramping linearly from `d0` to `d1` samples, by
  /// 4-point Lagrange interpolation.
  ///
  /// The block is cut where the whole part of the delay changes, so that within each piece
  /// the four taps sit at fixed offsets and the loop vectorises. `x` must have
  /// `d + 2` samples of history before it.
  static func delay(
    _ x: UnsafeMutablePointer<Float>, count: Int, from d0: Float, to d1: Float,
    into out: UnsafeMutablePointer<Float>
  ) {
    let step = (d1 - d0) / Float(count)
    if step == 0 {
      // A steady delay: fixed weights; a whole number of samples is a plain copy, which
      // is the nearer ear's lot every block.
      let whole = Int(d0.rounded(.down))
      let mu = d0 - Float(whole)
      let source = x - whole
      if mu == 0 {
        for i in 0..<count { out[i] = source[i] }
        return
      }
      let a = mu + 1, b = mu - 1, c = mu - 2
      let wNewer = -mu * b * c * (1 / 6), wAt = a * b * c * 0.5
      let wOlder = -a * mu * c * 0.5, wOldest = a * mu * b * (1 / 6)
      for i in 0..<count {
        out[i] = wNewer * source[i + 1] + wAt * source[i] + wOlder * source[i - 1]
          + wOldest * source[i - 2]
      }
      return
    }
    var n = 0
    while n < count {
      let whole = Int((d0 + step * rampPosition(n + 1)).rounded(.down))
      var end = count
      if step > 0 {
        end = Int(((Float(whole + 1) - d0) / step).rounded(.up)) - 1
      } else if step < 0 {
        end = Int(((Float(whole) - d0) / step).rounded(.down))
      }
      end = max(n + 1, min(count, end))
      let wholeValue = Float(whole)
      let newer = x + 1 - whole, at = x - whole, older = x - 1 - whole, oldest = x - 2 - whole
      // Rounding at a piece's edge can put mu a hair outside [0, 1); the interpolator
      // extends smoothly there.
      var i = n
      var f = rampPositions(from: i)
      while i + 4 <= end {
        let mu = d0 + step * f - wholeValue
        f += 4
        storeVector(
          lagrange(
            loadVector(newer + i), loadVector(at + i), loadVector(older + i),
            loadVector(oldest + i), mu),
          at: out + i)
        i += 4
      }
      while i < end {
        let mu = d0 + step * rampPosition(i + 1) - wholeValue
        out[i] = lagrange(newer[i], at[i], older[i], oldest[i], mu)
        i += 1
      }
      n = end
    }
  }
}

/// The cubic through x(−1) = `newer`, x(0) = `at`, x(1) = `older`, x(2) = `oldest`, at
/// x(mu): 4-point Lagrange interpolation, in Farrow's form, a polynomial in mu whose
/// coefficients are sums of the samples. `SourceVoice.delay` reads a signal `mu` samples
/// older than `at` with it.
@inline(__always)
func lagrange(
  _ newer: SIMD4<Float>, _ at: SIMD4<Float>, _ older: SIMD4<Float>, _ oldest: SIMD4<Float>,
  _ mu: SIMD4<Float>
) -> SIMD4<Float> {
  let k2 = (newer + older) * 0.5 - at
  let k3 = ((oldest - newer) + (at - older) * 3) * (1 / 6)
  let k1 = older - at - k2 - k3
  return at + mu * (k1 + mu * (k2 + mu * k3))
}

/// `lagrange` for one sample: the same operations, the same result bit for bit.
@inline(__always)
func lagrange(_ newer: Float, _ at: Float, _ older: Float, _ oldest: Float, _ mu: Float) -> Float {
  let k2 = (newer + older) * 0.5 - at
  let k3 = ((oldest - newer) + (at - older) * 3) * (1 / 6)
  let k1 = older - at - k2 - k3
  return at + mu * (k1 + mu * (k2 + mu * k3))
}
