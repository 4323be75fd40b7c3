/// The flat colours of the world: walls by material, floor, ceiling, door frames.
///
/// Used where a texture is missing, in the top-down partial view, and as the base
/// colour of the generated textures.
public enum Palette {
  /// An RGB colour, 0–255 a channel.
  public typealias Colour = (red: UInt8, green: UInt8, blue: UInt8)

  /// The flat colour of a wall material; mid grey for a name not in `Material.names`.
  public static func colour(ofMaterial name: String) -> Colour {
    switch name {
    case "plain": return (196, 192, 180)
    case "brick": return (158, 72, 52)
    case "wood": return (146, 100, 58)
    case "concrete": return (128, 128, 124)
    case "tile": return (206, 222, 228)
    case "curtain": return (132, 34, 70)
    case "metal": return (104, 118, 138)
    case "glass": return (150, 200, 218)
    default: return (128, 128, 128)
    }
  }

  /// Floor colour, before distance shading.
  public static let floor: Colour = (112, 102, 92)
  /// Ceiling colour, before distance shading.
  public static let ceiling: Colour = (178, 182, 192)
  /// Door frames: jambs, the strips of wall beside a doorway, and lintels.
  ///
  /// Dark, so that it stands out against every wall material.
  public static let doorFrame: Colour = (44, 54, 84)
}
