import EarshotMedia
import EarshotWorld

extension PartialView {
  /// The window drawn as a picture, `tileSize` pixels a cell, agent at the bottom centre.
  ///
  /// Unseen cells are black; floor dark grey with grid lines; walls in their material's
  /// flat colour (the average look of their texture); doorways as floor framed in the
  /// door-frame colour; sources as their sprite; the agent as a red triangle pointing up.
  ///
  /// - Parameter tileSize: pixels per cell side, 1...64.
  /// - Returns: an image of `size × tileSize` pixels a side.
  /// - Throws: `VisionError.badTileSize`.
  public func image(tileSize: Int = 8, textures: TextureSet = .flat) throws -> RGBImage {
    guard (1...64).contains(tileSize) else { throw VisionError.badTileSize(tileSize) }
    let side = size * tileSize
    var bytes = [UInt8](repeating: 0, count: side * side * 3)
    let floor: Palette.Colour = (72, 72, 72), line: Palette.Colour = (40, 40, 40)

    for row in 0..<size {
      for column in 0..<size {
        let i = row * size + column
        let kind = self.kind(column: column, row: row)
        let look = sourceClasses[i].map { SourceLook(soundClass: $0) }
        let wallName = Material.names[Int(cells[3 * i + 1])]
        for py in 0..<tileSize {
          for px in 0..<tileSize {
            let edge = px == 0 || py == 0
            let frame = min(px, py, tileSize - 1 - px, tileSize - 1 - py) < max(1, tileSize / 8)
            var colour: Palette.Colour
            switch kind {
            case .unseen: colour = (0, 0, 0)
            case .floor: colour = edge ? line : floor
            case .wall: colour = PartialView.averageColour(wallName, textures)
            case .doorway: colour = frame ? Palette.doorFrame : floor
            case .source:
              colour = edge ? line : floor
              let s = SourceLook.side
              let u = px * s / tileSize, v = py * s / tileSize
              if let look, look.mask[v * s + u] {
                let t = (v * s + u) * 3
                colour = (look.texels[t], look.texels[t + 1], look.texels[t + 2])
              }
            case .agent:
              colour = edge ? line : floor
              // A triangle pointing up (ahead), its base on the bottom of the tile.
              let dx = abs(2 * px + 1 - tileSize)
              let rise = py - tileSize / 8
              if rise >= 0, dx * 2 <= rise * 2 + 1 { colour = (220, 40, 40) }
            }
            let o = ((row * tileSize + py) * side + column * tileSize + px) * 3
            bytes[o] = colour.red
            bytes[o + 1] = colour.green
            bytes[o + 2] = colour.blue
          }
        }
      }
    }
    return RGBImage(width: side, height: side, bytes: bytes)
  }

  /// A material's mean texel, or its flat colour when it has no texture.
  static func averageColour(_ material: String, _ textures: TextureSet) -> Palette.Colour {
    guard let texture = textures.textures[material] else {
      return Palette.colour(ofMaterial: material)
    }
    var sums = (0, 0, 0)
    for i in stride(from: 0, to: texture.bytes.count, by: 3) {
      sums.0 += Int(texture.bytes[i])
      sums.1 += Int(texture.bytes[i + 1])
      sums.2 += Int(texture.bytes[i + 2])
    }
    let n = texture.bytes.count / 3
    return (UInt8(sums.0 / n), UInt8(sums.1 / n), UInt8(sums.2 / n))
  }
}
