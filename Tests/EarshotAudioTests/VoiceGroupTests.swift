import EarshotWorld
import Foundation
import XCTest

@testable import EarshotAudio

/// The voices' recursive filters, computed four samples at a time and (for the head shadow)
/// once on the sum of all voices, against the plain filters in double precision, one voice
/// and one sample at a time.
final class VoiceGroupTests: XCTestCase {
  /// Largest |a − b| over the largest |b|.
  func relativeError(_ a: [Float], _ b: [Double]) -> Double {
    let scale = b.map(abs).max() ?? 0
    let worst = zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
    return worst / max(scale, 1e-30)
  }

  /// Brown and Duda's pole is β-only: the same for every azimuth and both ears, which the
  /// shared shadow recursion relies on.
  func testShadowPoleIsTheSameForEveryAzimuth() {
    let head = HeadModel()
    let a1 = head.shadowFilter(azimuth: 0, rightEar: false, sampleRate: 16_000).a1
    for degrees in stride(from: -180.0, through: 180, by: 7.5) {
      for right in [false, true] {
        let f = head.shadowFilter(azimuth: degrees * .pi / 180, rightEar: right, sampleRate: 16_000)
        XCTAssertEqual(f.a1, a1)
      }
    }
  }

  /// Voices with random blocks, ramping between random low-pass poles and shadow filters.
  func voices(_ k: Int, settings: AudioSettings, rng: inout SplitMix64) throws -> [SourceVoice] {
    let e = try episode(map: openRoom(size: 5), at: GridPoint(column: 1, row: 1))
    let clip = whiteNoiseClip(seconds: 0.5, settings: settings)
    let head = HeadModel()
    return (0..<k).map { _ in
      let voice = SourceVoice(
        clip: clip, source: e.goal, world: e.world, offset: 0, settings: settings)
      for target in [0, 1] {
        var p = VoiceParameters()
        p.gain = 1
        p.pole = rng.nextUniform() * 0.95
        // Whole and fractional delays, as the near and far ears have.
        p.delayLeft = 2 + (rng.nextUniform() < 0.5 ? 0 : rng.nextUniform() * 10)
        p.delayRight = 2 + (rng.nextUniform() < 0.5 ? 0 : rng.nextUniform() * 10)
        let azimuth = Double(rng.nextUniform() * 2 - 1) * .pi
        let l = head.shadowFilter(azimuth: azimuth, rightEar: false, sampleRate: 16_000)
        let r = head.shadowFilter(azimuth: azimuth, rightEar: true, sampleRate: 16_000)
        p.shadowLeft = SIMD2(l.b0, l.b1)
        p.shadowRight = SIMD2(r.b0, r.b1)
        _ = voice.begin(target: p, time: target * settings.blockLength)
      }
      for i in 0..<(voice.history + settings.blockLength) { voice.dry[i] = rng.nextUniform() - 0.5 }
      for i in 0..<settings.blockLength { voice.undamped[i] = rng.nextUniform() - 0.5 }
      voice.lowpassState = rng.nextUniform() - 0.5
      return voice
    }
  }

  func testLowpassMatchesOneSampleFilters() throws {
    for length in [4000, 1001, 1002, 1003] {
      let settings = AudioSettings(sampleRate: 16_000, blockSeconds: Double(length) / 16_000)
      XCTAssertEqual(settings.blockLength, length)
      for k in 1...5 {
        var rng = SplitMix64(seed: UInt64(97 * k + length))
        let group = try voices(k, settings: settings, rng: &rng)
        // The reference: each voice alone, in double, with the same pole per chunk.
        let expected = group.map { voice -> [Double] in
          var out = [Double](), y = Double(voice.lowpassState)
          let (p0, p1) = (voice.from.pole, voice.to.pole)
          let dp = (p1 - p0) / Float(length)
          for n in stride(from: 0, to: length, by: VoiceGroup.chunk) {
            let end = min(length, n + VoiceGroup.chunk)
            let pole = Double(p0 + dp * (Float(n + end + 1) / 2))
            for i in n..<end {
              y = (1 - pole) * Double(voice.undamped[i]) + pole * y
              out.append(y)
            }
          }
          return out
        }
        VoiceGroup.lowpass(group, count: length)
        for (v, voice) in group.enumerated() {
          let got = Array(UnsafeBufferPointer(start: voice.block, count: length))
          XCTAssertLessThan(
            relativeError(got, expected[v]), 1e-5, "\(k) voices, \(length) samples, voice \(v)")
          XCTAssertEqual(Double(voice.lowpassState), expected[v].last!, accuracy: 1e-5)
        }
      }
    }
  }

  /// Each voice's two shadow filters run separately, y = b0 x + b1 x[n−1] − a1 y[n−1] with
  /// b0 and b1 ramping sample by sample, in double, and summed; against the feed-forward
  /// parts summed first and one recursion per ear. Two blocks in a row, so that the state
  /// carried between them counts.
  func testSharedShadowMatchesFiltersRunApart() throws {
    let a1 = Double(HeadModel().shadowFilter(azimuth: 0, rightEar: false, sampleRate: 16_000).a1)
    // 4000 samples is the default block; 1001 and 1003 end with a ragged one-sample tail,
    // and 3 is shorter than one vector.
    for length in [4000, 1001, 1003, 3] {
      let settings = AudioSettings(sampleRate: 16_000, blockSeconds: Double(length) / 16_000)
      for k in 1...5 {
        var rng = SplitMix64(seed: UInt64(31 * k + length))
        let group = try voices(k, settings: settings, rng: &rng)
        let shadow = HeadShadow(pole: -Float(a1), count: length)
        // Per voice and ear: the last input and output.
        var memory = [[(x: Double, y: Double)]](
          repeating: [(0, 0), (0, 0)], count: group.count)
        for block in 0..<2 {
          if block == 1 {
            for voice in group {
              var p = voice.to
              p.shadowLeft = SIMD2(p.shadowLeft.y * -0.5, p.shadowLeft.x)
              p.delayRight += 1.5
              _ = voice.begin(target: p, time: settings.blockLength)
              for i in 0..<length { voice.block[i] = rng.nextUniform() - 0.5 }
            }
          }
          var left = [Float](repeating: 0, count: length)
          var right = [Float](repeating: 0, count: length)
          left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in
              shadow.begin()
              for voice in group {
                voice.shadowInput(left: shadow.inputs.left, right: shadow.inputs.right)
              }
              shadow.run(left: l.baseAddress!, right: r.baseAddress!)
            }
          }
          var expected = [[Double]](repeating: [Double](repeating: 0, count: length), count: 2)
          for (v, voice) in group.enumerated() {
            for (ear, x, from, to) in [
              (0, voice.lastDelayed.left, voice.from.shadowLeft, voice.to.shadowLeft),
              (1, voice.lastDelayed.right, voice.from.shadowRight, voice.to.shadowRight),
            ] {
              let step = 1 / Float(length)
              var (x1, y1) = memory[v][ear]
              for i in 0..<length {
                let c = from + (to - from) * step * Float(i + 1)
                let y = Double(c.x) * Double(x[i]) + Double(c.y) * x1 - a1 * y1
                expected[ear][i] += y
                (x1, y1) = (Double(x[i]), y)
              }
              memory[v][ear] = (x1, y1)
            }
          }
          let context = "\(k) voices, \(length) samples, block \(block)"
          XCTAssertLessThan(relativeError(left, expected[0]), 2e-5, context)
          XCTAssertLessThan(relativeError(right, expected[1]), 2e-5, context)
          XCTAssertNotEqual(left, right, context)
        }
      }
    }
  }
}
