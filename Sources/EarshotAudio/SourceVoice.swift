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
  /// Head-shadow filter of each ear: b0, b1, a1.
  var shadowLeft = SIMD3<Float>(1, 0, 0)
  var shadowRight = SIMD3<Float>(1, 0, 0)
  /// Amplitude sent to the room's reverberation.
  var send: Float = 0
}

/// One sound source as heard by one listener, with the filter and delay state that carries
/// over from block to block, so that blocks join without clicks.
///
/// A block is made in four passes: `play` (clip × distance gain, and the send to the room),
/// the bend low-pass and the head shadow (both recursive, run by `VoiceGroup` for up to four
/// voices at once in SIMD lanes so that their recursions overlap), and `delay` between them.
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
  /// The block delayed for each ear, before head shadow.
  let delayedLeft: UnsafeMutablePointer<Float>
  let delayedRight: UnsafeMutablePointer<Float>
  /// Low-pass memory: its last output.
  var lowpassState: Float = 0
  /// Head-shadow memory of each ear: the last input and output.
  var leftMemory = (x: Float(0), y: Float(0))
  var rightMemory = (x: Float(0), y: Float(0))
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
    delayedLeft = .allocate(capacity: blockLength)
    delayedLeft.initialize(repeating: 0, count: blockLength)
    delayedRight = .allocate(capacity: blockLength)
    delayedRight.initialize(repeating: 0, count: blockLength)
  }

  deinit {
    dry.deallocate()
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
      leftMemory = (0, 0)
      rightMemory = (0, 0)
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
    let count = blockLength, out = block
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
        for i in n..<(n + run) {
          let f = rampPosition(i + 1)
          let x = source[i]
          send[i] += x * (s0 + ds * f)
          out[i] = x * (g0 + dg * f)
        }
        n += run
        position += run
      }
    }
  }

  /// Delays the (low-passed) block for each ear into `delayedLeft` and `delayedRight`.
  func delay() {
    SourceVoice.delay(
      block, count: blockLength, from: from.delayLeft, to: to.delayLeft, into: delayedLeft)
    SourceVoice.delay(
      block, count: blockLength, from: from.delayRight, to: to.delayRight, into: delayedRight)
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
      for i in n..<end {
        // Rounding at a piece's edge can put mu a hair outside [0, 1); the interpolator
        // extends smoothly there.
        let mu = d0 + step * rampPosition(i + 1) - wholeValue
        let a = mu + 1, b = mu - 1, c = mu - 2
        let value = -mu * b * c * (1 / 6) * newer[i] + a * b * c * 0.5 * at[i]
          - a * mu * c * 0.5 * older[i] + a * mu * b * (1 / 6) * oldest[i]
        out[i] = value
      }
      n = end
    }
  }
}
