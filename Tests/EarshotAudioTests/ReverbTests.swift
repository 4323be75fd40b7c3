import EarshotWorld
import XCTest

@testable import EarshotAudio

/// Rooms reverberate as Sabine says, and the scenarios' rooms all render.
final class ReverbTests: XCTestCase {
  func testBigRoomsRingLongerThanSmallOnes() throws {
    let settings = AudioSettings()
    let big = try MapParser.parse(openRoom(size: 21))
    let small = try MapParser.parse(openRoom(size: 5))
    let bigRoom = RoomEstimate(
      world: big, floor: RoomEstimate.floorMask(big), cell: GridPoint(column: 11, row: 11),
      settings: settings)
    let smallRoom = RoomEstimate(
      world: small, floor: RoomEstimate.floorMask(small), cell: GridPoint(column: 3, row: 3),
      settings: settings)
    XCTAssertGreaterThan(bigRoom.reverberationTime, 1.5 * smallRoom.reverberationTime)
    // Sabine by hand for the 5 × 5 room: V = 75 m³; walls 20 × 3 m² at 0.1, floor and
    // ceiling 50 m² at 0.15.
    XCTAssertEqual(smallRoom.reverberationTime, 0.161 * 75 / (6 + 7.5), accuracy: 1e-9)
  }

  func testReverberationOutlastsAnIntermittentSource() throws {
    let chirp = SourceSpec(
      sound: "chirp", placement: .cell(GridPoint(column: 9, row: 9)), mode: .intermittent)
    let world = try MapParser.parse(openRoom(size: 21))
    let scenario = Scenario(
      name: "tail", world: world, goal: chirp, maxSteps: 10, episodes: 1, seed: 3)
    let e = try Episode(scenario: scenario, index: 0)
    let clips = ClipLibrary(assetsFolder: nil)
    for reverberation in [false, true] {
      let acoustics = AcousticSettings(backgroundNoiseDecibels: nil, reverberation: reverberation)
      let blocks = try listen(e, steps: 8, acoustics: acoustics, clips: clips)
      // The chirp's clip lasts 1 s (0.3 s of sound); its voice falls exactly silent two
      // blocks later, at 1.5 s, and the room rings on.
      XCTAssertGreaterThan(blocks[0].rms.left, 0)
      let tail = blocks[6].rms.left
      if reverberation { XCTAssertGreaterThan(tail, 0) } else { XCTAssertEqual(tail, 0) }
    }
  }

  func testEveryScenarioRenders() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let assets = try ClipLibrary.findAssetsFolder(from: root.path)
    guard FileManager.default.fileExists(atPath: assets + "/sounds/phone.oga") else {
      return XCTFail("the recordings are missing: run scripts/prepare_sounds.sh (make test does)")
    }
    let clips = ClipLibrary(assetsFolder: assets)
    let files = ScenarioLoader.scenarioFiles(in: [root.appendingPathComponent("scenarios").path])
    XCTAssertFalse(files.isEmpty)
    for file in files {
      let scenario = try ScenarioLoader.load(file)
      let e = try Episode(scenario: scenario, index: 0)
      let audio = try EpisodeAudio(
        episode: e, acoustics: scenario.acoustics, clips: clips, settings: AudioSettings())
      let block = audio.observe(pose: e.start, step: 0)
      XCTAssertTrue(block.left.allSatisfy(\.isFinite), file)
      XCTAssertGreaterThan(block.rms.left + block.rms.right, 0, file)
    }
    XCTAssertTrue(clips.warnings.isEmpty, "\(clips.warnings)")
  }
}
