import Foundation

/// What is drawn over the panels: the episode's result, the key list, the key summary.
struct Overlays {
  let session: ViewerSession
  let layout: ViewerLayout

  /// The key summary, one line per group, for the current mode.
  static func keyLines(policyDriven: Bool) -> [String] {
    let moves = policyDriven
      ? "Space pause/resume   N one step   + faster   − slower"
      : "W/↑ forward   A/← turn left   D/→ turn right   Space stop (ends the episode)"
    return [moves, "R restart episode   Tab switch view   M mute   H help   Esc quit"]
  }

  func drawKeys(on canvas: Canvas) {
    let box = layout.keys
    canvas.fill(box, Theme.panel)
    for (k, line) in Overlays.keyLines(policyDriven: session.isPolicyDriven).enumerated() {
      canvas.text(line, x: box.x + 10, y: box.y + 8 + 20 * k, colour: Theme.dimText)
    }
  }

  /// The result over the map once the episode has ended.
  func drawResult(on canvas: Canvas) {
    guard session.state.done else { return }
    let state = session.state, metrics = session.metrics
    let title = state.success
      ? "Success!" : (state.actions >= session.episode.maxSteps ? "Out of steps" : "Failed")
    let distance = Int(metrics.distanceToGoal)
    let lines = [
      String(format: "%d actions, %d cells travelled, SPL %.2f", state.actions,
             state.cellsTravelled, metrics.spl),
      state.success
        ? "stopped where the goal counts as found"
        : "ended \(distance) cell\(distance == 1 ? "" : "s") from where stopping succeeds",
      session.isPolicyDriven ? "the next episode starts in a moment; R replays this one"
        : "press R to play this episode again",
    ]
    // Along the map's bottom edge, where the world's margin usually is, so that the agent
    // and the goal stay in sight.
    let map = layout.map
    let box = Box(x: map.x + map.width / 2 - 230, y: map.maxY - 76, width: 460, height: 72)
    canvas.fill(box, Colour(0, 0, 0, 215))
    let colour = state.success ? Theme.success : Theme.failure
    canvas.outline(box, colour, thickness: 2)
    canvas.text(title, x: box.x + 12, y: box.y + 8, style: .title, colour: colour)
    canvas.text(lines[0], x: box.maxX - 12, y: box.y + 10, align: .right)
    canvas.text(lines[1], x: box.x + 12, y: box.y + 31)
    canvas.text(lines[2], x: box.x + 12, y: box.y + 50, colour: Theme.dimText)
  }

  /// The key list, on H.
  func drawHelp(on canvas: Canvas) {
    guard session.showsHelp else { return }
    let rows: [(String, String)] = session.isPolicyDriven
      ? [("Space", "pause or resume the policy"), ("N", "pause and take one step"),
         ("+ / −", "twice or half as many steps a second (4 is real time)")]
      : [("W or ↑", "move one cell forward"), ("A or ←", "turn 90° left"),
         ("D or →", "turn 90° right"), ("Space", "stop: ends the episode, a success if the "
           + "goal is near")]
    let common: [(String, String)] = [
      ("R", "restart the episode"), ("Tab", "first-person or top-down view"),
      ("M", "mute or unmute"), ("H", "show or hide this help"), ("Esc", "quit"),
    ]
    let all = rows + common
    let box = Box(x: 240, y: 150, width: 800, height: 90 + 24 * all.count)
    canvas.fill(box, Colour(0, 0, 0, 225))
    canvas.outline(box, Theme.text, thickness: 1)
    canvas.text("Keys", x: box.x + 20, y: box.y + 16, style: .title)
    for (k, row) in all.enumerated() {
      canvas.text(row.0, x: box.x + 30, y: box.y + 50 + 24 * k, style: .mono, colour: Theme.goal)
      canvas.text(row.1, x: box.x + 150, y: box.y + 50 + 24 * k)
    }
    canvas.text("The map shows what the agent cannot: it sees only the frame and hears only "
                + "the sound.", x: box.x + 20, y: box.maxY - 30, style: .small,
                colour: Theme.dimText)
  }
}
