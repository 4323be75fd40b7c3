import EarshotMedia
import XCTest

@testable import EarshotVision
@testable import EarshotWorld

final class FirstPersonRendererTests: XCTestCase {
  /// A corridor one cell wide and ten long, running north–south, walls all round.
  func corridor(cellSize: Double = 1) throws -> World {
    try Fixtures.world(rows: ["###"] + Array(repeating: "#.#", count: 10) + ["###"],
      cellSize: cellSize)
  }

  func render(
    _ renderer: FirstPersonRenderer, _ pose: Pose, _ sources: [PlacedSource] = []
  ) -> Frame {
    var frame = Frame(settings: renderer.settings)
    renderer.render(pose: pose, sources: sources, into: &frame)
    return frame
  }

  func testWallHeightInACorridorMatchesTheProjection() throws {
    let cellSize = 2.5
    let settings = CameraSettings(width: 64, height: 64, fieldOfView: 90)
    let renderer = try FirstPersonRenderer(world: corridor(cellSize: cellSize), settings: settings)
    let focal = settings.focalLength
    for row in 1...10 {
      let frame = render(renderer, Pose(cell: GridPoint(column: 1, row: row), heading: .north))
      // From the centre of the cell to the face of the wall in row 0, in metres.
      let distance = (Double(row) - 0.5) * cellSize
      let expectedRows = min(64, focal * cellSize / distance)
      for column in [31, 32] {
        let wallRows = (0..<64).filter {
          abs(Double(frame.depth[$0 * 64 + column]) - distance) < 1e-4
        }
        XCTAssertEqual(Double(wallRows.count), expectedRows, accuracy: 1, "row \(row)")
        // The wall is one block, centred on the horizon.
        if let first = wallRows.first, let last = wallRows.last {
          XCTAssertEqual(last - first + 1, wallRows.count)
          XCTAssertEqual(Double(first + last + 1) / 2, 32, accuracy: 1)
        }
      }
    }
  }

  func testFloorDepthFollowsThePixelRay() throws {
    let settings = CameraSettings(width: 32, height: 48, fieldOfView: 70)
    let world = try Fixtures.world(
      rows: Array(repeating: String(repeating: ".", count: 60), count: 60))
    let renderer = try FirstPersonRenderer(world: world, settings: settings)
    let frame = render(renderer, Pose(cell: GridPoint(column: 30, row: 58), heading: .north))
    let focal = settings.focalLength
    for row in [0, 5, 42, 47] {
      // Half a cell above or below the eye, seen `rise` pixels from the horizon.
      let rise = abs(Double(row) + 0.5 - 24)
      XCTAssertEqual(Double(frame.depth[row * 32 + 10]), focal * 0.5 / rise, accuracy: 1e-3)
    }
  }

  func testSourceStraightAheadIsCentredWithItsProjectedSize() throws {
    let world = try Fixtures.world(
      rows: Array(repeating: String(repeating: ".", count: 9), count: 12))
    let settings = CameraSettings(width: 128, height: 128, fieldOfView: 90)
    let renderer = try FirstPersonRenderer(world: world, settings: settings)
    let look = SourceLook(soundClass: "bell")
    let maskColumns = (0..<16).filter { u in (0..<16).contains { look.mask[$0 * 16 + u] } }
    let maskRows = (0..<16).filter { v in (0..<16).contains { look.mask[v * 16 + $0] } }

    for distance in [2, 3, 5, 8] {
      let pose = Pose(cell: GridPoint(column: 4, row: 10), heading: .north)
      let source = Fixtures.source("bell", 4, 10 - distance)
      let frame = render(renderer, pose, [source])
      let shown = (0..<(128 * 128)).filter { abs(frame.depth[$0] - Float(distance)) < 1e-5 }
      let columns = shown.map { $0 % 128 }, rows = shown.map { $0 / 128 }
      let size = settings.focalLength * FirstPersonRenderer.spriteSize / Double(distance)
      XCTAssertEqual(
        Double(columns.max()! - columns.min()! + 1), size * Double(maskColumns.count) / 16,
        accuracy: 1.5, "distance \(distance)")
      XCTAssertEqual(
        Double(rows.max()! - rows.min()! + 1), size * Double(maskRows.count) / 16,
        accuracy: 1.5, "distance \(distance)")
      XCTAssertEqual(Double(columns.min()! + columns.max()! + 1) / 2, 64, accuracy: 1)
      XCTAssertEqual(Double(rows.min()! + rows.max()! + 1) / 2, 64, accuracy: 1)
    }
  }

  func testSourceBehindAWallIsNotDrawn() throws {
    let world = try Fixtures.world(rows: [".....", ".....", "..#..", ".....", "....."])
    let renderer = try FirstPersonRenderer(world: world)
    let pose = Pose(cell: GridPoint(column: 2, row: 4), heading: .north)
    let hidden = render(renderer, pose, [Fixtures.source("alarm", 2, 0)])
    XCTAssertEqual(hidden.rgb, render(renderer, pose).rgb)
    XCTAssertEqual(hidden.depth, render(renderer, pose).depth)
    // The same source beside the pillar is seen.
    let seen = render(renderer, pose, [Fixtures.source("alarm", 2, 3)])
    XCTAssertNotEqual(seen.rgb, render(renderer, pose).rgb)
  }

