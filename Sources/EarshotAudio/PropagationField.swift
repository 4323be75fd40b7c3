import EarshotWorld
import Foundation

/// Shortest open paths from one sound source to every cell, for one episode.
///
/// Dijkstra's algorithm over open cells, 8-connected: a straight step costs 1 cell, a
/// diagonal step √2 cells and is allowed only where both cells beside it are open, so
/// sound never squeezes between walls that touch at a corner. Other sources do not
/// block sound. `route(to:)` then pulls the path taut (see `SoundRoute`): from the
/// listener, it walks along the path as far as the listener can still see, makes that
/// cell a corner, and repeats from there to the source. The taut length is the straight
/// distance when the source is in sight, and the direction to the first corner is where
/// the sound seems to come from: through the doorway, not through the wall.
// FIXME: walls are opaque: a source in a sealed room is silent, where a real one would be
// heard, muffled, through the wall. Transmission loss per material would fix it.
public final class PropagationField {
  /// The source's cell.
  public let source: GridPoint
  private let width: Int
  private let height: Int
  private let cellSize: Double
  private let open: [Bool]
  /// Path cost to the source in cells, `.infinity` where unreachable.
  private var cost: [Float]
  /// The next cell towards the source, −1 at the source and where unreachable.
  private var toward: [Int32]
  private var routes: [Int: SoundRoute?] = [:]

  /// Runs the search from `source` over the open cells of `world`.
  ///
  /// - Complexity: O(n log n) in the number of cells.
  public init(world: World, source: GridPoint) {
    self.source = source
    width = world.width
    height = world.height
    cellSize = world.cellSize
    open = world.openCells
    cost = Array(repeating: .infinity, count: width * height)
    toward = Array(repeating: -1, count: width * height)
    search()
  }

  /// The route from the source to a listener in `cell`, or nil if no open path joins them.
  ///
  /// Cached per cell, so a listener that stays put costs nothing.
  ///
  /// - Complexity: O(L²) for a path of L cells, the first time for each cell.
  public func route(to cell: GridPoint) -> SoundRoute? {
    guard cell.column >= 0, cell.row >= 0, cell.column < width, cell.row < height else {
      return nil
    }
    let index = cell.row * width + cell.column
    if let known = routes[index] { return known }
    let route = makeRoute(from: index)
    routes[index] = route
    return route
  }

  private func search() {
    let start = source.row * width + source.column
    guard open.indices.contains(start) else { return }
    var heap = CostHeap()
    cost[start] = 0
    heap.push(0, start)
    let diagonal = Float(2).squareRoot()
    while let (c, i) = heap.pop() {
      if c > cost[i] { continue }
      let x = i % width, y = i / width
      for dy in -1...1 {
        for dx in -1...1 where dx != 0 || dy != 0 {
          let nx = x + dx, ny = y + dy
          guard isOpen(nx, ny) else { continue }
          if dx != 0 && dy != 0 && !(isOpen(x + dx, y) && isOpen(x, y + dy)) { continue }
          let j = ny * width + nx
          let next = c + (dx != 0 && dy != 0 ? diagonal : 1)
          if next < cost[j] {
            cost[j] = next
            toward[j] = Int32(i)
            heap.push(next, j)
          }
        }
      }
    }
  }

  private func isOpen(_ x: Int, _ y: Int) -> Bool {
    x >= 0 && y >= 0 && x < width && y < height && open[y * width + x]
  }

  private func makeRoute(from listener: Int) -> SoundRoute? {
    guard cost[listener].isFinite else { return nil }
    var path = [GridPoint]()
    var i = listener
    while true {
      path.append(GridPoint(column: i % width, row: i / width))
      let next = Int(toward[i])
      if next < 0 { break }
      i = next
    }

    var corners = [path[0]]
    open.withUnsafeBufferPointer { open in
      var anchor = 0
      while anchor < path.count - 1 {
        var reach = anchor + 1
        while reach + 1 < path.count,
          LineOfSight.clear(path[anchor], path[reach + 1], open: open, width: width,
            height: height)
        {
          reach += 1
        }
        corners.append(path[reach])
        anchor = reach
      }
    }

    var length = 0.0
    for k in 1..<max(1, corners.count) {
      let dx = Double(corners[k].column - corners[k - 1].column)
      let dy = Double(corners[k].row - corners[k - 1].row)
      length += (dx * dx + dy * dy).squareRoot() * cellSize
    }
    var bearing = 0.0
    if corners.count > 1 {
      let east = Double(corners[1].column - corners[0].column)
      let south = Double(corners[1].row - corners[0].row)
      bearing = atan2(east, -south)
    }
    return SoundRoute(corners: corners, length: length, arrivalBearing: bearing)
  }
}

/// A binary min-heap of (cost, cell) pairs; ties break on the cell index, so the search
/// visits cells in the same order on every run.
struct CostHeap {
  private var items: [(Float, Int)] = []

  private static func less(_ a: (Float, Int), _ b: (Float, Int)) -> Bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
  }

  mutating func push(_ cost: Float, _ cell: Int) {
    items.append((cost, cell))
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard CostHeap.less(items[child], items[parent]) else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> (Float, Int)? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1, right = left + 1
        var smallest = parent
        if left < items.count && CostHeap.less(items[left], items[smallest]) { smallest = left }
        if right < items.count && CostHeap.less(items[right], items[smallest]) {
          smallest = right
        }
        if smallest == parent { break }
        items.swapAt(parent, smallest)
        parent = smallest
      }
    }
    return top
  }
}
