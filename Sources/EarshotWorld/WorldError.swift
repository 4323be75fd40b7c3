/// A problem in a world file, with the place it was found (1-based line and column).
public struct WorldError: Error, CustomStringConvertible, Equatable {
  /// The kinds of problem a map file can have.
  public enum Kind: Equatable, Sendable {
    case missingMapLine
    case malformedHeader
    case unknownHeaderKey(String)
    case badValue(key: String, value: String)
    case unknownMaterial(String)
    case unknownCharacter(Character)
    case noFloor
    case twoAgentStarts(first: GridPoint)
    case spawnPointUsedTwice(digit: Int, first: GridPoint)
    case duplicateHeaderKey(String)
    case unreadable(String)
  }

  public var path: String
  public var line: Int
  public var column: Int
  public var kind: Kind

  public init(path: String, line: Int, column: Int, kind: Kind) {
    self.path = path
    self.line = line
    self.column = column
    self.kind = kind
  }

  /// What went wrong and what to do, without the location.
  public var message: String {
    switch kind {
    case .missingMapLine:
      return "no 'map:' line; the grid must follow a line that reads exactly 'map:'"
    case .malformedHeader:
      return "header lines are 'key = value' or comments starting with ';'"
    case .unknownHeaderKey(let key):
      return "unknown header key '\(key)'; known: name, cell_size, material.X"
    case .badValue(let key, let value):
      return "bad value '\(value)' for '\(key)'"
    case .unknownMaterial(let name):
      let known = Material.names.joined(separator: ", ")
      return "unknown material '\(name)'; known: \(known)"
    case .unknownCharacter(let c):
      let shown = c.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
      return "unknown character '\(shown)'; use # . D ^ > v < 0-9 or a declared material letter"
    case .noFloor:
      return "the grid has no floor cell"
    case .twoAgentStarts(let first):
      return "a second agent start; the first is at \(first)"
    case .spawnPointUsedTwice(let digit, let first):
      return "spawn point \(digit) used twice; the first is at \(first)"
    case .duplicateHeaderKey(let key):
      return "the header key '\(key)' appears twice"
    case .unreadable(let why):
      return why
    }
  }

  public var description: String { "\(path):\(line):\(column): \(message)" }
}
