/// Builds worlds of rectangular rooms joined by doorways, by binary space partition.
///
/// The outer border is wall. The interior is split, largest room first, by
/// wall lines with one doorway each, so every room is reachable. The agent
/// starts in the first room; spawn points 1, 2, ... sit in the middle of the others.
public struct RoomsGenerator: Sendable {
  public var width: Int
  public var height: Int
  public var rooms: Int
  public var seed: UInt64

  /// The smallest interior side of a room, in cells.
  public static let minimumRoomSide = 3

  public init(width: Int, height: Int, rooms: Int, seed: UInt64) {
    self.width = width
    self.height = height
    self.rooms = rooms
    self.seed = seed
  }

  private struct Room { var x0, y0, x1, y1: Int  // inclusive interior bounds
    var area: Int { (x1 - x0 + 1) * (y1 - y0 + 1) }
    var centre: GridPoint { GridPoint(column: (x0 + x1) / 2, row: (y0 + y1) / 2) }
  }

  /// The generated world; the same seed gives the same world.
  ///
  /// - Complexity: O(width × height × rooms).
  public func generate(name: String = "rooms") -> World {
    var world = World(name: name, width: width, height: height)
    var rng = SplitMix64(seed: seed, stream: 0x524F_4F4D)
    var parts = [Room(x0: 1, y0: 1, x1: width - 2, y1: height - 2)]
    for y in 1..<(height - 1) {
      for x in 1..<(width - 1) { world[GridPoint(column: x, row: y)] = .floor }
    }

    let side = RoomsGenerator.minimumRoomSide
    while parts.count < rooms {
      // Split the largest room that can still hold two rooms.
      let order = parts.indices.sorted { parts[$0].area > parts[$1].area }
      var didSplit = false
      for i in order {
        let room = parts[i]
        let w = room.x1 - room.x0 + 1, h = room.y1 - room.y0 + 1
        let vertical = w > h || (w == h && rng.uniform(below: 2) == 0)
        let span = vertical ? w : h
        guard span >= 2 * side + 1 else { continue }
        // Wall positions that keep both halves wide enough and block no doorway.
        let candidates = (side...(span - side - 1)).filter { offset in
          let ends: [GridPoint] = vertical
            ? [GridPoint(column: room.x0 + offset, row: room.y0 - 1),
               GridPoint(column: room.x0 + offset, row: room.y1 + 1)]
            : [GridPoint(column: room.x0 - 1, row: room.y0 + offset),
               GridPoint(column: room.x1 + 1, row: room.y0 + offset)]
          return ends.allSatisfy { world[$0] != .doorway }
        }
        guard !candidates.isEmpty else { continue }
        let offset = candidates[rng.uniform(below: candidates.count)]
        let length = vertical ? h : w
        let door = rng.uniform(below: length)
        for k in 0..<length {
          let cell = vertical
            ? GridPoint(column: room.x0 + offset, row: room.y0 + k)
            : GridPoint(column: room.x0 + k, row: room.y0 + offset)
          world[cell] = k == door ? .doorway : .wall(material: 0)
        }
        if vertical {
          parts[i] = Room(x0: room.x0, y0: room.y0, x1: room.x0 + offset - 1, y1: room.y1)
          parts.append(Room(x0: room.x0 + offset + 1, y0: room.y0, x1: room.x1, y1: room.y1))
        } else {
          parts[i] = Room(x0: room.x0, y0: room.y0, x1: room.x1, y1: room.y0 + offset - 1)
          parts.append(Room(x0: room.x0, y0: room.y0 + offset + 1, x1: room.x1, y1: room.y1))
        }
        didSplit = true
        break
      }
      if !didSplit { break }
    }

    parts.sort { ($0.y0, $0.x0) < ($1.y0, $1.x0) }
    world.agentStart = Pose(cell: parts[0].centre, heading: .east)
    for (k, room) in parts.dropFirst().prefix(9).enumerated() {
      world.spawnPoints[k + 1] = room.centre
    }
    return world
  }
}
