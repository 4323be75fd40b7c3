import Foundation

/// The line across the top: where the episode stands and how the viewer runs.
struct StatusBar {
  let session: ViewerSession
  let box: Box
  /// How the sound stands: "on", "muted", "no audio device", or nil when there is none
  /// to speak of (a screenshot).
  let sound: String?

  /// The first line: scenario, episode, step, action, reward, result and SPL.
  static func summary(of session: ViewerSession) -> String {
    let state = session.state
    var parts = [
      "\(session.scenario.name)", "episode \(session.episodeIndex)",
      "step \(session.step)/\(session.episode.maxSteps)",
      "action \(session.lastAction?.name ?? "–")",
      "reward " + (session.lastReward.map { String(format: "%+.2f", $0) } ?? "–")
        + String(format: " (total %+.2f)", session.totalReward),
    ]
    if state.done {
      parts.append(state.success ? "SUCCESS" : "FAILED")
      parts.append(String(format: "SPL %.2f", session.metrics.spl))
    } else {
      parts.append("running, SPL –")
    }
    return parts.joined(separator: "  ·  ")
  }

  /// The second line: the driver, the speed, pause, sound, and earlier episodes' SPL.
  func settings() -> String {
    var parts = [String]()
    if session.isPolicyDriven {
      let speed = session.speed
      let rate = speed < 1 ? String(format: "%.2g", speed) : String(Int(speed))
      parts.append("driven by \(session.policyName) at \(rate) steps/s"
                   + (session.paused ? ", PAUSED" : ""))
    } else {
      parts.append("driven by you: W/A/D or arrows, Space stops")
    }
    if let sound { parts.append("sound \(sound)") }
    let done = session.finished
    if !done.isEmpty {
      let spl = done.reduce(0) { $0 + $1.spl } / Double(done.count)
      let wins = done.reduce(0) { $0 + $1.success }
      let ended = done.count == 1 ? "1 episode ended" : "\(done.count) episodes ended"
      parts.append(ended + String(format: ", %.0f succeeded, mean SPL %.2f", wins, spl))
    }
    parts.append("H: help")
    return parts.joined(separator: "  ·  ")
  }

  func draw(on canvas: Canvas) {
    canvas.fill(box, Colour(12, 13, 16))
    let done = session.state.done
    let colour = done ? (session.state.success ? Theme.success : Theme.failure) : Theme.text
    canvas.text(StatusBar.summary(of: session), x: box.x + 16, y: box.y + 3, style: .mono,
                colour: colour)
    canvas.text(settings(), x: box.x + 16, y: box.y + 21, style: .small, colour: Theme.dimText)
  }
}
