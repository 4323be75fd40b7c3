import EarshotWorld

/// The raycasting itself: one column of wall, floor and ceiling, lintels, then sprites.
extension FirstPersonRenderer {
  /// One step of a ray's walk through the grid.
  struct Walk {
    var mapX: Int, mapY: Int
    let stepX: Int, stepY: Int
    var sideX: Float, sideY: Float
    let deltaX: Float, deltaY: Float
    /// Perpendicular distance, in cells, at which the ray entered the current cell.
    var distance: Float = 0
    /// 0 when the last step crossed a vertical grid line (an east or west face).
    var side = 0

    init(cellX: Int, cellY: Int, rayX: Float, rayY: Float) {
      mapX = cellX
      mapY = cellY
      stepX = rayX < 0 ? -1 : 1
      stepY = rayY < 0 ? -1 : 1
      deltaX = rayX == 0 ? .infinity : abs(1 / rayX)
      deltaY = rayY == 0 ? .infinity : abs(1 / rayY)
      // The camera stands at the centre of its cell: half a cell from every edge.
      sideX = deltaX / 2
      sideY = deltaY / 2
    }

    @inline(__always)
    mutating func advance() {
      if sideX < sideY {
        distance = sideX
        sideX += deltaX
        mapX += stepX
        side = 0
      } else {
        distance = sideY
        sideY += deltaY
        mapY += stepY
        side = 1
      }
    }
  }

  /// The smallest integer not below `x`, without a call into libm.
  @inline(__always)
  static func ceilInt(_ x: Float) -> Int {
    let i = Int(x)
    return Float(i) < x ? i + 1 : i
  }

