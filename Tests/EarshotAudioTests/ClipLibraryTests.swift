import EarshotMedia
import EarshotWorld
import XCTest

@testable import EarshotAudio

/// The committed manifest and the clips it names.
final class ClipLibraryTests: XCTestCase {
  func assets() throws -> String {
    try ClipLibrary.findAssetsFolder(from: #filePath)
  }

  func testManifestHasTwelveClassesSplitInTwo() throws {
    let manifest = try SoundManifest.load(assetsFolder: try assets())
    XCTAssertGreaterThanOrEqual(manifest.clips.count, 12)
    XCTAssertEqual(Set(manifest.clips.map(\.name)).count, manifest.clips.count)
    let heard = Set(manifest.names(split: "heard")), unheard = Set(manifest.names(split: "unheard"))
    XCTAssertTrue(heard.isDisjoint(with: unheard))
    XCTAssertEqual(heard.count + unheard.count, manifest.clips.count)
    XCTAssertTrue(heard.isSuperset(of: ["phone", "alarm", "bell", "canary", "piano"]))
    XCTAssertTrue(unheard.isSuperset(of: ["xylophone", "cello", "hum", "chirp"]))
  }

  func testEveryClassLoadsAtTheSimulationRate() throws {
    let folder = try assets()
    let manifest = try SoundManifest.load(assetsFolder: folder)
    let prepared = FileManager.default.fileExists(atPath: folder + "/sounds/phone.oga")
    guard prepared else {
      return XCTFail("the recordings are missing: run scripts/prepare_sounds.sh (make test does)")
    }
    let library = ClipLibrary(assetsFolder: folder)
    for entry in manifest.clips {
      let clip = try library.clip(named: entry.name)
      XCTAssertEqual(clip.sampleRate, 16_000)
      XCTAssertGreaterThanOrEqual(clip.duration, 1, entry.name)
      // Clips shorter than the half-second window were levelled over their own length,
      // so padding can only lower what a half-second window sees.
      let level = decibels(Double(Clip.loudestRMS(clip.samples, window: 8_000)))
      XCTAssertLessThanOrEqual(level, -19.99, entry.name)
      XCTAssertGreaterThan(level, -30, entry.name)
    }
    XCTAssertTrue(library.warnings.isEmpty, "\(library.warnings)")
  }

  func testSynthesisedClipsNeedNoFiles() throws {
    let library = ClipLibrary(assetsFolder: nil)
    for name in ClipSynthesis.names {
      XCTAssertEqual(try library.clip(named: name).origin, "synthesised")
    }
  }
}
