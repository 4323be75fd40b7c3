/// Builds perfect mazes (one path between any two cells) by randomized depth-first search.
///
/// Passages lie on odd rows and columns of a `width × height` grid (even
/// sizes lose their last row or column to wall). `loops` removes that
/// fraction of the remaining inner walls to make cycles. The agent starts
/// in the top-left corner facing east; spawn point 1 is the bottom-right corner.
public struct MazeGenerator: Sendable {
  public var width: Int
  public var height: Int
  public var seed: UInt64
  /// Fraction in [0, 1] of removable walls knocked out after carving.
  public var loops: Double

  public init(width: Int, height: Int, seed: UInt64, loops: Double = 0) {
    self.width = width
    self.height = height
    self.seed = seed
    self.loops = loops
  }

  /// The generated world; the same seed gives the same world.
  ///
  /// - Complexity: O(width × height).
  public func generate(name: String = "maze") -> World {
    var world = World(name: name, width: width, height: height)
    var rng = SplitMix64(seed: seed, stream: 0x4D41_5A45)
    let columns = (width - 1) / 2, rows = (height - 1) / 2
    func cell(_ i: Int, _ j: Int) -> GridPoint { GridPoint(column: 2 * i + 1, row: 2 * j + 1) }

    var visited = Array(repeating: false, count: columns * rows)
    var stack = [(0, 0)]
    visited[0] = true
    world[cell(0, 0)] = .floor
    while let (i, j) = stack.last {
      let options = [(0, -1), (1, 0), (0, 1), (-1, 0)].filter { d in
        let (a, b) = (i + d.0, j + d.1)
        return a >= 0 && b >= 0 && a < columns && b < rows && !visited[b * columns + a]
      }
      guard !options.isEmpty else { stack.removeLast(); continue }
      let (di, dj) = options[rng.uniform(below: options.count)]
      let (a, b) = (i + di, j + dj)
      visited[b * columns + a] = true
      world[GridPoint(column: 2 * i + 1 + di, row: 2 * j + 1 + dj)] = .floor
      world[cell(a, b)] = .floor
      stack.append((a, b))
    }

    if loops > 0 {
      for y in 1..<(height - 1) {
        for x in 1..<(width - 1) where (x + y) % 2 == 1 {
          let p = GridPoint(column: x, row: y)
          guard !world.isOpen(p), x < 2 * columns, y < 2 * rows else { continue }
          let joinsRow = world.isOpen(p.moved(.west)) && world.isOpen(p.moved(.east))
          let joinsColumn = world.isOpen(p.moved(.north)) && world.isOpen(p.moved(.south))
          if (joinsRow || joinsColumn) && rng.unitDouble() < loops { world[p] = .floor }
        }
      }
    }

    world.agentStart = Pose(cell: cell(0, 0), heading: .east)
    world.spawnPoints[1] = cell(columns - 1, rows - 1)
    return world
  }
}
