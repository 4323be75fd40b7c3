import EarshotMedia
import XCTest

@testable import EarshotVision
@testable import EarshotWorld

/// Frames compared with PNGs in `Golden/`, within a small tolerance.
///
/// After a deliberate change to how frames look, regenerate them and look at them:
/// `EARSHOT_REGENERATE_GOLDEN=1 swift test --filter Golden`.
final class GoldenFrameTests: XCTestCase {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    + "/Golden"

  struct Case {
    var name: String
    var map: String
    var pose: Pose
    var sources: [PlacedSource]
  }

  static let cases = [
    Case(
      name: "two_rooms_start", map: "two_rooms",
      pose: Pose(cell: GridPoint(column: 2, row: 3), heading: .east),
      sources: [Fixtures.source("phone", 10, 2, goal: true), Fixtures.source("bell", 2, 5)]),
    Case(
      name: "apartment_hall", map: "apartment",
      pose: Pose(cell: GridPoint(column: 10, row: 9), heading: .north),
      sources: [Fixtures.source("alarm", 18, 9, goal: true), Fixtures.source("cello", 10, 2)]),
    Case(
      name: "apartment_bathroom_door", map: "apartment",
      pose: Pose(cell: GridPoint(column: 5, row: 7), heading: .south),
      sources: [Fixtures.source("water", 4, 12, goal: true), Fixtures.source("hum", 6, 13)]),
  ]

  func testGoldenFrames() throws {
    let regenerate = ProcessInfo.processInfo.environment["EARSHOT_REGENERATE_GOLDEN"] == "1"
    let (textures, warnings) = TextureSet.load(from: Fixtures.root + "/assets/textures")
    XCTAssertEqual(warnings, [])
    if regenerate {
      try FileManager.default.createDirectory(
        atPath: GoldenFrameTests.folder, withIntermediateDirectories: true)
    }

    for golden in GoldenFrameTests.cases {
      let renderer = try FirstPersonRenderer(world: Fixtures.world(golden.map), textures: textures)
      var frame = Frame(settings: renderer.settings)
      renderer.render(pose: golden.pose, sources: golden.sources, into: &frame)
      let path = GoldenFrameTests.folder + "/" + golden.name + ".png"
      if regenerate {
        try PNGFile.write(frame.image, to: path)
        continue
      }

      let expected = try PNGFile.read(path)
      // Small drift (rounding, a compiler's float contraction) passes; a changed
      // wall, sprite or door does not.
      var differing = 0, total = 0
      for i in expected.bytes.indices {
        let d = abs(Int(expected.bytes[i]) - Int(frame.rgb[i]))
        total += d
        if d > 24 { differing += 1 }
      }
      let mean = Double(total) / Double(expected.bytes.count)
      XCTAssertLessThan(mean, 1.0, golden.name)
      XCTAssertLessThanOrEqual(differing, expected.bytes.count / 200, golden.name)
    }
  }
}
