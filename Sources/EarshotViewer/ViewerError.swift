/// Why the viewer cannot start or carry on.
public enum ViewerError: Error, CustomStringConvertible, Equatable {
  /// No display to open a window on.
  case noDisplay(reason: String)
  /// An SDL call failed.
  case sdl(call: String, reason: String)
  /// The text fonts cannot be used; the viewer draws without text.
  case fontUnavailable(reason: String)

  /// One line saying what went wrong and what to do.
  public var description: String {
    switch self {
    case .noDisplay(let reason):
      return "no display to open a window on (\(reason)); "
        + "use --screenshot FILE to draw offscreen"
    case .sdl(let call, let reason):
      return "\(call) failed: \(reason)"
    case .fontUnavailable(let reason):
      return "no text: \(reason); install fonts-dejavu-core"
    }
  }
}
