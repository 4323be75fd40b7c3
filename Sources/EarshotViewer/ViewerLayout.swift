import EarshotVision

/// Where each panel sits in the viewer's logical 1280 × 800 pixels, whatever the window's
/// size: the window scales the whole picture (`SDL_RenderSetLogicalSize`).
///
/// ```
/// ┌──────────────────────── status line ─────────────────────────┐
/// │ map of the world          │ agent's view  │ policy insight   │
/// │ (agent, trail, sources,   │               │                  │
/// │  sound rings)             ├───────────────┴──────────────────┤
/// │                           │ binaural spectrogram, scrolling  │
/// ├── legend ─────────────────┼── keys ──────────────────────────┤
/// └───────────────────────────┴──────────────────────────────────┘
/// ```
public struct ViewerLayout: Sendable {
  /// The logical size of the whole picture, and of a headless screenshot.
  public static let width = 1280
  /// See `width`.
  public static let height = 800

  /// The status line across the top.
  public let status = Box(x: 0, y: 0, width: 1280, height: 40)
  /// The map of the world, below its title.
  public let map = Box(x: 16, y: 76, width: 640, height: 560)
  /// The legend under the map.
  public let legend = Box(x: 16, y: 648, width: 640, height: 136)
  /// The area of the agent's view, below its title; the picture is centred in it.
  public let view = Box(x: 672, y: 76, width: 320, height: 320)
  /// The policy insight panel, below its title.
  public let insight = Box(x: 1008, y: 76, width: 256, height: 320)
  /// The spectrogram picture: 9 blocks of 61 frames, each pixel 2 rows high.
  public let spectrogram = Box(x: 704, y: 436, width: 549, height: 262)
  /// The key summary under the spectrogram.
  public let keys = Box(x: 672, y: 730, width: 592, height: 54)

  /// The standard layout.
  public init() {}

  /// Pixels of the view panel per camera pixel: the largest whole number that fits.
  public func frameScale(for camera: CameraSettings) -> Int {
    max(1, min(view.width / camera.width, view.height / camera.height))
  }

  /// Where the first-person frame is drawn: `frameScale` pixels per camera pixel, centred
  /// in `view`.
  public func frameBox(for camera: CameraSettings) -> Box {
    let scale = frameScale(for: camera)
    let w = camera.width * scale, h = camera.height * scale
    return Box(x: view.x + (view.width - w) / 2, y: view.y + (view.height - h) / 2,
               width: w, height: h)
  }
}
