import EarshotMedia
import EarshotWorld
import Foundation

/// Wall textures by material name, each `side × side` RGB pixels.
///
/// A material without a texture is drawn in its flat `Palette` colour.
public struct TextureSet: Sendable {
  /// Side of every texture, in pixels; loaded images of other sizes are resampled.
  ///
  public static let side = 16

  /// Textures by material name; a material not in here is drawn flat.
  public var textures: [String: RGBImage]

  /// A set with the given textures; images are resampled to `side × side`.
  public init(textures: [String: RGBImage] = [:]) {
    self.textures = textures.mapValues { TextureSet.resampled($0) }
  }

  /// Every material in its flat colour.
  public static let flat = TextureSet()

  /// The textures `MaterialTexture` generates, made in memory rather than read.
  public static var generated: TextureSet {
    var textures = [String: RGBImage]()
    for name in Material.names { textures[name] = MaterialTexture.generate(material: name) }
    return TextureSet(textures: textures)
  }

  /// Loads `NAME.png` from `folder` for every name in `Material.names`.
  ///
  /// Never fails: a missing or unreadable file leaves that material flat and adds one
  /// warning, for the caller to show; a missing folder gives one warning in all.
  ///
  /// - Returns: the set and the warnings, in `Material.names` order.
  public static func load(from folder: String) -> (TextureSet, warnings: [String]) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      return (.flat, ["texture folder \(folder) not found; all walls are drawn in flat colours"])
    }

    var textures = [String: RGBImage]()
    var warnings = [String]()
    for name in Material.names {
      let path = folder + "/" + name + ".png"
      do {
        textures[name] = try PNGFile.read(path)
      } catch {
        warnings.append("\(error); \(name) walls are drawn in a flat colour")
      }
    }
    return (TextureSet(textures: textures), warnings)
  }

  /// The texel of `material` at column `u`, row `v` (both in 0..<side): its texture, or
  /// the flat colour when it has none.
  public func texel(material: String, u: Int, v: Int) -> Palette.Colour {
    guard let texture = textures[material] else { return Palette.colour(ofMaterial: material) }
    return texture.pixel(column: u, row: v)
  }

  /// `image` resampled to `side × side` by nearest neighbour.
  static func resampled(_ image: RGBImage) -> RGBImage {
    let side = TextureSet.side
    if image.width == side && image.height == side { return image }
    var bytes = [UInt8](repeating: 0, count: side * side * 3)
    for y in 0..<side {
      for x in 0..<side {
        let p = image.pixel(column: x * image.width / side, row: y * image.height / side)
        let i = (y * side + x) * 3
        bytes[i] = p.red
        bytes[i + 1] = p.green
        bytes[i + 2] = p.blue
      }
    }
    return RGBImage(width: side, height: side, bytes: bytes)
  }
}
