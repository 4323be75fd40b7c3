import EarshotMedia

/// One first-person picture and its depth map.
///
/// Depth convention: each pixel holds, in metres, the perpendicular distance from the
/// camera plane (the distance along the viewing direction, not along the pixel's ray)
/// to the surface the pixel shows: a wall, a door lintel, a sound source's sprite, or
/// the floor or ceiling where the ray through the pixel's centre meets them.
public struct Frame: Sendable {
  /// Columns, in pixels.
  public let width: Int
  /// Rows, in pixels.
  public let height: Int
  /// `height × width × 3` bytes, row-major, top row first, RGB.
  public var rgb: [UInt8]
  /// `height × width` perpendicular distances in metres, row-major, top row first.
  public var depth: [Float]

  /// A black frame with all depths zero, ready to be rendered into.
  public init(width: Int, height: Int) {
    precondition(width > 0 && height > 0, "a frame needs at least one pixel")
    self.width = width
    self.height = height
    self.rgb = [UInt8](repeating: 0, count: width * height * 3)
    self.depth = [Float](repeating: 0, count: width * height)
  }

  /// A black frame of the size the camera makes.
  public init(settings: CameraSettings) {
    self.init(width: settings.width, height: settings.height)
  }

  /// The colours as an image (a copy of `rgb`).
  public var image: RGBImage { RGBImage(width: width, height: height, bytes: rgb) }

  /// The depth map as a grey picture, linear in distance: 0 m is white,
  /// `maximumDepth` metres and beyond are black.
  ///
  /// A fixed range, rather than each frame's own maximum, keeps greys comparable
  /// between frames: grey level = 255 × (1 − min(depth, maximumDepth) / maximumDepth).
  public func depthImage(maximumDepth: Float = Frame.defaultMaximumDepth) -> RGBImage {
    precondition(maximumDepth > 0, "the depth range must be positive")
    let levels = depth.map { 1 - min($0, maximumDepth) / maximumDepth }
    return RGBImage(width: width, height: height, grey: levels)
  }

  /// The depth that `depthImage()` shows as black, in metres.
  public static let defaultMaximumDepth: Float = 16
}
