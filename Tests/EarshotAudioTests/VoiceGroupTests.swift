import EarshotWorld
import XCTest

@testable import EarshotAudio

/// The SIMD voice filters against plain one-sample-at-a-time loops, bit for bit: a speed-up
/// must not change a single sample.
final class VoiceGroupTests: XCTestCase {
  /// Voices with random delayed blocks, ramping between two random shadow filters, and
  /// random filter memories.
  func voices(_ k: Int, settings: AudioSettings, seed: UInt64) throws -> [SourceVoice] {
    let e = try episode(map: openRoom(size: 5), at: GridPoint(column: 1, row: 1))
    let clip = whiteNoiseClip(seconds: 0.5, settings: settings)
    var rng = SplitMix64(seed: seed)
    func random() -> Float { rng.nextUniform() * 2 - 1 }
    func filter() -> SIMD3<Float> { SIMD3(1 + 0.5 * random(), 0.5 * random(), 0.9 * random()) }
    return (0..<k).map { _ in
      let voice = SourceVoice(
        clip: clip, source: e.goal, world: e.world, offset: 0, settings: settings)
      for target in [0, 1] {
        var p = VoiceParameters()
        p.gain = 1
        p.shadowLeft = filter()
        p.shadowRight = filter()
        _ = voice.begin(target: p, time: target * settings.blockLength)
      }
      for i in 0..<settings.blockLength {
        voice.delayedLeft[i] = random()
        voice.delayedRight[i] = random()
      }
      voice.leftMemory = (random(), random())
      voice.rightMemory = (random(), random())
      return voice
    }
  }

  /// The head-shadow filters one sample at a time, lanes summed as `VoiceGroup.shadow` sums
  /// them, from the same coefficient ramp.
  func referenceShadow(
    _ voices: [SourceVoice], count: Int, left: inout [Float], right: inout [Float]
  ) -> [(left: (Float, Float), right: (Float, Float))] {
    var lanes = [[Float]](repeating: [Float](repeating: 0, count: count), count: 8)
    var start = [SIMD3<Float>](repeating: SIMD3(), count: 8)
    var delta = [SIMD3<Float>](repeating: SIMD3(), count: 8)
    var x1 = [Float](repeating: 0, count: 8), y1 = [Float](repeating: 0, count: 8)
    for (k, voice) in voices.enumerated() {
      for (lane, block, from, to, memory) in [
        (k, voice.delayedLeft, voice.from.shadowLeft, voice.to.shadowLeft, voice.leftMemory),
        (k + 4, voice.delayedRight, voice.from.shadowRight, voice.to.shadowRight,
          voice.rightMemory),
      ] {
        lanes[lane] = Array(UnsafeBufferPointer(start: block, count: count))
        start[lane] = from
        delta[lane] = (to - from) * (1 / Float(count))
        (x1[lane], y1[lane]) = memory
      }
    }
    var n = 0
    while n < count {
      let end = min(count, n + VoiceGroup.chunk)
      let f = Float(n + end + 1) / 2
      for i in n..<end {
        var y = [Float](repeating: 0, count: 8)
        for lane in 0..<8 {
          let c = start[lane] + delta[lane] * f
          let x = lanes[lane][i]
          y[lane] = c.x * x + c.y * x1[lane] - c.z * y1[lane]
          x1[lane] = x
          y1[lane] = y[lane]
        }
        left[i] += (y[0] + y[1]) + (y[2] + y[3])
        right[i] += (y[4] + y[5]) + (y[6] + y[7])
      }
      n = end
    }
    return voices.indices.map { ((x1[$0], y1[$0]), (x1[$0 + 4], y1[$0 + 4])) }
  }

  func testShadowMatchesOneSampleAtATime() throws {
    // 4000 samples is the default block; 1001–1003 end in a short chunk whose last 1–3
    // samples take the one-sample tail loop. Several draws for four voices, where the order
    // of the lane sums shows in the rounding.
    for length in [4000, 1001, 1002, 1003] {
      let settings = AudioSettings(sampleRate: 16_000, blockSeconds: Double(length) / 16_000)
      XCTAssertEqual(settings.blockLength, length)
      for k in 1...VoiceGroup.width {
        for draw in 0..<(k == VoiceGroup.width ? 8 : 1) {
          try checkShadow(voices: k, length: length, settings: settings, draw: draw)
        }
      }
    }
  }

  func checkShadow(voices k: Int, length: Int, settings: AudioSettings, draw: Int) throws {
    let group = try voices(k, settings: settings, seed: UInt64(k * length + 7919 * draw))
    var rng = SplitMix64(seed: 7 + UInt64(draw))
    let base = (0..<length).map { _ in rng.nextUniform() - 0.5 }
    var expectedLeft = base, expectedRight = base.reversed() as [Float]
    let memories = referenceShadow(
      group, count: length, left: &expectedLeft, right: &expectedRight)
    var left = base, right = base.reversed() as [Float]
    let zeros = UnsafeMutablePointer<Float>.allocate(capacity: length)
    zeros.initialize(repeating: 0, count: length)
    defer { zeros.deallocate() }
    left.withUnsafeMutableBufferPointer { l in
      right.withUnsafeMutableBufferPointer { r in
        VoiceGroup.shadow(
          group, count: length, zeros: zeros, left: l.baseAddress!, right: r.baseAddress!)
      }
    }
    let context = "\(k) voices, \(length) samples, draw \(draw)"
    for (ear, got, expected) in [("left", left, expectedLeft), ("right", right, expectedRight)] {
      if let i = got.indices.first(where: { got[$0].bitPattern != expected[$0].bitPattern }) {
        XCTFail("\(context): \(ear) ear sample \(i) is \(got[i]), one at a time \(expected[i])")
      }
    }
    XCTAssertNotEqual(left, base)
    for (voice, memory) in zip(group, memories) {
      XCTAssertEqual(voice.leftMemory.y.bitPattern, memory.left.1.bitPattern, context)
      XCTAssertEqual(voice.leftMemory.x.bitPattern, memory.left.0.bitPattern, context)
      XCTAssertEqual(voice.rightMemory.y.bitPattern, memory.right.1.bitPattern, context)
      XCTAssertEqual(voice.rightMemory.x.bitPattern, memory.right.0.bitPattern, context)
    }
  }
}