  /// Draws the wall (and any lintels) of column `x` over the background already there.
  ///
  /// Columns must be drawn right to left, after the background: each wall pixel is one
  /// 4-byte store that also rewrites the blue byte of the pixel to its left with the
  /// background's, which that pixel's own column, drawn later, overwrites if it shows
  /// anything else. Half the stores of writing bytes one by one.
  ///
  /// - Parameter shaded: scratch for one shaded texture column, `side` words, each
  ///   holding the bytes (0, red, green, blue) in memory order.
  @inline(__always)
  func drawColumn(
    _ x: Int, _ cell: GridPoint, _ dirX: Float, _ dirY: Float,
    _ rgb: UnsafeMutablePointer<UInt8>, _ depth: UnsafeMutablePointer<Float>,
    _ shaded: UnsafeMutablePointer<UInt32>
  ) {
    let width = settings.width, height = settings.height
    let lateral = rayLateral[x]
    let rayX = dirX - dirY * lateral, rayY = dirY + dirX * lateral
    var walk = Walk(cellX: cell.column + 1, cellY: cell.row + 1, rayX: rayX, rayY: rayY)
    let startCode = cells[walk.mapY * paddedWidth + walk.mapX]
    var sawDoorway = startCode == 1
    var code: UInt8 = 0
    while true {
      walk.advance()
      code = cells[walk.mapY * paddedWidth + walk.mapX]
      if code >= 2 { break }
      if code == 1 { sawDoorway = true }
    }

    // Which texture slot and column the wall shows.
    let dist = walk.distance
    let hit = walk.side == 0 ? Float(cell.row) + 0.5 + dist * rayY
      : Float(cell.column) + 0.5 + dist * rayX
    let fraction = hit - Float(Int(hit))
    var slot = Int(code) - 2
    let behindX = walk.mapX - (walk.side == 0 ? walk.stepX : 0)
    let behindY = walk.mapY - (walk.side == 1 ? walk.stepY : 0)
    if cells[behindY * paddedWidth + behindX] == 1 {
      slot = frameSlot
    } else {
      let before = walk.side == 0
        ? cells[(walk.mapY - 1) * paddedWidth + walk.mapX]
        : cells[walk.mapY * paddedWidth + walk.mapX - 1]
      let after = walk.side == 0
        ? cells[(walk.mapY + 1) * paddedWidth + walk.mapX]
        : cells[walk.mapY * paddedWidth + walk.mapX + 1]
      if (before == 1 && fraction < 0.125) || (after == 1 && fraction > 0.875) { slot = frameSlot }
    }
    let side = TextureSet.side
    var u = max(0, min(side - 1, Int(fraction * Float(side))))
    // Flip so that textures read left to right whichever way the face looks.
    if (walk.side == 0 && rayX > 0) || (walk.side == 1 && rayY < 0) { u = side - 1 - u }

    // Shade the texture column once; the rows below then only copy bytes.
    var shade = FirstPersonRenderer.shade(dist)
    if walk.side == 0 { shade = (shade &* 204) &>> 8 }
    // Eight bytes at a time: even and odd bytes in separate 16-bit lanes, where a
    // byte times a shade of at most 256 cannot carry into the next lane.
    let column = UnsafeRawPointer(wallTexels + ((slot &* side &+ u) &* side) &* 4)
    let lanes: UInt64 = 0x00ff_00ff_00ff_00ff
    let factor = UInt64(truncatingIfNeeded: shade)
    let out = UnsafeMutableRawPointer(shaded)
    for k in 0..<(side / 2) {
      let w = column.loadUnaligned(fromByteOffset: k &* 8, as: UInt64.self)
      let even = (((w & lanes) &* factor) &>> 8) & lanes
      let odd = (((w &>> 8) & lanes) &* factor) & ~lanes
      out.storeBytes(of: even | odd, toByteOffset: k &* 8, as: UInt64.self)
    }

    // The wall's rows; ceiling and floor are already in place.
    let focal = Float(focalLength), half = Float(height) / 2
    let lineHeight = focal / dist
    let top = half - lineHeight / 2
    let wallStart = max(0, min(height, FirstPersonRenderer.ceilInt(top - 0.5)))
    let wallEnd = max(wallStart, min(height, FirstPersonRenderer.ceilInt(top + lineHeight - 0.5)))
    let wallDepth = dist * cellSize
    let stride = width &* 3
    var pixel = rgb + (wallStart &* width &+ x) &* 3
    var depthPixel = depth + (wallStart &* width &+ x)
    let vStep = Int(Float(side) / lineHeight * 65536)
    var v = Int((Float(wallStart) + 0.5 - top) * Float(side) / lineHeight * 65536)
    if x == 0 {
      // Nothing lies to the left of the first pixel of a row but the previous row.
      for _ in wallStart..<wallEnd {
        let word = UInt32(littleEndian: shaded[min(side - 1, v &>> 16)])
        pixel[0] = UInt8(truncatingIfNeeded: word &>> 8)
        pixel[1] = UInt8(truncatingIfNeeded: word &>> 16)
        pixel[2] = UInt8(truncatingIfNeeded: word &>> 24)
        depthPixel.pointee = wallDepth
        v &+= vStep
        pixel += stride
        depthPixel += width
      }
    } else {
      // v never passes the last texel: both it and its step are rounded down.
      var raw = UnsafeMutableRawPointer(pixel - 1)
      var blue = backgroundBlue + wallStart
      for _ in wallStart..<wallEnd {
        let word = UInt32(littleEndian: shaded[v &>> 16]) | UInt32(blue.pointee)
        raw.storeBytes(of: word.littleEndian, as: UInt32.self)
        depthPixel.pointee = wallDepth
        v &+= vStep
        raw += stride
        depthPixel += width
        blue += 1
      }
    }

    if sawDoorway { drawLintels(x, cell, rayX, rayY, startsInDoorway: startCode == 1, rgb, depth) }
  }

  /// Walks the ray again and draws the lintel of every doorway it crosses, near to far;
  /// a farther lintel only fills rows below the nearer ones, which hide the rest of it.
  func drawLintels(
    _ x: Int, _ cell: GridPoint, _ rayX: Float, _ rayY: Float, startsInDoorway: Bool,
    _ rgb: UnsafeMutablePointer<UInt8>, _ depth: UnsafeMutablePointer<Float>
  ) {
    var walk = Walk(cellX: cell.column + 1, cellY: cell.row + 1, rayX: rayX, rayY: rayY)
    var enter: Float? = startsInDoorway ? 0 : nil
    var clip = 0
    while true {
      walk.advance()
      if let e = enter {
        clip = drawLintel(x, enter: e, exit: walk.distance, clip: clip, rgb, depth)
        enter = nil
      }
      let code = cells[walk.mapY * paddedWidth + walk.mapX]
      if code >= 2 { return }
      if code == 1 { enter = walk.distance }
    }
  }

