import EarshotWorld
import XCTest

@testable import EarshotAudio

/// Sound goes round walls, through doorways, and seems to come from the doorway.
final class PropagationFieldTests: XCTestCase {
  // Two rooms; the wall at column 6 has one doorway at row 1. The agent stands at [3, 4].
  let map = """
    map:
    ##############
    #.....D......#
    #.....#......#
    #.....#......#
    #..^..#......#
    #.....#......#
    ##############
    """
  let listener = GridPoint(column: 3, row: 4)

  func testSourceInSightIsAStraightLine() throws {
    let world = try MapParser.parse(map)
    let route = try XCTUnwrap(
      PropagationField(world: world, source: GridPoint(column: 1, row: 1)).route(to: listener))
    XCTAssertEqual(route.corners, [listener, GridPoint(column: 1, row: 1)])
    XCTAssertEqual(route.length, (4.0 + 9.0).squareRoot(), accuracy: 1e-9)
    XCTAssertEqual(route.bends, 0)
  }

  func testSoundBehindTheWallArrivesThroughTheDoorway() throws {
    let world = try MapParser.parse(map)
    let source = GridPoint(column: 9, row: 4)
    let route = try XCTUnwrap(PropagationField(world: world, source: source).route(to: listener))
    XCTAssertGreaterThanOrEqual(route.bends, 1)
    // The first corner is at the doorway (or the open cell just before it).
    let door = GridPoint(column: 6, row: 1)
    XCTAssertLessThanOrEqual(abs(route.apparentSource.column - door.column), 1)
    XCTAssertEqual(route.apparentSource.row, door.row)
    let toDoor = atan2(Double(door.column - listener.column), -Double(door.row - listener.row))
    XCTAssertEqual(route.arrivalBearing, toDoor, accuracy: 0.35)
    XCTAssertGreaterThan(route.length, 6)
  }

  func testSoundBehindTheWallIsQuieterThanInSight() throws {
    // Both 6 cells from the listener in a straight line; one through the wall, one not.
    let hidden = try listen(try episode(map: map, at: GridPoint(column: 9, row: 4)))[1]
    let seen = try listen(try episode(map: map, at: GridPoint(column: 3, row: 1)))[1]
    let hiddenLevel = decibels(hidden.rms.left + hidden.rms.right)
    let seenLevel = decibels(seen.rms.left + seen.rms.right)
    XCTAssertLessThan(hiddenLevel, seenLevel - 6)
    // Seen from the agent facing north, the doorway is ahead and to the right.
    XCTAssertGreaterThan(hidden.rms.right, hidden.rms.left)
  }

  func testSealedRoomIsSilent() throws {
    let sealed = map.replacingOccurrences(of: "D", with: "#")
    let walledIn = SourceSpec(sound: "noise", placement: .cell(GridPoint(column: 9, row: 4)))
    let e = try episode(
      map: sealed, at: GridPoint(column: 1, row: 1), gain: -.infinity, distractors: [walledIn])
    let blocks = try listen(e)
    XCTAssertTrue(blocks.allSatisfy { $0.left.allSatisfy { $0 == 0 } })
  }

  func testLineOfSightNeedsBothCellsBesideACorner() throws {
    let world = try MapParser.parse("map:\n####\n#.##\n##.#\n####\n")
    world.openCells.withUnsafeBufferPointer { open in
      XCTAssertFalse(
        LineOfSight.clear(
          GridPoint(column: 1, row: 1), GridPoint(column: 2, row: 2), open: open, width: 4,
          height: 4))
    }
    XCTAssertNil(
      PropagationField(world: world, source: GridPoint(column: 1, row: 1))
        .route(to: GridPoint(column: 2, row: 2)))
  }
}
