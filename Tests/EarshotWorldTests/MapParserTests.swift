import XCTest
@testable import EarshotWorld

final class MapParserTests: XCTestCase {
  /// Parses `text` expecting an error; returns it.
  private func error(_ text: String) -> WorldError? {
    do {
      _ = try MapParser.parse(text, path: "t.map")
      return nil
    } catch let e as WorldError {
      return e
    } catch {
      XCTFail("unexpected error \(error)")
      return nil
    }
  }

  func testParsesTilesStartSpawnsAndMaterials() throws {
    let world = try MapParser.parse(
      """
      ; a comment
      name = Test
      cell_size = 0.5
      material.B = brick
      map:
      #BB##
      #>.1#
      #D..
      #####
      """)
    XCTAssertEqual(world.name, "Test")
    XCTAssertEqual(world.cellSize, 0.5)
    XCTAssertEqual(world.width, 5)
    XCTAssertEqual(world.height, 4)
    XCTAssertEqual(world.agentStart, Pose(cell: GridPoint(column: 1, row: 1), heading: .east))
    XCTAssertEqual(world.spawnPoints, [1: GridPoint(column: 3, row: 1)])
    XCTAssertEqual(world[GridPoint(column: 1, row: 0)], .wall(material: 1))
    XCTAssertEqual(world.materials[1].name, "brick")
    XCTAssertEqual(world[GridPoint(column: 1, row: 2)], .doorway)
    // The end of a short row and everything outside the grid count as wall.
    XCTAssertFalse(world.isOpen(GridPoint(column: 4, row: 2)))
    XCTAssertFalse(world.isOpen(GridPoint(column: -1, row: 1)))
    XCTAssertFalse(world.isOpen(GridPoint(column: 2, row: 9)))
    XCTAssertEqual(world.openCellCount, 6)
  }

  func testUnknownCharacterReportsLineAndColumn() {
    let e = error("name = Broken\nmap:\n#####\n#>.@#\n#####\n")
    XCTAssertEqual(e?.kind, .unknownCharacter("@"))
    XCTAssertEqual(e?.line, 4)
    XCTAssertEqual(e?.column, 4)
    XCTAssertEqual(e?.description.hasPrefix("t.map:4:4: unknown character '@'"), true)
  }

  func testMissingMapLine() {
    XCTAssertEqual(error("name = x\n#..#\n")?.kind, .missingMapLine)
  }

  func testNoFloor() {
    let e = error("map:\n###\n###\n")
    XCTAssertEqual(e?.kind, .noFloor)
    XCTAssertEqual(e?.line, 1)
  }

  func testTwoAgentStarts() {
    let e = error("map:\n#^.v#\n")
    XCTAssertEqual(e?.kind, .twoAgentStarts(first: GridPoint(column: 1, row: 0)))
    XCTAssertEqual(e?.line, 2)
    XCTAssertEqual(e?.column, 4)
  }

  func testSpawnPointUsedTwice() {
    let e = error("map:\n#1.\n#.1\n")
    XCTAssertEqual(e?.kind, .spawnPointUsedTwice(digit: 1, first: GridPoint(column: 1, row: 0)))
    XCTAssertEqual(e?.line, 3)
    XCTAssertEqual(e?.column, 3)
  }

  func testHeaderErrors() {
    XCTAssertEqual(error("just words\nmap:\n#.#\n")?.kind, .malformedHeader)
    XCTAssertEqual(error("colour = red\nmap:\n#.#\n")?.kind, .unknownHeaderKey("colour"))
    XCTAssertEqual(
      error("cell_size = -1\nmap:\n#.#\n")?.kind, .badValue(key: "cell_size", value: "-1"))
    let e = error("material.B = marble\nmap:\n#.B\n")
    XCTAssertEqual(e?.kind, .unknownMaterial("marble"))
    XCTAssertEqual(e?.column, 14)
    // An undeclared letter is an unknown character.
    XCTAssertEqual(error("map:\n#.Q\n")?.kind, .unknownCharacter("Q"))
  }

  func testEveryShippedWorldParses() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("worlds")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".map") }
    XCTAssertGreaterThanOrEqual(files.count, 6)
    for file in files {
      let world = try MapParser.parse(contentsOf: folder.appendingPathComponent(file).path)
      XCTAssertTrue(Connectivity.isConnected(world), "\(file) has unreachable floor")
    }
    let maze = try MapParser.parse(contentsOf: folder.appendingPathComponent("large_maze.map").path)
    XCTAssertGreaterThanOrEqual(min(maze.width, maze.height), 40)
  }
}

/// Test helper: whether all open cells form one 4-connected component.
enum Connectivity {
  static func isConnected(_ world: World) -> Bool {
    guard let first = world.openCells.firstIndex(of: true) else { return false }
    let d = DistanceField.distances(
      from: [first], passable: world.openCells, width: world.width, height: world.height)
    return zip(world.openCells, d).allSatisfy { open, distance in !open || distance >= 0 }
  }
}

/// Inputs that a fresh user's files had and the first parser got wrong.
final class MapParserEdgeTests: XCTestCase {
  func testWindowsLineEndsAndTrailingSpaces() throws {
    let world = try MapParser.parse("name = W\r\nmap: \r\n#####\r\n#>.1#\r\n#####\r\n")
    XCTAssertEqual(world.width, 5)
    XCTAssertEqual(world.spawnPoints[1], GridPoint(column: 3, row: 1))
  }

  func testDuplicateHeaderKeyAndEscapedCharacters() {
    XCTAssertThrowsError(try MapParser.parse("name = a\nname = b\nmap:\n#.#\n")) { error in
      XCTAssertEqual((error as? WorldError)?.kind, .duplicateHeaderKey("name"))
      XCTAssertEqual((error as? WorldError)?.line, 2)
    }
    XCTAssertThrowsError(try MapParser.parse("map:\n#.\t#\n")) { error in
      XCTAssertTrue("\(error)".contains("'\\t'"), "\(error)")
    }
  }

  func testNonUTF8FileIsAnErrorNamingIt() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("latin1.map").path
    try Data([0x6D, 0x61, 0x70, 0x3A, 0x0A, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
    XCTAssertThrowsError(try MapParser.parse(contentsOf: path)) { error in
      XCTAssertEqual("\(error)", "\(path):1:1: not UTF-8 text")
    }
  }
}
