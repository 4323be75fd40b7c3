import CSDL2
import EarshotMedia

/// Draws a session offscreen, with SDL's software renderer on a memory surface: no window,
/// no display and no video driver needed (it works under `SDL_VIDEODRIVER=dummy`).
public enum Screenshot {
  /// The session as the window would show it, `ViewerLayout.width × height` pixels.
  ///
  /// - Parameters:
  ///   - fontFolder: Where DejaVu Sans lives; without it the picture has no text.
  /// - Returns: the picture, and warnings for the caller to show (a missing font).
  /// - Throws: `ViewerError.sdl` when SDL cannot make the surface or the renderer.
  /// - Complexity: O(pixels), about 10 ms for the default layout.
  public static func render(
    _ session: ViewerSession, fontFolder: String = "/usr/share/fonts/truetype/dejavu"
  ) throws -> (image: RGBImage, warnings: [String]) {
    let width = ViewerLayout.width, height = ViewerLayout.height
    guard let surface = SDL_CreateRGBSurfaceWithFormat(
      0, Int32(width), Int32(height), 32, SDL_PIXELFORMAT_ARGB8888.rawValue)
    else { throw ViewerError.sdl(call: "SDL_CreateRGBSurfaceWithFormat", reason: sdlError()) }
    defer { SDL_FreeSurface(surface) }
    guard let renderer = SDL_CreateSoftwareRenderer(surface) else {
      throw ViewerError.sdl(call: "SDL_CreateSoftwareRenderer", reason: sdlError())
    }
    defer { SDL_DestroyRenderer(renderer) }

    var warnings = [String]()
    let fonts: FontSet?
    do {
      fonts = try FontSet(folder: fontFolder)
    } catch {
      fonts = nil
      warnings.append("\(error)")
    }
    do {
      // The canvas holds text textures of this renderer: it must go before the renderer.
      let canvas = Canvas(renderer: renderer, fonts: fonts)
      ViewerPainter().draw(session, on: canvas, sound: nil)
      return (try readPixels(renderer, width: width, height: height), warnings)
    }
  }

  /// What `renderer` has drawn, as RGB bytes; flushes its pending drawing first.
  static func readPixels(_ renderer: OpaquePointer, width: Int, height: Int) throws -> RGBImage {
    var bytes = [UInt8](repeating: 0, count: width * height * 3)
    let status = bytes.withUnsafeMutableBytes { raw in
      SDL_RenderReadPixels(renderer, nil, SDL_PIXELFORMAT_RGB24.rawValue, raw.baseAddress,
                           Int32(width * 3))
    }
    guard status == 0 else {
      throw ViewerError.sdl(call: "SDL_RenderReadPixels", reason: sdlError())
    }
    return RGBImage(width: width, height: height, bytes: bytes)
  }
}

/// SDL's last error message, never empty.
func sdlError() -> String {
  guard let message = SDL_GetError() else { return "unknown SDL error" }
  let text = String(cString: message)
  return text.isEmpty ? "unknown SDL error" : text
}
