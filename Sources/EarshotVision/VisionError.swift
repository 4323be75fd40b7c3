/// Why a camera, a partial view or a picture could not be set up.
public enum VisionError: Error, CustomStringConvertible, Equatable {
  /// Width or height outside 1...`CameraSettings.maximumSide` pixels.
  case badResolution(width: Int, height: Int)
  /// A field of view outside the open interval (0°, 180°), or not finite.
  case badFieldOfView(degrees: Double)
  /// A partial-view side that is not odd, or outside 1...`PartialView.maximumSize`.
  case badViewSize(Int)
  /// A tile of the top-down picture outside 1...64 pixels.
  case badTileSize(Int)

  public var description: String {
    switch self {
    case .badResolution(let width, let height):
      return "resolution \(width)×\(height) is not allowed; "
        + "use 1 to \(CameraSettings.maximumSide) pixels per side (64×64 is the default)"
    case .badFieldOfView(let degrees):
      return "field of view \(degrees)° is not allowed; use more than 0° and less than 180° "
        + "(90° is the default)"
    case .badViewSize(let size):
      return "partial view size \(size) is not allowed; use an odd number of cells from 1 to "
        + "\(PartialView.maximumSize) (7 is the default)"
    case .badTileSize(let size):
      return "tile size \(size) px is not allowed; use 1 to 64 pixels (8 is the default)"
    }
  }
}