  /// Draws one lintel spanning perpendicular distances `enter...exit` (cells) in column
  /// `x`, below row `clip`; returns the new clip row.
  func drawLintel(
    _ x: Int, enter: Float, exit: Float, clip: Int,
    _ rgb: UnsafeMutablePointer<UInt8>, _ depth: UnsafeMutablePointer<Float>
  ) -> Int {
    let height = settings.height, width = settings.width
    let focal = Float(focalLength), half = Float(height) / 2
    let drop = Float(FirstPersonRenderer.lintelHeight) - 0.5
    func row(_ edge: Float) -> Int {
      max(0, min(height, FirstPersonRenderer.ceilInt(edge - 0.5)))
    }

    // The front face, seen only when the camera is outside the doorway.
    let faceTop = enter > 0 ? row(half - focal * 0.5 / enter) : 0
    let faceBottom = enter > 0 ? row(half - focal * drop / enter) : 0
    let undersideBottom = row(half - focal * drop / exit)
    let colour = Palette.doorFrame
    let faceShade = FirstPersonRenderer.shade(enter)
    for y in max(clip, faceTop)..<max(clip, undersideBottom) {
      let onFace = y < faceBottom
      var distance = onFace ? enter : undersideDistance[y]
      var shade = onFace ? faceShade : undersideShade[y]
      if !onFace && (distance < enter || distance > exit) {
        // Rows at the lintel's edges, where a pixel straddles the face and the underside.
        distance = min(exit, max(enter, distance))
        shade = (FirstPersonRenderer.shade(distance) &* 180) &>> 8
      }
      let i = y * width + x
      rgb[3 * i] = UInt8((Int(colour.red) * shade) >> 8)
      rgb[3 * i + 1] = UInt8((Int(colour.green) * shade) >> 8)
      rgb[3 * i + 2] = UInt8((Int(colour.blue) * shade) >> 8)
      depth[i] = distance * cellSize
    }
    return max(clip, undersideBottom)
  }

  /// Draws a source's sprite where it is nearer than what the depth map holds.
  func drawSprite(
    _ look: SourceLook, at source: GridPoint, _ cell: GridPoint, _ dirX: Float, _ dirY: Float,
    _ rgb: UnsafeMutablePointer<UInt8>, _ depth: UnsafeMutablePointer<Float>
  ) {
    let rx = Float(source.column - cell.column), ry = Float(source.row - cell.row)
    let ahead = rx * dirX + ry * dirY
    let across = rx * -dirY + ry * dirX
    guard ahead > 0.1 else { return }

    let width = settings.width, height = settings.height
    let focal = Float(focalLength)
    let size = focal * Float(FirstPersonRenderer.spriteSize) / ahead
    let left = Float(width) / 2 + focal * across / ahead - size / 2
    let top = Float(height) / 2 - size / 2
    func first(_ edge: Float, _ limit: Int) -> Int {
      max(0, min(limit, FirstPersonRenderer.ceilInt(edge - 0.5)))
    }
    let x0 = first(left, width), x1 = first(left + size, width)
    let y0 = first(top, height), y1 = first(top + size, height)
    guard x0 < x1, y0 < y1 else { return }

    let spriteDepth = ahead * cellSize
    let shade = FirstPersonRenderer.shade(ahead)
    let side = SourceLook.side
    let scale = Float(side) / size
    look.texels.withUnsafeBufferPointer { texels in
      look.mask.withUnsafeBufferPointer { mask in
        for y in y0..<y1 {
          let v = min(side - 1, Int((Float(y) + 0.5 - top) * scale))
          for x in x0..<x1 {
            let u = min(side - 1, Int((Float(x) + 0.5 - left) * scale))
            let i = y * width + x
            guard mask[v * side + u], spriteDepth < depth[i] else { continue }
            let t = (v * side + u) * 3
            rgb[3 * i] = UInt8((Int(texels[t]) * shade) >> 8)
            rgb[3 * i + 1] = UInt8((Int(texels[t + 1]) * shade) >> 8)
            rgb[3 * i + 2] = UInt8((Int(texels[t + 2]) * shade) >> 8)
            depth[i] = spriteDepth
          }
        }
      }
    }
  }
}
