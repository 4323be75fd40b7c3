import CSDL2
import EarshotWorld

/// The viewer's keys: which `ViewerCommand` each SDL key code stands for.
///
/// | key | keyboard mode | policy mode |
/// | --- | --- | --- |
/// | W, ↑ | forward | – |
/// | A, ← | turn left | – |
/// | D, → | turn right | – |
/// | Space | stop (ends the episode) | pause / resume |
/// | N | – | one step, paused |
/// | + / − | – | faster / slower |
/// | R, Tab, M, H, Esc | reset, view, mute, help, quit | the same |
public enum KeyMap {
  /// The command for `key`, or nil for a key that does nothing.
  ///
  /// - Parameters:
  ///   - key: An SDL key code (`SDL_Keysym.sym`), such as `SDLK_w`.
  ///   - policyDriven: Whether a policy moves the agent; movement keys then do nothing
  ///     and Space pauses.
  public static func command(for key: SDL_Keycode, policyDriven: Bool) -> ViewerCommand? {
    if let common = commonCommand(for: key) { return common }
    return policyDriven ? policyCommand(for: key) : keyboardCommand(for: key)
  }

  private static func commonCommand(for key: SDL_Keycode) -> ViewerCommand? {
    switch key {
    case code(SDLK_ESCAPE): return .quit
    case code(SDLK_r): return .reset
    case code(SDLK_TAB): return .toggleView
    case code(SDLK_m): return .toggleMute
    case code(SDLK_h), code(SDLK_F1): return .toggleHelp
    default: return nil
    }
  }

  private static func keyboardCommand(for key: SDL_Keycode) -> ViewerCommand? {
    switch key {
    case code(SDLK_w), code(SDLK_UP): return .act(.forward)
    case code(SDLK_a), code(SDLK_LEFT): return .act(.left)
    case code(SDLK_d), code(SDLK_RIGHT): return .act(.right)
    case code(SDLK_SPACE): return .act(.stop)
    default: return nil
    }
  }

  private static func policyCommand(for key: SDL_Keycode) -> ViewerCommand? {
    switch key {
    case code(SDLK_SPACE): return .togglePause
    case code(SDLK_n): return .stepOnce
    // `+` is shifted `=` on most layouts, so `=` counts as `+`.
    case code(SDLK_PLUS), code(SDLK_EQUALS), code(SDLK_KP_PLUS): return .faster
    case code(SDLK_MINUS), code(SDLK_KP_MINUS): return .slower
    default: return nil
    }
  }

  /// An SDL key code as the type `SDL_Keysym.sym` holds.
  static func code(_ key: SDL_KeyCode) -> SDL_Keycode { SDL_Keycode(key.rawValue) }
}
