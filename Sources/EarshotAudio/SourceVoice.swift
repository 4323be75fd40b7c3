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
final class SourceVoice {
  /// Samples kept from the last block, enough for the longest interaural delay.
  let history: Int

  let samples: [Float]
  let mode: PlaybackMode
  /// Where a continuous clip starts playing at time 0, in samples.
  let offset: Int
  /// The source's own level: the clip gain in amplitude.
  let level: Float
  let field: PropagationField
  /// Mono sound after gain and low-pass: `history` old samples, then the current block.
  private var dry: [Float]
  private var lowpassState: Float = 0
  /// Head-shadow filter memory of each ear: the last input and output.
  private var leftMemory = (x: Float(0), y: Float(0))
  private var rightMemory = (x: Float(0), y: Float(0))
  private var current: VoiceParameters?

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
    dry = [Float](repeating: 0, count: history + settings.blockLength)
  }

  /// Whether the source makes no sound from `time` (in samples) on, its tail included.
  func isFinished(at time: Int, blockLength: Int) -> Bool {
    level == 0 || (mode == .intermittent && time >= samples.count + 2 * blockLength)
  }

  /// Renders one block, adding the direct sound to each ear and the send to `reverbInput`.
  ///
  /// Parameters move linearly from those of the previous block to `target` over the block.
  ///
  /// - Parameter time: The block's first sample, counted from the episode's start.
  func render(
    target: VoiceParameters, time: Int, count: Int, left: UnsafeMutablePointer<Float>,
    right: UnsafeMutablePointer<Float>, reverbInput: UnsafeMutablePointer<Float>
  ) {
    let from = current ?? target
    current = target
    if isFinished(at: time, blockLength: count) {
      lowpassState = 0
      leftMemory = (0, 0)
      rightMemory = (0, 0)
      return
    }
    let step = 1 / Float(count)
    let h = history

    dry.withUnsafeMutableBufferPointer { dry in
      // Keep the end of the last block as history for the delays.
      for k in 0..<h { dry[k] = dry[count + k] }

      // The clip, its distance gain, its bend low-pass, and the send to the room.
      samples.withUnsafeBufferPointer { clip in
        let length = clip.count
        var position = mode == .continuous ? (offset + time) % length : time
        let g0 = from.gain, dg = (target.gain - from.gain) * step
        let p0 = from.pole, dp = (target.pole - from.pole) * step
        let s0 = from.send, ds = (target.send - from.send) * step
        var y = lowpassState
        for n in 0..<count {
          let f = Float(n + 1)
          var x: Float = 0
          if position < length { x = clip[position] }
          position += 1
          if mode == .continuous && position == length { position = 0 }
          reverbInput[n] += x * (s0 + ds * f)
          x *= g0 + dg * f
          y = x + (p0 + dp * f) * (y - x)
          dry[h + n] = y
        }
        lowpassState = y
      }

      // Each ear: fractional delay by 4-point Lagrange interpolation, then head shadow.
      SourceVoice.ear(
        dry: dry.baseAddress! + h, count: count, delay: (from.delayLeft, target.delayLeft),
        shadow: (from.shadowLeft, target.shadowLeft), memory: &leftMemory, out: left)
      SourceVoice.ear(
        dry: dry.baseAddress! + h, count: count, delay: (from.delayRight, target.delayRight),
        shadow: (from.shadowRight, target.shadowRight), memory: &rightMemory, out: right)
    }
  }

  /// One ear: `out[n] += shadow(delayed(dry)[n])`, the delay and filter ramping across.
  ///
  /// `dry` points at the block's first sample; `history` samples before it are readable.
  private static func ear(
    dry: UnsafeMutablePointer<Float>, count: Int, delay: (Float, Float),
    shadow: (SIMD3<Float>, SIMD3<Float>), memory: inout (x: Float, y: Float),
    out: UnsafeMutablePointer<Float>
  ) {
    let step = 1 / Float(count)
    let d0 = delay.0, dd = (delay.1 - delay.0) * step
    let c0 = shadow.0, dc = (shadow.1 - shadow.0) * step
    var x1 = memory.x, y1 = memory.y
    for n in 0..<count {
      let f = Float(n + 1)
      let d = d0 + dd * f
      let whole = Int(d)
      let mu = d - Float(whole)
      // Lagrange weights for the points one newer, at, one older and two older than `whole`.
      let a = mu + 1, b = mu - 1, c = mu - 2
      let wNewer = -mu * b * c * (1 / 6)
      let wAt = a * b * c * 0.5
      let wOlder = -a * mu * c * 0.5
      let wOldest = a * mu * b * (1 / 6)
      let base = n - whole
      let x = wNewer * dry[base + 1] + wAt * dry[base] + wOlder * dry[base - 1]
        + wOldest * dry[base - 2]
      let k = c0 + dc * f
      let y = k[0] * x + k[1] * x1 - k[2] * y1
      x1 = x
      y1 = y
      out[n] += y
    }
    memory = (x1, y1)
  }
}
