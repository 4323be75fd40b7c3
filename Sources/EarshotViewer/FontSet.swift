import CSDL2
import Foundation

/// The kinds of text the viewer writes.
enum TextStyle: Hashable {
  /// Panel titles.
  case title
  /// Labels and explanations.
  case body
  /// Small labels on the map.
  case small
  /// Numbers that change every step, fixed width so they do not jitter.
  case mono
}

/// DejaVu Sans and DejaVu Sans Mono (Debian's fonts-dejavu-core) opened through SDL_ttf at
/// the sizes the viewer uses.
final class FontSet {
  /// Where fonts-dejavu-core installs its fonts.
  static let folder = "/usr/share/fonts/truetype/dejavu"

  private var fonts: [TextStyle: OpaquePointer] = [:]

  /// Opens the fonts in `folder`.
  ///
  /// - Throws: `ViewerError.fontUnavailable` when SDL_ttf cannot start or a font is missing;
  ///   the viewer then draws without text.
  init(folder: String = FontSet.folder) throws {
    guard TTF_WasInit() > 0 || TTF_Init() == 0 else {
      throw ViewerError.fontUnavailable(reason: String(cString: SDL_GetError()))
    }
    let wanted: [(TextStyle, String, Int32)] = [
      (.title, "DejaVuSans-Bold.ttf", 15), (.body, "DejaVuSans.ttf", 13),
      (.small, "DejaVuSans.ttf", 11), (.mono, "DejaVuSansMono.ttf", 13),
    ]
    for (style, file, size) in wanted {
      let path = folder + "/" + file
      guard FileManager.default.fileExists(atPath: path), let font = TTF_OpenFont(path, size)
      else {
        close()
        throw ViewerError.fontUnavailable(reason: "cannot open \(path)")
      }
      fonts[style] = font
    }
  }

  deinit { close() }

  /// The font of `style`.
  func font(_ style: TextStyle) -> OpaquePointer? { fonts[style] }

  private func close() {
    for font in fonts.values { TTF_CloseFont(font) }
    fonts.removeAll()
  }
}
