/// What stands in one cell of the grid.
public enum Tile: Hashable, Sendable {
  case floor
  /// Floor drawn as a door frame.
  case doorway
  /// A wall; `material` indexes `World.materials`.
  case wall(material: Int)

  /// Whether an agent or a sound source can stand here.
  public var isOpen: Bool {
    if case .wall = self { return false }
    return true
  }
}

/// A grid world: square cells, walls, an optional agent start and named spawn points.
///
/// Everything outside the grid counts as wall.
public struct World: Sendable {
  /// Human-readable name from the map header.
  public var name: String
  /// Side of one cell in metres.
  public var cellSize: Double
  /// Number of columns.
  public let width: Int
  /// Number of rows.
  public let height: Int
  /// Row-major tiles, `width × height`.
  public private(set) var tiles: [Tile]
  /// Wall materials; `Tile.wall(material:)` indexes this. Index 0 is `plain`.
  public var materials: [Material]
  /// The agent's start from the map's arrow, if it has one.
  public var agentStart: Pose?
  /// Spawn points for sound sources, by digit.
  public var spawnPoints: [Int: GridPoint]
  /// Row-major: whether each cell is open floor (cached from `tiles`).
  public private(set) var openCells: [Bool]

  /// A world of `width × height` cells, all wall.
  public init(name: String, width: Int, height: Int, cellSize: Double = 1) {
    precondition(width > 0 && height > 0, "a world needs at least one cell")
    self.name = name
    self.cellSize = cellSize
    self.width = width
    self.height = height
    self.tiles = Array(repeating: .wall(material: 0), count: width * height)
    self.openCells = Array(repeating: false, count: width * height)
    self.materials = [.plain]
    self.agentStart = nil
    self.spawnPoints = [:]
  }

  /// Whether `cell` lies on the grid.
  @inlinable
  public func contains(_ cell: GridPoint) -> Bool {
    cell.column >= 0 && cell.row >= 0 && cell.column < width && cell.row < height
  }

  /// The row-major index of a cell on the grid.
  @inlinable
  public func index(of cell: GridPoint) -> Int { cell.row * width + cell.column }

  /// The cell at a row-major index.
  @inlinable
  public func cell(at index: Int) -> GridPoint {
    GridPoint(column: index % width, row: index / width)
  }

  /// The tile at `cell`; wall outside the grid.
  public subscript(cell: GridPoint) -> Tile {
    get { contains(cell) ? tiles[index(of: cell)] : .wall(material: 0) }
    set {
      precondition(contains(cell), "cell \(cell) is outside the grid")
      tiles[index(of: cell)] = newValue
      openCells[index(of: cell)] = newValue.isOpen
    }
  }

  /// Whether `cell` is open floor (false outside the grid).
  @inlinable
  public func isOpen(_ cell: GridPoint) -> Bool {
    contains(cell) && openCells[index(of: cell)]
  }

  /// The number of open cells.
  public var openCellCount: Int { openCells.lazy.filter { $0 }.count }
}
