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
      x *= 1.37
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
}
