/// What a wall is made of: how it looks and how much sound it absorbs.
///
/// `#` walls are `plain`; a map may declare other wall letters in its
/// header, e.g. `material.B = brick`.
public struct Material: Hashable, Sendable {
  /// The material's name, one of `Material.names`.
  public let name: String

  /// The materials a map may name.
  public static let names = [
    "plain", "brick", "wood", "concrete", "tile", "curtain", "metal", "glass",
  ]

  /// Fraction of sound energy a reflection absorbs, in [0, 1].
  public var absorption: Double {
    switch name {
    case "curtain": return 0.6
    case "wood": return 0.15
    case "brick": return 0.05
    case "concrete", "tile", "metal", "glass": return 0.03
    default: return 0.1
    }
  }

  /// A material by name, or nil if the name is not one of `Material.names`.
  public init?(named name: String) {
    guard Material.names.contains(name) else { return nil }
    self.name = name
  }

  /// The material of `#` walls.
  public static let plain = Material(named: "plain")!
}
