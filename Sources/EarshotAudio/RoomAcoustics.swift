import EarshotWorld
import Foundation

/// The reverberation of the room around a listening cell, by Sabine's formula.
///
/// The room is the floor the listener can see within `AudioSettings.roomRadius` cells,
/// doorway tiles counting as closed (a doorway is the room's edge, not a window onto the
/// next room); its floor area times the ceiling height is the volume V. Every face of a seen
/// cell that borders a wall adds wall area with that material's absorption; a face that
/// borders a doorway or open floor out of sight (within the radius) is an opening and
/// absorbs everything; floor and ceiling absorb `floorAbsorption`. Faces at the radius's
/// edge count for nothing, so a hall larger than the radius rings longer than the radius
/// alone would say. With A the total absorption area (m² sabins) and S the total surface,
///
/// ```
/// RT60 = 0.161 V / A               (seconds)
/// R    = A / (1 − A / S)           (room constant, m²)
/// wet  = √(16π / R)                (reverberant amplitude over the direct one at 1 m)
/// ```
struct RoomEstimate: Hashable {
  /// Time for the reverberation to fall 60 dB, in seconds.
  var reverberationTime: Double
  /// Diffuse-field amplitude relative to the direct sound at 1 m.
  var diffuseLevel: Double

  /// Row-major, `width × height`: the cells a room is made of (floor, not doorways).
  static func floorMask(_ world: World) -> [Bool] {
    world.tiles.map { $0 == .floor }
  }

  /// The estimate for a listener in `cell`.
  ///
  /// - Parameter floor: `floorMask(world)`, computed once per world.
  /// - Complexity: O(r³) for radius r in cells.
  init(world: World, floor: [Bool], cell: GridPoint, settings: AudioSettings) {
    let radius = settings.roomRadius
    let size = world.cellSize, height = settings.ceilingHeight
    var seen = Set<Int>()
    var floor = floor
    // A listener standing in a doorway sees from it.
    if world.isOpen(cell) { floor[world.index(of: cell)] = true }
    floor.withUnsafeBufferPointer { open in
      for dy in -radius...radius {
        for dx in -radius...radius where dx * dx + dy * dy <= radius * radius {
          let c = GridPoint(column: cell.column + dx, row: cell.row + dy)
          guard world.contains(c), open[world.index(of: c)],
            LineOfSight.clear(cell, c, open: open, width: world.width, height: world.height)
          else { continue }
          seen.insert(world.index(of: c))
        }
      }
    }

    var wallArea = 0.0, wallAbsorption = 0.0, openings = 0.0
    for index in seen {
      let c = world.cell(at: index)
      for heading in Heading.allCases {
        let next = c.moved(heading)
        switch world[next] {
        case .wall(let material):
          wallArea += size * height
          wallAbsorption += size * height * world.materials[material].absorption
        case .floor, .doorway:
          // Open floor out of sight within the radius is an opening (a doorway, the far
          // side of a pillar); beyond the radius the room is only cut off, not open.
          let dx = next.column - cell.column, dy = next.row - cell.row
          if dx * dx + dy * dy <= radius * radius && !seen.contains(world.index(of: next)) {
            openings += size * height
          }
        }
      }
    }
    let floorArea = max(Double(seen.count), 1) * size * size
    let volume = floorArea * height
    let surface = wallArea + openings + 2 * floorArea
    let absorption = wallAbsorption + openings + 2 * floorArea * settings.floorAbsorption
    let meanAbsorption = min(0.99, absorption / surface)
    reverberationTime = min(3, max(0.05, 0.161 * volume / absorption))
    let roomConstant = absorption / (1 - meanAbsorption)
    diffuseLevel = (16 * Double.pi / roomConstant).squareRoot()
  }
}