  func testGoalAndDistractorOfOneClassLookTheSame() throws {
    let world = try Fixtures.world(rows: Array(repeating: ".....", count: 5))
    let renderer = try FirstPersonRenderer(world: world)
    let pose = Pose(cell: GridPoint(column: 2, row: 4), heading: .north)
    XCTAssertEqual(
      render(renderer, pose, [Fixtures.source("cello", 2, 1, goal: true)]).rgb,
      render(renderer, pose, [Fixtures.source("cello", 2, 1, goal: false)]).rgb)
  }

  func testFourTurnsGiveTheSameFrame() throws {
    let world = try Fixtures.world("apartment")
    let renderer = try FirstPersonRenderer(world: world, textures: .generated)
    let sources = [Fixtures.source("phone", 4, 2), Fixtures.source("hum", 17, 2)]
    for cell in [GridPoint(column: 4, row: 8), GridPoint(column: 10, row: 4)] {
      var pose = Pose(cell: cell, heading: .north)
      let before = render(renderer, pose, sources)
      var seen = Set<[UInt8]>()
      for _ in 0..<4 {
        pose.heading = pose.heading.right
        seen.insert(render(renderer, pose, sources).rgb)
      }
      XCTAssertEqual(seen.count, 4, "each heading shows something different")
      XCTAssertEqual(render(renderer, pose, sources).rgb, before.rgb)
      XCTAssertEqual(render(renderer, pose, sources).depth, before.depth)
    }
  }

  func testFramesAreTheSameAcrossRunsAndWorkerCounts() throws {
    let world = try Fixtures.world("apartment")
    let renderer = try FirstPersonRenderer(world: world, textures: .generated)
    let sources = [Fixtures.source("phone", 4, 2), Fixtures.source("xylophone", 17, 9)]
    let poses = (0..<(world.width * world.height)).filter { world.openCells[$0] }
      .flatMap { i in Heading.allCases.map { Pose(cell: world.cell(at: i), heading: $0) } }

    var one = [Frame](), two = [Frame](), again = [Frame]()
    renderer.render(poses: poses, sources: sources, into: &one, workers: 1)
    renderer.render(poses: poses, sources: sources, into: &two, workers: 2)
    renderer.render(poses: poses, sources: sources, into: &again, workers: 2)
    XCTAssertEqual(one.count, poses.count)
    for i in poses.indices {
      XCTAssertEqual(one[i].rgb, two[i].rgb)
      XCTAssertEqual(one[i].depth, two[i].depth)
      XCTAssertEqual(one[i].rgb, again[i].rgb)
    }
    // A renderer made afresh draws the same bytes.
    let fresh = try FirstPersonRenderer(world: world, textures: .generated)
    XCTAssertEqual(render(fresh, poses[17], sources).rgb, one[17].rgb)
  }

  func testDoorwayShowsALintelAndTheRoomBeyond() throws {
    let world = try Fixtures.world(rows: [
      "#######", "#.....#", "#.....#", "BBBDBBB", "#.....#", "#.....#", "#######",
    ])
    let renderer = try FirstPersonRenderer(
      world: world, settings: CameraSettings(width: 64, height: 64))
    let frame = render(renderer, Pose(cell: GridPoint(column: 3, row: 5), heading: .north))
    let column = 32
    // Through the opening the far wall (row 0, 4.5 cells) is seen at the horizon.
    XCTAssertEqual(frame.depth[32 * 64 + column], 4.5, accuracy: 1e-4)
    // Above the opening: the lintel's face at the doorway's near side (1.5 cells), in
    // the frame colour, from the ceiling line down to 0.8 of the wall height.
    let focal = Float(renderer.focalLength)
    let faceRow = Int(32 - focal * 0.4 / 1.5)
    XCTAssertEqual(frame.depth[faceRow * 64 + column], 1.5, accuracy: 1e-4)
    let pixel = frame.image.pixel(column: column, row: faceRow)
    XCTAssertTrue(pixel.blue > pixel.red, "door frame colour, not brick: \(pixel)")
  }

  func testBadSettingsAreTypedErrors() throws {
    let world = try corridor()
    for (settings, expected) in [
      (CameraSettings(width: 0, height: 64), VisionError.badResolution(width: 0, height: 64)),
      (CameraSettings(width: 64, height: 5000), .badResolution(width: 64, height: 5000)),
      (CameraSettings(fieldOfView: 0), .badFieldOfView(degrees: 0)),
      (CameraSettings(fieldOfView: 180), .badFieldOfView(degrees: 180)),
    ] {
      XCTAssertThrowsError(try FirstPersonRenderer(world: world, settings: settings)) {
        XCTAssertEqual($0 as? VisionError, expected)
        XCTAssertTrue("\($0)".contains("allowed"))
      }
    }
    XCTAssertThrowsError(try CameraSettings(fieldOfView: .nan).validate())
  }

  func testAnySoundClassGetsALook() {
    let names = SourceLook.knownClasses + ["", "a very long class name ü", "zz-top"]
    for name in names {
      let look = SourceLook(soundClass: name)
      XCTAssertTrue(look.mask.contains(true), name)
      XCTAssertEqual(look, SourceLook(soundClass: name))
    }
    // The shipped classes differ in shape, pattern or colour from one another.
    let signatures = Set(SourceLook.knownClasses.map { name -> String in
      let l = SourceLook(soundClass: name)
      let colour = [l.primary.red, l.primary.green, l.primary.blue].map { $0 / 64 }
      return "\(l.shape) \(l.pattern) \(colour)"
    })
    XCTAssertEqual(signatures.count, SourceLook.knownClasses.count)
  }
}
