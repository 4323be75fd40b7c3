// SplitMix64 lives in EarshotRandom; users of this module get it too.
@_exported import EarshotRandom

/// A cell of the grid: `column` grows to the east, `row` to the south.
public struct GridPoint: Hashable, Sendable, CustomStringConvertible {
  public var column: Int
  public var row: Int

  public init(column: Int, row: Int) {
    self.column = column
    self.row = row
  }

  /// The neighbouring cell one step towards `heading`.
  public func moved(_ heading: Heading) -> GridPoint {
    GridPoint(column: column + heading.dx, row: row + heading.dy)
  }

  public var description: String { "[\(column), \(row)]" }
}

/// One of the four directions an agent can face; row 0 is north.
public enum Heading: Int, CaseIterable, Sendable {
  case north = 0, east, south, west

  /// Column change of one step forward.
  public var dx: Int { [0, 1, 0, -1][rawValue] }
  /// Row change of one step forward (rows grow southwards).
  public var dy: Int { [-1, 0, 1, 0][rawValue] }

  /// The heading after a 90° turn to the left (counter-clockwise seen from above).
  public var left: Heading { Heading(rawValue: (rawValue + 3) & 3)! }
  /// The heading after a 90° turn to the right.
  public var right: Heading { Heading(rawValue: (rawValue + 1) & 3)! }

  /// The heading as an angle in radians, clockwise from north (compass bearing).
  public var bearing: Double { Double(rawValue) * Double.pi / 2 }

  /// The lowercase name used in files and JSON ("north", ...).
  public var name: String { ["north", "east", "south", "west"][rawValue] }
}

/// The agent's four actions, numbered as policies emit them.
public enum Action: Int, CaseIterable, Sendable {
  case stop = 0, forward, left, right

  /// The lowercase name used in files and JSON.
  public var name: String { ["stop", "forward", "left", "right"][rawValue] }
}

/// Where the agent stands and which way it faces.
public struct Pose: Hashable, Sendable {
  public var cell: GridPoint
  public var heading: Heading

  public init(cell: GridPoint, heading: Heading) {
    self.cell = cell
    self.heading = heading
  }
}
