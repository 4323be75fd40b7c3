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

  @inline(__always)
  func drawColumn(
    _ x: Int, _ cell: GridPoint, _ dirX: Float, _ dirY: Float,
    _ rgb: UnsafeMutablePointer<UInt8>, _ depth: UnsafeMutablePointer<Float>
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
    let fraction = hit - hit.rounded(.down)
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
    var u = min(side - 1, Int(fraction * Float(side)))
    // Flip so that textures read left to right whichever way the face looks.
    if (walk.side == 0 && rayX > 0) || (walk.side == 1 && rayY < 0) { u = side - 1 - u }
    let texels = wallTexels + ((slot * side + u) * side) * 3

    // Rows: ceiling, wall, floor.
    let focal = Float(focalLength), half = Float(height) / 2
    let lineHeight = focal / dist
    let top = half - lineHeight / 2
    let wallStart = max(0, min(height, Int((top - 0.5).rounded(.up))))
    let wallEnd = max(wallStart, min(height, Int((top + lineHeight - 0.5).rounded(.up))))
    var shade = FirstPersonRenderer.shade(dist)
    if walk.side == 0 { shade = (shade * 204) >> 8 }
    let wallDepth = dist * Float(world.cellSize)
    let stride = width * 3
    var pixel = rgb + x * 3
    var depthPixel = depth + x
    for y in 0..<wallStart {
      pixel[0] = backgroundColour[3 * y]
      pixel[1] = backgroundColour[3 * y + 1]
      pixel[2] = backgroundColour[3 * y + 2]
      depthPixel.pointee = backgroundDepth[y]
      pixel += stride
      depthPixel += width
    }
    let vStep = Int(Float(side) / lineHeight * 65536)
    var v = Int((Float(wallStart) + 0.5 - top) * Float(side) / lineHeight * 65536)
    for _ in wallStart..<wallEnd {
      let t = texels + min(side - 1, v >> 16) * 3
      pixel[0] = UInt8(truncatingIfNeeded: (Int(t[0]) * shade) >> 8)
      pixel[1] = UInt8(truncatingIfNeeded: (Int(t[1]) * shade) >> 8)
      pixel[2] = UInt8(truncatingIfNeeded: (Int(t[2]) * shade) >> 8)
      depthPixel.pointee = wallDepth
      v += vStep
      pixel += stride
      depthPixel += width
    }
    for y in wallEnd..<height {
      pixel[0] = backgroundColour[3 * y]
      pixel[1] = backgroundColour[3 * y + 1]
      pixel[2] = backgroundColour[3 * y + 2]
      depthPixel.pointee = backgroundDepth[y]
      pixel += stride
      depthPixel += width
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
    let cellSize = Float(world.cellSize)
    func row(_ edge: Float) -> Int { max(0, min(height, Int((edge - 0.5).rounded(.up)))) }

    // The front face, seen only when the camera is outside the doorway.
    let faceTop = enter > 0 ? row(half - focal * 0.5 / enter) : 0
    let faceBottom = enter > 0 ? row(half - focal * drop / enter) : 0
    let undersideBottom = row(half - focal * drop / exit)
    let colour = Palette.doorFrame
    for y in max(clip, faceTop)..<max(clip, undersideBottom) {
      let onFace = y < faceBottom
      let rise = half - (Float(y) + 0.5)
      let distance = onFace ? enter : min(exit, max(enter, focal * drop / max(rise, 1e-3)))
      let shade = (FirstPersonRenderer.shade(distance) * (onFace ? 256 : 180)) >> 8
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
      max(0, min(limit, Int((edge - 0.5).rounded(.up))))
    }
    let x0 = first(left, width), x1 = first(left + size, width)
    let y0 = first(top, height), y1 = first(top + size, height)
    guard x0 < x1, y0 < y1 else { return }

    let spriteDepth = ahead * Float(world.cellSize)
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
