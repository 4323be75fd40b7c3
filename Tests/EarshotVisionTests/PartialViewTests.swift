import EarshotMedia
import XCTest

@testable import EarshotVision
@testable import EarshotWorld

final class PartialViewTests: XCTestCase {
  let open = Array(repeating: String(repeating: ".", count: 15), count: 15)

  func testAgentStandsAtTheBottomCentre() throws {
    let world = try Fixtures.world(rows: open)
    let view = try PartialView(
      world: world, pose: Pose(cell: GridPoint(column: 7, row: 7), heading: .west), sources: [])
    XCTAssertEqual(view.kind(column: 3, row: 6), .agent)
    XCTAssertEqual(view.kind(column: 3, row: 0), .floor)
    XCTAssertEqual(view.cells.count, 7 * 7 * 3)
  }

  func testAWallHidesWhatIsBehindIt() throws {
    var rows = open
    // A wall across the agent's way, three cells ahead, five cells wide.
    rows[4] = String(repeating: ".", count: 5) + "BBBBB" + String(repeating: ".", count: 5)
    let world = try Fixtures.world(rows: rows)
    let pose = Pose(cell: GridPoint(column: 7, row: 7), heading: .north)
    let view = try PartialView(world: world, pose: pose, sources: [Fixtures.source("bell", 7, 2)])

    // Row 3 of the window is the wall (world row 4); behind its middle nothing is seen.
    XCTAssertEqual(view.kind(column: 3, row: 3), .wall)
    XCTAssertEqual(Int(view.cells[(3 * 7 + 3) * 3 + 1]), Material.names.firstIndex(of: "brick"))
    for row in 0...2 { XCTAssertEqual(view.kind(column: 3, row: row), .unseen, "row \(row)") }
    // The source behind the wall (world row 2 is window row 1) stays hidden.
    XCTAssertFalse(view.cells.enumerated().contains { $0.offset % 3 == 0 && $0.element == 4 })
    // Beside the wall the view is open; diagonally past its end, hidden.
    XCTAssertEqual(view.kind(column: 0, row: 3), .floor)
    XCTAssertEqual(view.kind(column: 0, row: 0), .unseen)
  }

  func testTheWindowTurnsWithTheHeading() throws {
    let world = try Fixtures.world(rows: open)
    let centre = GridPoint(column: 7, row: 7)
    for heading in Heading.allCases {
      // Two cells ahead and one to the right, wherever the agent faces.
      let right = heading.right
      let cell = GridPoint(
        column: centre.column + 2 * heading.dx + right.dx,
        row: centre.row + 2 * heading.dy + right.dy)
      let source = Fixtures.source("trumpet", cell.column, cell.row)
      let view = try PartialView(
        world: world, pose: Pose(cell: centre, heading: heading), sources: [source])
      XCTAssertEqual(view.kind(column: 4, row: 4), .source, "\(heading)")
      XCTAssertEqual(view.cells[(4 * 7 + 4) * 3 + 2], SourceLook.code(soundClass: "trumpet"))
      XCTAssertEqual(
        PartialView.worldCell(
          column: 4, row: 4, size: 7, pose: Pose(cell: centre, heading: heading)),
        cell)
    }
  }

  func testCellsOutsideTheGridAreWalls() throws {
    let world = try Fixtures.world(rows: ["...", "...", "..."])
    let view = try PartialView(
      world: world, pose: Pose(cell: GridPoint(column: 1, row: 2), heading: .north), sources: [])
    XCTAssertEqual(view.kind(column: 3, row: 3), .wall)
    XCTAssertEqual(view.kind(column: 3, row: 2), .unseen)
  }

  func testImageSizeAndBadSizes() throws {
    let world = try Fixtures.world("two_rooms")
    let view = try PartialView(world: world, pose: world.agentStart!, sources: [], size: 9)
    let image = try view.image(tileSize: 8)
    XCTAssertEqual(image.width, 72)
    XCTAssertEqual(image.height, 72)
    // The agent's triangle is red, in the bottom-centre tile.
    let tip = image.pixel(column: 4 * 8 + 4, row: 8 * 8 + 6)
    XCTAssertGreaterThan(Int(tip.red), Int(tip.green) + 100)

    for size in [0, 4, 65] {
      XCTAssertThrowsError(
        try PartialView(world: world, pose: world.agentStart!, sources: [], size: size)
      ) {
        XCTAssertEqual($0 as? VisionError, .badViewSize(size))
      }
    }
    XCTAssertThrowsError(try view.image(tileSize: 0))
  }
}
