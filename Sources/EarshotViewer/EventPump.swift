import CSDL2

/// Turns SDL's events into viewer commands and carries them out on a session.
///
/// Needs only `SDL_Init(SDL_INIT_EVENTS)`, so tests can push key events into SDL's queue
/// and watch the agent move without a window.
public enum EventPump {
  /// What the events asked for beyond the session's own changes.
  public struct Outcome: Equatable, Sendable {
    /// Whether the person asked to quit (Esc, closing the window).
    public var quit = false
    /// Whether anything changed that the window should draw again.
    public var redraw = false
    /// Whether the episode was restarted, so that sound still queued is stale.
    public var restarted = false

    /// Nothing happened.
    public init() {}
  }

  /// Carries out every event waiting in SDL's queue, in order, and returns at once.
  ///
  /// Held keys repeat nothing: one press, one command.
  ///
  /// - Throws: what `ViewerSession.apply` throws (a reset that cannot reload the episode).
  public static func drain(into session: ViewerSession) throws -> Outcome {
    var outcome = Outcome()
    var event = SDL_Event()
    while SDL_PollEvent(&event) != 0 {
      try handle(event, session: session, outcome: &outcome)
    }
    return outcome
  }

  /// Carries out one event.
  static func handle(_ event: SDL_Event, session: ViewerSession, outcome: inout Outcome) throws {
    switch event.type {
    case SDL_QUIT.rawValue:
      outcome.quit = true
    case SDL_WINDOWEVENT.rawValue:
      outcome.redraw = true
    case SDL_KEYDOWN.rawValue:
      guard event.key.repeat == 0,
        let command = KeyMap.command(for: event.key.keysym.sym,
                                     policyDriven: session.isPolicyDriven)
      else { return }
      if command == .quit {
        outcome.quit = true
        return
      }
      try session.apply(command)
      outcome.redraw = true
      if command == .reset { outcome.restarted = true }
    default:
      break
    }
  }

  /// A key press as SDL's event queue holds one, for tests and scripted runs.
  public static func keyDown(_ key: SDL_Keycode) -> SDL_Event {
    var event = SDL_Event()
    event.type = SDL_KEYDOWN.rawValue
    event.key.type = SDL_KEYDOWN.rawValue
    event.key.state = UInt8(SDL_PRESSED)
    event.key.keysym.sym = key
    return event
  }
}
