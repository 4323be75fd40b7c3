import CSDL2
import Foundation

/// Reads and writes PNG files through SDL_image; nothing else in Earshot calls SDL_image.
///
/// Both directions work without `SDL_Init`, from any thread.
public enum PNGFile {
  /// Writes `image` to `path` as an 8-bit RGB PNG.
  ///
  /// The file appears whole or not at all: the picture goes to a temporary file in the
  /// same folder, which is then renamed over `path`.
  ///
  /// - Throws: `PNGError.cannotCreateSurface` or `PNGError.cannotWrite`.
  /// - Complexity: O(width × height).
  public static func write(_ image: RGBImage, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let nonce = "\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    let temporary = folder + "/." + url.lastPathComponent + "." + nonce + ".tmp"

    var bytes = image.bytes
    let saved: Int32 = try bytes.withUnsafeMutableBytes { raw in
      guard let surface = SDL_CreateRGBSurfaceWithFormatFrom(
        raw.baseAddress, Int32(image.width), Int32(image.height), 24,
        Int32(image.width * 3), SDL_PIXELFORMAT_RGB24.rawValue)
      else { throw PNGError.cannotCreateSurface(reason: sdlError()) }
      defer { SDL_FreeSurface(surface) }
      return IMG_SavePNG(surface, temporary)
    }
    guard saved == 0 else {
      let reason = sdlError()
      unlink(temporary)
      throw PNGError.cannotWrite(path: path, reason: reason)
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw PNGError.cannotWrite(path: path, reason: reason)
    }
  }

  /// Reads the image at `path` (PNG, or any format SDL_image decodes) as 8-bit RGB.
  ///
  /// An alpha channel is dropped, palettes are expanded.
  ///
  /// - Throws: `PNGError.cannotRead`.
  /// - Complexity: O(width × height).
  public static func read(_ path: String) throws -> RGBImage {
    guard let loaded = IMG_Load(path) else {
      throw PNGError.cannotRead(path: path, reason: sdlError())
    }
    defer { SDL_FreeSurface(loaded) }
    guard let rgb = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGB24.rawValue, 0) else {
      throw PNGError.cannotRead(path: path, reason: sdlError())
    }
    defer { SDL_FreeSurface(rgb) }

    let width = Int(rgb.pointee.w)
    let height = Int(rgb.pointee.h)
    let pitch = Int(rgb.pointee.pitch)
    guard width > 0, height > 0, let pixels = rgb.pointee.pixels else {
      throw PNGError.cannotRead(path: path, reason: "the image is empty")
    }
    // Locking is harmless on surfaces that do not need it, and RLE ones do.
    SDL_LockSurface(rgb)
    defer { SDL_UnlockSurface(rgb) }
    let source = pixels.assumingMemoryBound(to: UInt8.self)
    var bytes = [UInt8](repeating: 0, count: width * height * 3)
    bytes.withUnsafeMutableBufferPointer { out in
      let rowBytes = width * 3
      for row in 0..<height {
        let target: UnsafeMutablePointer<UInt8> = out.baseAddress! + row * rowBytes
        target.update(from: source + row * pitch, count: rowBytes)
      }
    }
    return RGBImage(width: width, height: height, bytes: bytes)
  }

  private static func sdlError() -> String {
    guard let message = SDL_GetError() else { return "unknown SDL error" }
    let text = String(cString: message)
    return text.isEmpty ? "unknown SDL error" : text
  }
}
