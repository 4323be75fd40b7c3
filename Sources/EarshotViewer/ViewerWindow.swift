import CSDL2
import EarshotMedia
import Foundation

/// The interactive viewer: a resizable SDL window that plays a session, steps a policy in
/// real time or follows the keyboard, and plays the agent's sound.
public enum ViewerWindow {
  /// Seconds a finished episode stays on screen before a policy starts the next one.
  public static let pauseBetweenEpisodes = 2.0

  /// Why no window can be opened in `environment`, or nil when one may be.
  ///
  /// SDL would otherwise fail or pick a driver that shows nothing; a chosen
  /// `SDL_VIDEODRIVER` (even `dummy`) is taken at its word.
  public static func displayProblem(environment: [String: String]) -> String? {
    for key in ["SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"]
    where !(environment[key] ?? "").isEmpty {
      return nil
    }
    return "neither DISPLAY nor WAYLAND_DISPLAY nor SDL_VIDEODRIVER is set"
  }

  /// Opens the window and runs until the person quits.
  ///
  /// - Parameters:
  ///   - notice: Receives one line for each thing that works less well than it could (no
  ///     font, no audio device), and where F12 screenshots went.
  /// - Throws: `ViewerError.noDisplay` when SDL cannot start its video, `ViewerError.sdl`
  ///   when the window or its renderer cannot be made, and what a reset throws.
  public static func run(
    _ session: ViewerSession, notice: @escaping (String) -> Void
  ) throws {
    if let problem = displayProblem(environment: ProcessInfo.processInfo.environment) {
      throw ViewerError.noDisplay(reason: problem)
    }
    guard SDL_Init(UInt32(SDL_INIT_VIDEO | SDL_INIT_EVENTS)) == 0 else {
      throw ViewerError.noDisplay(reason: sdlError())
    }
    defer { SDL_Quit() }

    let centred = Int32(0x2FFF_0000)  // SDL_WINDOWPOS_CENTERED, a macro Swift cannot see
    let flags = SDL_WINDOW_RESIZABLE.rawValue | SDL_WINDOW_ALLOW_HIGHDPI.rawValue
    guard let window = SDL_CreateWindow(
      "Earshot: \(session.scenario.name)", centred, centred, Int32(ViewerLayout.width),
      Int32(ViewerLayout.height), flags)
    else { throw ViewerError.sdl(call: "SDL_CreateWindow", reason: sdlError()) }
    defer { SDL_DestroyWindow(window) }
    guard let renderer = SDL_CreateRenderer(window, -1, 0)
      ?? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue)
    else { throw ViewerError.sdl(call: "SDL_CreateRenderer", reason: sdlError()) }
    defer { SDL_DestroyRenderer(renderer) }
    SDL_RenderSetLogicalSize(renderer, Int32(ViewerLayout.width), Int32(ViewerLayout.height))

    var fonts: FontSet?
    do { fonts = try FontSet() } catch { notice("earshot: warning: \(error)") }
    var audio: AudioOutput?
    do {
      audio = try AudioOutput(sampleRate: session.suite.audioSettings.sampleRate)
    } catch {
      notice("earshot: notice: no sound (\(error))")
    }
    let canvas = Canvas(renderer: renderer, fonts: fonts)
    var loop = Loop(session: session, canvas: canvas, audio: audio, notice: notice)
    try loop.run()
  }

  /// The window's main loop: events, the policy's clock, sound and drawing.
  private struct Loop {
    let session: ViewerSession
    let canvas: Canvas
    let audio: AudioOutput?
    let notice: (String) -> Void
    let painter = ViewerPainter()
    var playedObservation = 0
    var nextStep = 0.0
    var endedAt: Double?
    var screenshots = 0

    init(session: ViewerSession, canvas: Canvas, audio: AudioOutput?,
         notice: @escaping (String) -> Void) {
      self.session = session
      self.canvas = canvas
      self.audio = audio
      self.notice = notice
    }

    mutating func run() throws {
      var redraw = true
      nextStep = now() + 1 / session.speed
      while true {
        // Sleep in SDL until an event comes or the policy's next step is due.
        let wait = max(1, min(50, Int32((nextStep - now()) * 1000)))
        var event = SDL_Event()
        var outcome = EventPump.Outcome()
        if SDL_WaitEventTimeout(&event, wait) != 0 {
          if event.type == SDL_KEYDOWN.rawValue, event.key.keysym.sym == KeyMap.code(SDLK_F12) {
            saveScreenshot()
          }
          try EventPump.handle(event, session: session, outcome: &outcome)
          let rest = try EventPump.drain(into: session)
          outcome.quit = outcome.quit || rest.quit
          outcome.redraw = outcome.redraw || rest.redraw
          outcome.restarted = outcome.restarted || rest.restarted
        }
        if outcome.quit { return }
        if outcome.restarted { audio?.silence(); endedAt = nil }
        redraw = redraw || outcome.redraw
        redraw = try advancePolicy() || redraw
        playSound()
        if redraw {
          painter.draw(session, on: canvas, sound: soundState)
          SDL_RenderPresent(canvas.renderer)
          redraw = false
        }
      }
    }

    /// Steps the policy when its clock says so, and starts the next episode after a pause.
    private mutating func advancePolicy() throws -> Bool {
      guard session.isPolicyDriven else { return false }
      let t = now()
      if session.state.done {
        if endedAt == nil { endedAt = t }
        guard !session.paused, let end = endedAt,
          t - end >= ViewerWindow.pauseBetweenEpisodes
        else { return false }
        try session.nextEpisode()
        endedAt = nil
        nextStep = t + 1 / session.speed
        return true
      }
      endedAt = nil
      guard !session.paused else { nextStep = t + 1 / session.speed; return false }
      guard t >= nextStep else { return false }
      session.policyStep()
      // Fall behind by at most one step rather than rushing to catch up.
      nextStep = max(nextStep + 1 / session.speed, t)
      return true
    }

    /// Queues each new observation's sound once.
    private mutating func playSound() {
      guard session.observationCount != playedObservation else { return }
      playedObservation = session.observationCount
      guard let audio else { return }
      if session.muted { audio.silence() } else { audio.play(session.observation.audio) }
    }

    private var soundState: String {
      audio == nil ? "off (no audio device)" : (session.muted ? "muted (M)" : "on (M mutes)")
    }

    /// Writes what the window shows to `earshot-view-N.png` in the current folder.
    private mutating func saveScreenshot() {
      let path = "earshot-view-\(screenshots).png"
      screenshots += 1
      do {
        painter.draw(session, on: canvas, sound: soundState)
        // The viewport is the logical picture scaled to the window, in window pixels.
        var viewport = SDL_Rect()
        var scaleX: Float = 1, scaleY: Float = 1
        SDL_RenderGetViewport(canvas.renderer, &viewport)
        SDL_RenderGetScale(canvas.renderer, &scaleX, &scaleY)
        let image = try Screenshot.readPixels(
          canvas.renderer, width: Int(Float(viewport.w) * scaleX),
          height: Int(Float(viewport.h) * scaleY))
        try PNGFile.write(image, to: path)
        notice("earshot: window saved to \(path)")
      } catch {
        notice("earshot: warning: cannot save the window: \(error)")
      }
    }

    private func now() -> Double { Double(SDL_GetTicks64()) / 1000 }
  }
}
