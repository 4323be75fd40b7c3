import EarshotMedia
import Foundation
import XCTest

@testable import EarshotVision
@testable import EarshotWorld

/// Shared inputs for the vision tests: maps, sources, paths.
enum Fixtures {
  /// The repository root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// A world file from `worlds/`.
  static func world(_ name: String) throws -> World {
    try MapParser.parse(contentsOf: root + "/worlds/" + name + ".map")
  }

  /// A world from map text (the lines after `map:`).
  static func world(rows: [String], cellSize: Double = 1) throws -> World {
    var world = try MapParser.parse("material.B = brick\nmap:\n" + rows.joined(separator: "\n"))
    world.cellSize = cellSize
    return world
  }

  /// A source of class `sound` in `cell`.
  static func source(_ sound: String, _ column: Int, _ row: Int, goal: Bool = false)
    -> PlacedSource
  {
    PlacedSource(
      spec: SourceSpec(sound: sound, placement: .cell(GridPoint(column: column, row: row))),
      cell: GridPoint(column: column, row: row), isGoal: goal)
  }

  /// A fresh empty folder under the temporary directory.
  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "earshot-vision-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
