/// Shortest-path distances over open cells, by breadth-first search.
public enum DistanceField {
  /// Cells unreachable from the origins.
  public static let unreachable: Int32 = -1

  /// Distances in cells (4-connected) from `origins` through cells where `passable` is true.
  ///
  /// Origins get 0 whether or not they are passable themselves (a sound
  /// source blocks movement, yet distances are measured from it).
  ///
  /// - Parameters:
  ///   - passable: Row-major, `width × height`.
  /// - Returns: Row-major distances, `unreachable` where no path exists.
  /// - Complexity: O(width × height).
  public static func distances(
    from origins: [Int], passable: [Bool], width: Int, height: Int
  ) -> [Int32] {
    var distance = Array(repeating: unreachable, count: width * height)
    var queue = [Int]()
    queue.reserveCapacity(width * height)
    for o in origins where distance[o] == unreachable {
      distance[o] = 0
      queue.append(o)
    }
    var head = 0
    while head < queue.count {
      let i = queue[head]
      head += 1
      let x = i % width, y = i / width, next = distance[i] + 1
      if x > 0 { visit(i - 1) }
      if x + 1 < width { visit(i + 1) }
      if y > 0 { visit(i - width) }
      if y + 1 < height { visit(i + width) }
      func visit(_ j: Int) {
        if passable[j] && distance[j] == unreachable {
          distance[j] = next
          queue.append(j)
        }
      }
    }
    return distance
  }
}
