/// Why a PNG file could not be written or read.
public enum PNGError: Error, CustomStringConvertible, Equatable {
  /// SDL could not wrap the bytes in a surface (out of memory, most likely).
  case cannotCreateSurface(reason: String)
  /// The file could not be written or moved into place.
  case cannotWrite(path: String, reason: String)
  /// The file is missing or is not an image SDL_image can decode.
  case cannotRead(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotCreateSurface(let reason):
      return "cannot build an image surface: \(reason)"
    case .cannotWrite(let path, let reason):
      return "cannot write PNG \(path): \(reason); check that the folder exists and is writable"
    case .cannotRead(let path, let reason):
      return "cannot read image \(path): \(reason); check that the file exists and is a PNG"
    }
  }
}
