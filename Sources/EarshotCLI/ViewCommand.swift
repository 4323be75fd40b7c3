import EarshotAudio
import EarshotLearning
import EarshotMedia
import EarshotViewer
import EarshotWorld
import Foundation

/// `earshot view`: watch an agent in a window, or draw the window offscreen to a PNG.
struct ViewCommand: Command {
  let name = "view"
  let summary = "watch an agent in a window: map, its view, its sound, what it relies on"
  let help = """
    usage: earshot view SCENARIO [--episode K] [--policy P]
           earshot view SCENARIO [--episode K] [--policy P] --screenshot FILE [--frames N]

    Opens a window with a map of the world (agent, trail, sources and which of
    them are playing), the agent's first-person frame, the binaural spectrogram
    of what it hears, and, for learned policies, its action probabilities and
    how much it relies on vision and on audio. The agent's sound plays through
    the default audio device. docs/viewer.md describes the window.

    Without --policy you drive: W or ↑ forward, A or ← turn left, D or → turn
    right, Space stop. With a policy: Space pauses, N steps once, + and −
    change the speed (4 steps/s is real time). Always: R restarts the episode,
    Tab switches the view, M mutes, H shows the keys, F12 saves the window to
    earshot-view-N.png, Esc quits.

      --episode K        episode index in the scenario (default 0)
      --policy P         oracle, random, or a checkpoint file (default: the keyboard,
                         or oracle with --screenshot)
      --screenshot FILE  draw offscreen instead, after N steps, and write FILE (PNG,
                         1280×800); needs no display (SDL_VIDEODRIVER=dummy works)
      --frames N         steps to take before the screenshot (default 0); it stops
                         early when the episode ends

    example:
      earshot view scenarios/default/apartment_alarm.json --policy oracle
      earshot view scenarios/default/apartment_alarm.json --screenshot out/view.png --frames 8
    """

  func run(_ arguments: [String]) throws -> Int32 {
    let args = try Arguments(
      arguments, command: name, valued: ["--episode", "--policy", "--screenshot", "--frames"])
    guard args.positionals.count == 1 else {
      throw CLIError.usage("view needs one SCENARIO file; see 'earshot help view'")
    }
    let screenshot = args.string("--screenshot")
    let frames = try args.integer("--frames", in: 0...1_000_000)
    if frames != nil && screenshot == nil {
      throw CLIError.usage("--frames needs --screenshot FILE")
    }
    let index = try args.integer("--episode", in: 0...Int.max) ?? 0
    let scenario = try Inputs.scenarios([args.positionals[0]])[0]
    if let file = screenshot {
      guard file.lowercased().hasSuffix(".png") else {
        throw CLIError.usage("--screenshot writes PNG: name the file *.png")
      }
      try Inputs.checkOutputFile(file, option: "--screenshot")
    }
    // A screenshot has no keyboard, so it needs a policy to take its steps.
    let policyName = args.string("--policy") ?? (screenshot == nil ? nil : "oracle")
    let makePolicy = try policyName.map { try PolicyChoice($0, scenarios: [scenario]).maker }

    if screenshot == nil,
      let problem = ViewerWindow.displayProblem(environment: ProcessInfo.processInfo.environment)
    {
      throw CLIError.usage("no display to open a window on (\(problem)); "
                           + "use --screenshot FILE to draw offscreen")
    }

    let suite = try SensorSuite(
      assetsFolder: Inputs.assetsFolder(near: scenario.file))
    // A scenario whose episode cannot be set up, or a missing clip, is bad input (exit 2).
    let session = try ViewerSession(
      scenario: scenario, episodeIndex: index, suite: suite, policy: makePolicy,
      policyName: policyName ?? "keyboard")
    for warning in session.warnings { CLI.log("earshot: warning: \(warning)") }

    if let file = screenshot {
      return try writeScreenshot(session, steps: frames ?? 0, to: file)
    }
    do {
      try ViewerWindow.run(session) { CLI.log($0) }
    } catch ViewerError.noDisplay(let reason) {
      throw CLIError.usage("no display to open a window on (\(reason)); "
                           + "use --screenshot FILE to draw offscreen")
    } catch {
      throw CLIError.failure("\(error)")
    }
    return 0
  }

  private func writeScreenshot(_ session: ViewerSession, steps: Int, to file: String) throws
    -> Int32
  {
    var taken = 0
    while taken < steps && !session.state.done {
      session.policyStep()
      taken += 1
    }
    do {
      let (image, warnings) = try Screenshot.render(session)
      for warning in warnings { CLI.log("earshot: warning: \(warning)") }
      try PNGFile.write(image, to: file)
      print("\(file): \(image.width)×\(image.height), '\(session.scenario.name)' episode "
            + "\(session.episodeIndex) after \(taken) step\(taken == 1 ? "" : "s")")
    } catch {
      throw CLIError.failure("\(error)")
    }
    return 0
  }
}
