import EarshotWorld

/// Whether sound (or sight) passes in a straight line between two cell centres.
enum LineOfSight {
  /// True when every cell the segment between the centres of `a` and `b` touches is open.
  ///
  /// The segment walks cell by cell (a supercover line). Where it passes exactly through
  /// a corner, both cells beside the corner must be open, the same rule that lets a path
  /// step diagonally.
  ///
  /// - Parameter open: Row-major, `width × height`; outside the grid counts as closed.
  /// - Complexity: O(|Δcolumn| + |Δrow|).
  static func clear(
    _ a: GridPoint, _ b: GridPoint, open: UnsafeBufferPointer<Bool>, width: Int, height: Int
  ) -> Bool {
    @inline(__always) func isOpen(_ x: Int, _ y: Int) -> Bool {
      x >= 0 && y >= 0 && x < width && y < height && open[y * width + x]
    }
    let dx = b.column - a.column, dy = b.row - a.row
    let nx = abs(dx), ny = abs(dy)
    let sx = dx > 0 ? 1 : -1, sy = dy > 0 ? 1 : -1
    var x = a.column, y = a.row, ix = 0, iy = 0
    while ix < nx || iy < ny {
      // Which cell border the segment crosses next: compare (ix + ½) / nx with (iy + ½) / ny.
      let decision = (1 + 2 * ix) * ny - (1 + 2 * iy) * nx
      if decision == 0 {
        if !isOpen(x + sx, y) || !isOpen(x, y + sy) { return false }
        x += sx
        y += sy
        ix += 1
        iy += 1
      } else if decision < 0 {
        x += sx
        ix += 1
      } else {
        y += sy
        iy += 1
      }
      if !isOpen(x, y) { return false }
    }
    return true
  }
}
