import Foundation
import XCTest

@testable import EarshotAudio

/// The background noise read from its loop: its level, white, the ears uncorrelated,
/// consecutive steps different, the same on every run.
final class BackgroundNoiseTests: XCTestCase {
  func noise(step: Int, count: Int, seed: UInt64 = 5) -> (left: [Float], right: [Float]) {
    let generator = BackgroundNoise(decibels: -30, seed: seed, episodeIndex: 2)
    var left = [Float](repeating: 0, count: count), right = left
    left.withUnsafeMutableBufferPointer { l in
      right.withUnsafeMutableBufferPointer { r in
        generator.add(step: step, left: l.baseAddress!, right: r.baseAddress!, count: count)
      }
    }
    return (left, right)
  }

  func rms(_ x: [Float]) -> Double {
    (x.map { Double($0) * Double($0) }.reduce(0, +) / Double(x.count)).squareRoot()
  }

  /// Largest normalised cross-correlation of `a` and `b` at lags −`lags`…`lags`.
  func correlation(_ a: [Float], _ b: [Float], lags: Int) -> Double {
    var worst = 0.0
    for lag in -lags...lags {
      var sum = 0.0
      for i in max(0, -lag)..<min(a.count, b.count - lag) {
        sum += Double(a[i]) * Double(b[i + lag])
      }
      worst = max(worst, abs(sum) / (rms(a) * rms(b) * Double(a.count)))
    }
    return worst
  }

  func testLevelWhitenessAndIndependence() {
    // 4000 samples is the default block; 70,000 is done in five pieces.
    for count in [4000, 70_000] {
      let (left, right) = noise(step: 3, count: count)
      XCTAssertEqual(20 * log10(rms(left)), -30, accuracy: 0.2, "\(count)")
      XCTAssertEqual(20 * log10(rms(right)), -30, accuracy: 0.2, "\(count)")
      // White: no correlation with itself at a lag; the ears independent, near lags as an
      // interaural delay would be included. Each estimate has a standard deviation of
      // 1/√count; the bound is five of them, since 61 + 30 estimates a block are checked (the
      // seeds are fixed, so the test is deterministic). A shared window or a loop repeating
      // within a block gives correlations near 1.
      let bound = 5 / Double(count).squareRoot()
      XCTAssertLessThan(correlation(left, right, lags: 30), bound, "\(count)")
      for lag in 1...30 {
        XCTAssertLessThan(
          correlation(left, Array(left.dropFirst(lag)), lags: 0), bound, "lag \(lag)")
      }
    }
    // The pieces of a long block are not repeats of one another.
    let (long, _) = noise(step: 3, count: 70_000)
    let quarter = BackgroundNoise.loopLength / 4
    XCTAssertLessThan(
      correlation(Array(long[0..<quarter]), Array(long[quarter..<(2 * quarter)]), lags: 0), 0.05)
  }

  func testStepsAndEpisodesDifferAndRunsRepeat() {
    let a = noise(step: 7, count: 4000)
    XCTAssertEqual(a.left, noise(step: 7, count: 4000).left)
    XCTAssertEqual(a.right, noise(step: 7, count: 4000).right)
    XCTAssertLessThan(correlation(a.left, noise(step: 8, count: 4000).left, lags: 0), 0.07)
    XCTAssertNotEqual(a.left, noise(step: 7, count: 4000, seed: 6).left)
  }
}
