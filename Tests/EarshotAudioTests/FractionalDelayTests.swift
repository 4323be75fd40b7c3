import XCTest

@testable import EarshotAudio

/// `SourceVoice.delay`, the 4-point Lagrange fractional delay, against closed forms: it is
/// exact for cubics, so a cubic in, delayed by a steady or ramping delay, must come out as
/// the same cubic shifted, sample for sample.
final class FractionalDelayTests: XCTestCase {
  let history = 24
  let count = 1_003

  /// x(t) = a cubic in t / 100.
  func cubic(_ t: Double) -> Double {
    let u = t / 100
    return 0.3 - 0.8 * u + 0.5 * u * u - 0.07 * u * u * u
  }

  /// Delays the cubic sampled at -history ..< count by d ramping from `d0` to `d1`.
  func delayed(from d0: Float, to d1: Float) -> [Float] {
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: history + count)
    defer { buffer.deallocate() }
    for k in 0..<(history + count) { buffer[k] = Float(cubic(Double(k - history))) }
    var out = [Float](repeating: .nan, count: count)
    out.withUnsafeMutableBufferPointer { o in
      SourceVoice.delay(buffer + history, count: count, from: d0, to: d1, into: o.baseAddress!)
    }
    return out
  }

  func testSteadyAndRampingDelaysShiftACubicExactly() {
    // Steady whole and fractional delays; ramps up and down, across many whole samples, as
    // the far ear's delay moves when the head turns.
    for (d0, d1) in [(2, 2), (7.3, 7.3), (2, 12.5), (12.5, 2), (3.25, 3.75)] as [(Float, Float)] {
      let out = delayed(from: d0, to: d1)
      var worst = 0.0
      for i in 0..<count {
        // The delay the block's sample i gets: the ramp reaches d1 at the block's end.
        let d = Double(d0) + Double(d1 - d0) * Double(i + 1) / Double(count)
        worst = max(worst, abs(Double(out[i]) - cubic(Double(i) - d)))
      }
      XCTAssertLessThan(worst, 2e-5, "delay \(d0) → \(d1)")
    }
  }

  func testRampFollowsItsPositionsBitForBit() {
    // The same ramp written the plain way, positions converted from Int, one sample at a
    // time, each sample's whole delay its own floor (the loop cuts its pieces there): the
    // vectorised loop must give the same floats.
    let (d0, d1): (Float, Float) = (2, 12.5)
    let out = delayed(from: d0, to: d1)
    let step = (d1 - d0) / Float(count)
    let x = (0..<(history + count)).map { Float(cubic(Double($0 - history))) }
    for i in 0..<count {
      let d = d0 + step * Float(i + 1)
      let whole = Int(d.rounded(.down))
      let mu = d - Float(whole)
      let at = history + i - whole
      let expected = lagrange(x[at + 1], x[at], x[at - 1], x[at - 2], mu)
      XCTAssertEqual(out[i].bitPattern, expected.bitPattern, "sample \(i)")
    }
  }

  func testRampPositionIsTheSameFloatAsFromInt() {
    // The playback, delay and reverberation ramps take their positions from Int32; the
    // floats must be Float(i)'s, including where floats stop holding every integer.
    var indices = Array(0...70_000)
    indices += [1 << 24, (1 << 24) + 1, (1 << 24) + 3, 123_456_789, Int(Int32.max)]
    for i in indices {
      XCTAssertEqual(rampPosition(i).bitPattern, Float(i).bitPattern, "index \(i)")
    }
    // The loops' vectors of positions, stepped by 4 from a block's start, stay exact.
    var f = rampPositions(from: 0)
    for i in stride(from: 0, to: 70_000, by: 4) {
      XCTAssertEqual(f, SIMD4(Float(i + 1), Float(i + 2), Float(i + 3), Float(i + 4)), "\(i)")
      f += 4
    }
  }
}
