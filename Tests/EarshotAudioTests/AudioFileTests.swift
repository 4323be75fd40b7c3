import EarshotMedia
import Foundation
import XCTest

@testable import EarshotAudio

/// Loading and writing sound files, and the errors a bad file gives.
final class AudioFileTests: XCTestCase {
  var folder: String!

  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "earshot-audio-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Half a second of a 440 Hz sine, `channels` channels (the second one inverted).
  func sine(rate: Int, channels: Int) -> [Float] {
    let frames = rate / 2
    var samples = [Float](repeating: 0, count: frames * channels)
    for f in 0..<frames {
      let value = Float(0.5 * sin(2 * Double.pi * 440 * Double(f) / Double(rate)))
      for c in 0..<channels { samples[f * channels + c] = c == 0 ? value : value * 0.5 }
    }
    return samples
  }

  func testFormatsRatesAndChannelsAllLoadAndResample() throws {
    let library = ClipLibrary(assetsFolder: nil)
    for rate in [8_000, 48_000] {
      for encoding in [AudioFile.Encoding.wavPCM8, .wavPCM16, .wavPCM24, .flac16] {
        for channels in [1, 2] {
          let path = "\(folder!)/sine-\(rate)-\(encoding)-\(channels).wav"
          try AudioFile.write(
            interleaved: sine(rate: rate, channels: channels), channels: channels,
            sampleRate: rate, encoding: encoding, to: path)
          let read = try AudioFile.read(path: path)
          XCTAssertEqual(read.sampleRate, rate)
          XCTAssertEqual(read.channels, channels)
          XCTAssertTrue(read.warnings.isEmpty, "\(read.warnings)")

          let clip = try library.clip(file: path)
          XCTAssertEqual(clip.sampleRate, 16_000)
          // Half a second at 16 kHz, padded to the one-second minimum loop.
          XCTAssertEqual(clip.samples.count, 16_000)
          let crossings = zip(clip.samples[100..<7_900], clip.samples[101..<7_901])
            .filter { $0 < 0 && $1 >= 0 }.count
          XCTAssertEqual(Double(crossings), 440 * 7_800 / 16_000, accuracy: 2, path)
        }
      }
    }
  }

  func testMissingEmptyAndNonAudioFilesNameTheFile() throws {
    let missing = "\(folder!)/missing.wav"
    let empty = "\(folder!)/empty.wav"
    let text = "\(folder!)/text.wav"
    try Data().write(to: URL(fileURLWithPath: empty))
    try Data("not audio\n".utf8).write(to: URL(fileURLWithPath: text))
    let library = ClipLibrary(assetsFolder: nil)
    for (path, expected) in [
      (missing, AudioError.fileNotFound(path: missing)), (empty, .emptyFile(path: empty)),
    ] {
      XCTAssertThrowsError(try library.clip(file: path)) { error in
        XCTAssertEqual(error as? AudioError, expected)
        XCTAssertTrue("\(error)".contains(path))
      }
    }
    XCTAssertThrowsError(try library.clip(file: text)) { error in
      guard case .unreadable(let path, _)? = error as? AudioError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(path, text)
      XCTAssertTrue("\(error)".contains(text))
    }
    XCTAssertThrowsError(try library.clip(named: "no-such-clip")) { error in
      XCTAssertTrue("\(error)".contains("no-such-clip"))
    }
  }

  func testTruncatedFilePlaysWhatItHoldsWithOneWarning() throws {
    let whole = "\(folder!)/whole.wav"
    let cut = "\(folder!)/cut.wav"
    try AudioFile.write(
      interleaved: sine(rate: 16_000, channels: 1), channels: 1, sampleRate: 16_000,
      encoding: .wavPCM16, to: whole)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    try bytes.prefix(44 + 2 * 3_000).write(to: URL(fileURLWithPath: cut))

    let read = try AudioFile.read(path: cut)
    XCTAssertEqual(read.samples.count, 3_000)
    XCTAssertEqual(read.warnings.count, 1)
    XCTAssertTrue(read.warnings[0].contains(cut))

    let library = ClipLibrary(assetsFolder: nil)
    let clip = try library.clip(file: cut)
    XCTAssertEqual(clip.warnings.count, 1)
    XCTAssertEqual(library.warnings.count, 1)
  }

  func testStereoWriterRoundTrips() throws {
    let path = "\(folder!)/stereo.wav"
    let left: [Float] = (0..<1000).map { Float($0) / 1000 }
    let right = left.map { -$0 * 2 }
    try AudioFile.writeStereo(left: left, right: right, sampleRate: 16_000, to: path)
    let read = try AudioFile.read(path: path)
    XCTAssertEqual(read.channels, 2)
    XCTAssertEqual(read.sampleRate, 16_000)
    XCTAssertEqual(stride(from: 0, to: 2000, by: 2).map { read.samples[$0] }, left)
    XCTAssertEqual(stride(from: 1, to: 2000, by: 2).map { read.samples[$0] }, right)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder)
    XCTAssertEqual(leftovers, ["stereo.wav"])
  }
}
