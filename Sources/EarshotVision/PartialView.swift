import EarshotWorld

/// The top-down, egocentric window of cells in front of the agent, as in MiniGrid.
///
/// The window is `size × size` cells, turned with the agent: the agent stands in the
/// middle of the bottom row and faces up (row 0 is farthest ahead, column 0 is on the
/// agent's left). A cell is seen when a straight line from the centre of the agent's
/// cell reaches the cell's centre or one of its corners (inset by 0.05 cell) without
/// crossing a wall; walls are seen, and hide what is behind them. Sources do not block
/// sight. Cells outside the grid are walls.
///
/// `cells` holds three bytes a cell, row-major:
///
/// | channel | meaning |
/// | --- | --- |
/// | 0 | `Kind` raw value: 0 unseen, 1 floor, 2 wall, 3 doorway, 4 source, 5 agent |
/// | 1 | walls: index of the material in `Material.names`; otherwise 0 |
/// | 2 | sources: `SourceLook.code` of the class, 1–255; otherwise 0 |
public struct PartialView: Sendable {
  /// What a cell of the window holds.
  public enum Kind: UInt8, Sendable {
    case unseen = 0, floor, wall, doorway, source, agent
  }

  /// The largest side accepted, in cells.
  public static let maximumSize = 63

  /// Side of the window, in cells (odd).
  public let size: Int
  /// `size × size × 3` bytes, row-major, row 0 farthest ahead; see the table above.
  public private(set) var cells: [UInt8]
  /// Sound class names by window index (`row × size + column`), for drawing sources.
  public private(set) var sourceClasses: [Int: String]

  /// The window seen from `pose` in `world`.
  ///
  /// - Parameters:
  ///   - sources: sound sources; each is shown in its cell when that cell is seen.
  ///   - size: side in cells, odd, 1...`maximumSize`; MiniGrid's default is 7.
  /// - Throws: `VisionError.badViewSize`.
  /// - Complexity: O(size³): one line of sight per cell and sample point.
  public init(world: World, pose: Pose, sources: [PlacedSource], size: Int = 7) throws {
    guard size % 2 == 1, (1...PartialView.maximumSize).contains(size) else {
      throw VisionError.badViewSize(size)
    }
    self.size = size
    cells = [UInt8](repeating: 0, count: size * size * 3)
    sourceClasses = [:]

    var sourceAt = [GridPoint: String]()
    for source in sources { sourceAt[source.cell] = source.spec.sound }
    for row in 0..<size {
      for column in 0..<size {
        let i = row * size + column
        let cell = PartialView.worldCell(column: column, row: row, size: size, pose: pose)
        if row == size - 1 && column == size / 2 {
          cells[3 * i] = Kind.agent.rawValue
          continue
        }
        guard PartialView.isVisible(cell, from: pose.cell, in: world) else { continue }
        switch world[cell] {
        case .wall(let material):
          cells[3 * i] = Kind.wall.rawValue
          let name = world.materials[material].name
          cells[3 * i + 1] = UInt8(Material.names.firstIndex(of: name) ?? 0)
        case .doorway:
          cells[3 * i] = Kind.doorway.rawValue
        case .floor:
          cells[3 * i] = Kind.floor.rawValue
        }
        if let sound = sourceAt[cell] {
          cells[3 * i] = Kind.source.rawValue
          cells[3 * i + 2] = SourceLook.code(soundClass: sound)
          sourceClasses[i] = sound
        }
      }
    }
  }

  /// What the window shows at `column`, `row`.
  public func kind(column: Int, row: Int) -> Kind {
    Kind(rawValue: cells[(row * size + column) * 3])!
  }

  /// The world cell under window cell `column`, `row` for an agent at `pose`.
  public static func worldCell(column: Int, row: Int, size: Int, pose: Pose) -> GridPoint {
    let ahead = size - 1 - row, right = column - size / 2
    let dx = pose.heading.dx, dy = pose.heading.dy
    return GridPoint(
      column: pose.cell.column + ahead * dx - right * dy,
      row: pose.cell.row + ahead * dy + right * dx)
  }

  /// Whether `target` can be seen from the centre of `eye`.
  static func isVisible(_ target: GridPoint, from eye: GridPoint, in world: World) -> Bool {
    let samples: [(Double, Double)] = [
      (0.5, 0.5), (0.05, 0.05), (0.95, 0.05), (0.05, 0.95), (0.95, 0.95),
    ]
    return samples.contains { sample in
      lineIsClear(
        from: (Double(eye.column) + 0.5, Double(eye.row) + 0.5),
        to: (Double(target.column) + sample.0, Double(target.row) + sample.1),
        target: target, in: world)
    }
  }

  /// Walks the grid cells a segment crosses (DDA); clear when no wall lies strictly
  /// between its start cell and `target`.
  static func lineIsClear(
    from start: (Double, Double), to end: (Double, Double), target: GridPoint, in world: World
  ) -> Bool {
    let rayX = end.0 - start.0, rayY = end.1 - start.1
    var x = Int(start.0.rounded(.down)), y = Int(start.1.rounded(.down))
    let stepX = rayX < 0 ? -1 : 1, stepY = rayY < 0 ? -1 : 1
    let deltaX = rayX == 0 ? Double.infinity : abs(1 / rayX)
    let deltaY = rayY == 0 ? Double.infinity : abs(1 / rayY)
    var sideX = rayX == 0 ? .infinity
      : (rayX < 0 ? start.0 - Double(x) : Double(x + 1) - start.0) * deltaX
    var sideY = rayY == 0 ? .infinity
      : (rayY < 0 ? start.1 - Double(y) : Double(y + 1) - start.1) * deltaY
    while !(x == target.column && y == target.row) {
      if sideX < sideY {
        sideX += deltaX
        x += stepX
      } else {
        sideY += deltaY
        y += stepY
      }
      if x == target.column && y == target.row { return true }
      if !world.isOpen(GridPoint(column: x, row: y)) { return false }
      // The segment ends inside the target; a walk far past its end has gone astray.
      if min(sideX, sideY) > 2 { return false }
    }
    return true
  }
}
