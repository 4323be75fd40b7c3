import EarshotMedia

/// The procedural wall textures committed in `assets/textures/`, one per material.
///
/// Each is `TextureSet.side × TextureSet.side` pixels, made from the material's flat
/// colour (`Palette`) and a pattern: brick courses, wood planks, tile grout, curtain
/// folds, metal panels, glass streaks, concrete speckle. The same name always gives
/// the same bytes, so the committed files can be checked against this generator.
public enum MaterialTexture {
  /// The texture of `material`, `side × side` pixels.
  ///
  /// - Complexity: O(side²).
  public static func generate(material: String, side: Int = TextureSet.side) -> RGBImage {
    let base = Palette.colour(ofMaterial: material)
    var bytes = [UInt8](repeating: 0, count: side * side * 3)
    for y in 0..<side {
      for x in 0..<side {
        // Patterns are laid out on a 16-pixel design grid whatever the side.
        let u = x * 16 / side, v = y * 16 / side
        let factor = brightness(material: material, u: u, v: v)
        let i = (y * side + x) * 3
        bytes[i] = scale(base.red, factor)
        bytes[i + 1] = scale(base.green, factor)
        bytes[i + 2] = scale(base.blue, factor)
      }
    }
    return RGBImage(width: side, height: side, bytes: bytes)
  }

  /// Brightness relative to the flat colour at design pixel (u, v), both in 0..<16.
  static func brightness(material: String, u: Int, v: Int) -> Double {
    let grain = Double(noise(u, v, salt: material.utf8.count) % 17) / 100 - 0.08
    switch material {
    case "brick":
      // Courses 4 pixels high, bricks 8 wide, every other course offset by half a brick.
      let offset = (v / 4) % 2 == 0 ? 0 : 4
      let mortar = v % 4 == 3 || (u + offset) % 8 == 7
      return mortar ? 1.45 : 1 + grain
    case "wood":
      // Vertical planks 4 wide with a dark seam and wavy grain.
      if u % 4 == 0 { return 0.6 }
      let wave = (v + (u / 4) * 5) % 6 < 2 ? -0.1 : 0.05
      return 1 + wave + grain / 2
    case "tile":
      return u % 8 == 0 || v % 8 == 0 ? 0.72 : 1.02 + grain / 4
    case "curtain":
      // Folds: a smooth ridge every 4 columns.
      let phase = [0.75, 1.0, 1.2, 1.0][u % 4]
      return phase + grain / 3
    case "metal":
      let seam = v == 0 || v == 8
      let rivet = (u == 2 || u == 13) && (v == 3 || v == 12)
      return seam ? 0.7 : rivet ? 1.5 : 1 + grain / 3
    case "glass":
      let streak = (u + v) % 8 == 0 || (u + v) % 8 == 1
      return streak ? 1.2 : u == 0 || v == 0 ? 0.75 : 1
    case "concrete":
      return 1 + grain * 1.6
    default:
      // Plain walls: a faint speckle and a darker skirting board.
      return v >= 14 ? 0.8 : 1 + grain / 2
    }
  }

  /// A repeatable pseudo-random byte for a pixel, so textures do not depend on a seed.
  static func noise(_ u: Int, _ v: Int, salt: Int) -> Int {
    var h = UInt32(truncatingIfNeeded: u &* 73_856_093 ^ v &* 19_349_663 ^ salt &* 83_492_791)
    h ^= h >> 13
    h = h &* 0x5bd1_e995
    h ^= h >> 15
    return Int(h & 0xff)
  }

  static func scale(_ channel: UInt8, _ factor: Double) -> UInt8 {
    UInt8(max(0, min(255, (Double(channel) * factor).rounded())))
  }
}
