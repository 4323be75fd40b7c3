import Foundation

/// Reads world files (`worlds/*.map`).
///
/// A file is a header of `key = value` lines and `;` comments, a line that
/// reads exactly `map:`, then the grid, one character a cell, row 0 first:
///
/// | char | cell |
/// | --- | --- |
/// | `#` | wall (plain) |
/// | `.` | floor |
/// | `D` | doorway (floor drawn as a door frame) |
/// | `^` `>` `v` `<` | floor with the agent's start facing N, E, S, W |
/// | `0`–`9` | floor with a spawn point for a sound source |
/// | other letters | walls of a material declared as `material.X = name` |
///
/// Short rows are padded with wall; trailing blank lines are ignored.
public enum MapParser {
  /// Parses the world file at `path`.
  ///
  /// - Throws: `WorldError` with the line and column of the first problem;
  ///   `CocoaError` if the file cannot be read.
  public static func parse(contentsOf path: String) throws -> World {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw WorldError(path: path, line: 1, column: 1, kind: .unreadable("cannot read the file"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw WorldError(path: path, line: 1, column: 1, kind: .unreadable("not UTF-8 text"))
    }
    return try parse(text, path: path)
  }

  /// Parses world-file text; `path` only labels errors.
  public static func parse(_ text: String, path: String = "<map>") throws -> World {
    // "\r\n" is one Character in Swift, so line ends are normalised before splitting.
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func fail(_ line: Int, _ column: Int, _ kind: WorldError.Kind) -> WorldError {
      WorldError(path: path, line: line, column: column, kind: kind)
    }

    guard let mapLine = lines.firstIndex(where: {
      $0.trimmingCharacters(in: .whitespaces) == "map:"
    }) else {
      throw fail(max(1, lines.count), 1, .missingMapLine)
    }
    var name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    var cellSize = 1.0
    var materials: [Material] = [.plain]
    var materialOfLetter: [Character: Int] = [:]
    var seenKeys = Set<String>()

    for (i, raw) in lines[..<mapLine].enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix(";") { continue }
      guard let eq = line.firstIndex(of: "=") else { throw fail(i + 1, 1, .malformedHeader) }
      let key = line[..<eq].trimmingCharacters(in: .whitespaces)
      let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      guard seenKeys.insert(key).inserted else { throw fail(i + 1, 1, .duplicateHeaderKey(key)) }
      let valueColumn = 1 + (raw.range(of: value).map {
        raw.distance(from: raw.startIndex, to: $0.lowerBound)
      } ?? 0)
      switch key {
      case "name":
        name = value
      case "cell_size":
        guard let size = Double(value), size > 0, size.isFinite else {
          throw fail(i + 1, valueColumn, .badValue(key: key, value: value))
        }
        cellSize = size
      case _ where key.hasPrefix("material."):
        let letter = key.dropFirst("material.".count)
        guard letter.count == 1, let c = letter.first, c.isLetter, c.isASCII, c != "D" else {
          throw fail(i + 1, 1, .badValue(key: key, value: value))
        }
        guard let material = Material(named: value) else {
          throw fail(i + 1, valueColumn, .unknownMaterial(value))
        }
        if let existing = materials.firstIndex(of: material) {
          materialOfLetter[c] = existing
        } else {
          materials.append(material)
          materialOfLetter[c] = materials.count - 1
        }
      default:
        throw fail(i + 1, 1, .unknownHeaderKey(key))
      }
    }

    var rows = Array(lines[(mapLine + 1)...])
    while let last = rows.last, last.trimmingCharacters(in: .whitespaces).isEmpty {
      rows.removeLast()
    }
    let width = max(1, rows.map { $0.count }.max() ?? 0)
    var world = World(name: name, width: width, height: max(1, rows.count), cellSize: cellSize)
    world.materials = materials
    var sawFloor = false

    for (r, row) in rows.enumerated() {
      for (c, char) in row.enumerated() {
        let cell = GridPoint(column: c, row: r)
        let lineNumber = mapLine + 2 + r
        let tile: Tile
        switch char {
        case "#": tile = .wall(material: 0)
        case ".": tile = .floor
        case "D": tile = .doorway
        case "^", ">", "v", "<":
          if let first = world.agentStart?.cell {
            throw fail(lineNumber, c + 1, .twoAgentStarts(first: first))
          }
          let heading: Heading = ["^": .north, ">": .east, "v": .south, "<": .west][char]!
          world.agentStart = Pose(cell: cell, heading: heading)
          tile = .floor
        case "0"..."9":
          let digit = Int(String(char))!
          if let first = world.spawnPoints[digit] {
            throw fail(lineNumber, c + 1, .spawnPointUsedTwice(digit: digit, first: first))
          }
          world.spawnPoints[digit] = cell
          tile = .floor
        default:
          guard let material = materialOfLetter[char] else {
            throw fail(lineNumber, c + 1, .unknownCharacter(char))
          }
          tile = .wall(material: material)
        }
        if tile.isOpen { sawFloor = true }
        world[cell] = tile
      }
    }
    guard sawFloor else { throw fail(mapLine + 1, 1, .noFloor) }
    return world
  }
}
