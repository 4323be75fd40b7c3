import Foundation

/// The first-person camera: picture size and horizontal field of view.
///
/// Pixels are square, so the vertical field of view follows from the aspect ratio:
/// both directions share the focal length `(width / 2) / tan(fieldOfView / 2)` pixels.
public struct CameraSettings: Hashable, Sendable {
  /// Picture width in pixels, 1...`maximumSide`.
  public var width: Int
  /// Picture height in pixels, 1...`maximumSide`.
  public var height: Int
  /// Horizontal field of view in degrees, in the open interval (0, 180).
  public var fieldOfView: Double

  /// The largest width or height accepted, in pixels.
  public static let maximumSide = 4096

  /// Settings for a camera; checked by `validate()` and by the renderer.
  public init(width: Int = 64, height: Int = 64, fieldOfView: Double = 90) {
    self.width = width
    self.height = height
    self.fieldOfView = fieldOfView
  }

  /// The focal length in pixels: `(width / 2) / tan(fieldOfView / 2)`.
  ///
  /// A wall of height `H` at perpendicular distance `d` (same unit) spans
  /// `focalLength × H / d` rows.
  public var focalLength: Double {
    Double(width) / 2 / tan(fieldOfView * .pi / 360)
  }

  /// Throws if the settings cannot make a picture.
  ///
  /// - Throws: `VisionError.badResolution` or `VisionError.badFieldOfView`.
  public func validate() throws {
    let sides = 1...CameraSettings.maximumSide
    guard sides.contains(width), sides.contains(height) else {
      throw VisionError.badResolution(width: width, height: height)
    }
    guard fieldOfView.isFinite, fieldOfView > 0, fieldOfView < 180 else {
      throw VisionError.badFieldOfView(degrees: fieldOfView)
    }
  }
}
