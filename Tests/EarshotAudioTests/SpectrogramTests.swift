import EarshotWorld
import Foundation
import XCTest

@testable import EarshotAudio

/// Spectrogram shape, calibration and image.
final class SpectrogramTests: XCTestCase {
  func sineBlock(hertz: Double, amplitude: Float = 1) -> AudioBlock {
    let left = (0..<4000).map {
      amplitude * Float(sin(2 * Double.pi * hertz * Double($0) / 16_000))
    }
    return AudioBlock(left: left, right: [Float](repeating: 0, count: 4000), sampleRate: 16_000)
  }

  func testShapeAndCalibration() {
    let spectrogram = Spectrogram()
    XCTAssertTrue(spectrogram.shape == (2, 65, 61))
    let values = spectrogram.compute(sineBlock(hertz: 1_000))
    XCTAssertEqual(values.count, 2 * 65 * 61)
    // A full-scale sine on bin 8 (1 kHz) reads 0 dB there, in every frame; the silent
    // right ear reads the floor exactly.
    for t in 0..<61 {
      XCTAssertEqual(values[8 * 61 + t], 0, accuracy: 0.01)
      let column = (0..<65).map { values[$0 * 61 + t] }
      XCTAssertEqual(column.firstIndex(of: column.max()!), 8)
    }
    XCTAssertTrue(values[(65 * 61)...].allSatisfy { $0 == -100 })
    // 20 dB quieter reads 20 dB lower.
    let quiet = spectrogram.compute(sineBlock(hertz: 1_000, amplitude: 0.1))
    XCTAssertEqual(quiet[8 * 61 + 30], -20, accuracy: 0.01)
  }

  func testFastLogarithmIsClose() {
    var x: Float = 1e-12
    while x < 1e12 {
      XCTAssertEqual(fastLog2(x), log2(x), accuracy: 3e-5)
      XCTAssertEqual(fastLog2(SIMD4(repeating: x))[2].bitPattern, fastLog2(x).bitPattern)
      x *= 1.37
    }
    // Zero and subnormals, which the spectrogram's decibel loop feeds it unclamped.
    for tiny in [Float(0), -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude / 3] {
      let value = fastLog2(SIMD4(repeating: tiny))[0]
      XCTAssertTrue(value.isFinite && value >= -127 && value <= -126, "\(tiny): \(value)")
    }
  }

  func testImageShowsTheLeftEarOnTop() {
    let spectrogram = Spectrogram()
    _ = spectrogram.compute(sineBlock(hertz: 1_000))
    let image = spectrogram.rgbImage(scale: 2)
    XCTAssertEqual(image.width, 122)
    XCTAssertEqual(image.height, 131 * 2)
    XCTAssertEqual(image.rgb.count, image.width * image.height * 3)
    // Bin 8 of the left ear is bright; the same bin of the silent right ear is black.
    let leftRow = (64 - 8) * 2, rightRow = (66 + 64 - 8) * 2
    let bright = image.rgb[(leftRow * image.width + 60) * 3]
    let dark = image.rgb[(rightRow * image.width + 60) * 3]
    XCTAssertGreaterThan(bright, 200)
    XCTAssertEqual(dark, 0)
  }

  /// Every value against a direct DFT in double precision, for noise in both ears, with the
  /// default settings and with a window, hop and block that leave ragged edges everywhere.
  func testMatchesDirectFourierTransform() {
    var custom = AudioSettings(sampleRate: 16_000, blockSeconds: 1_000.0 / 16_000)
    custom.spectrogramWindow = 30
    custom.spectrogramHop = 23
    for settings in [AudioSettings(), custom] {
      let n = settings.spectrogramWindow, hop = settings.spectrogramHop
      var rng = SplitMix64(seed: 3)
      let count = settings.blockLength
      let left = (0..<count).map { _ in rng.nextUniform() - 0.5 }
      let right = (0..<count).map { (i: Int) -> Float in
        let tone = Float(sin(Double(i) * 0.3)) * 0.1
        return tone + left[i] * 0.01
      }
      let spectrogram = Spectrogram(settings: settings)
      let values = spectrogram.compute(
        AudioBlock(left: left, right: right, sampleRate: settings.sampleRate))
      let (bins, frames) = (spectrogram.bins, spectrogram.frames)
      XCTAssertEqual(values.count, 2 * bins * frames)
      let window = (0..<n).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n)) }
      let reference = pow(window.reduce(0, +) / 2, 2)
      var worst = 0.0
      for (ear, x) in [left, right].enumerated() {
        for t in 0..<frames {
          for f in 0..<bins {
            var re = 0.0, im = 0.0
            for k in 0..<n {
              let v = Double(x[t * hop + k]) * window[k]
              let angle = -2 * Double.pi * Double(f * k) / Double(n)
              re += v * cos(angle)
              im += v * sin(angle)
            }
            let expected = max(-100, 10 * log10((re * re + im * im) / reference))
            let got = Double(values[(ear * bins + f) * frames + t])
            // Single precision FFT: close where the level is well above rounding noise.
            if expected > -60 { worst = max(worst, abs(got - expected)) }
          }
        }
      }
      XCTAssertLessThan(worst, 0.01, "window \(n), hop \(hop)")
    }
  }
}
