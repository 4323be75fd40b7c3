import EarshotLearning
import EarshotWorld
import Foundation

/// What a learned policy relies on: its action probabilities as bars, and the shares of
/// its decision that Integrated Gradients gives to vision and to audio as one split bar.
///
/// Policies that explain nothing (the oracle, random actions, the keyboard) get one line
/// saying they have no network.
struct InsightPanel {
  let session: ViewerSession
  let box: Box

  /// The line shown instead of the bars, or nil when there are bars to show.
  static func caption(for session: ViewerSession) -> String? {
    guard session.insight == nil else { return nil }
    if session.explainsDecisions {
      return "\(session.policyName): no decision yet"
    }
    return "\(session.policyName): no network"
  }

  /// The full-length track of action `k`'s probability bar.
  func actionTrack(_ k: Int) -> Box {
    Box(x: box.x + 72, y: box.y + 36 + k * 28, width: box.width - 128, height: 18)
  }

  /// The split bar of modality shares: vision from the left, audio from the right.
  var shareBar: Box { Box(x: box.x + 12, y: box.y + 196, width: box.width - 24, height: 24) }

  func draw(on canvas: Canvas) {
    canvas.text("What the policy relies on", x: box.x, y: box.y - 24, style: .title)
    canvas.fill(box, Theme.panel)
    guard let insight = session.insight else {
      canvas.text(InsightPanel.caption(for: session) ?? "", x: box.x + 12, y: box.y + 14)
      let lines = ["A learned policy shows here how", "likely each action was, and how",
                   "much its choice rested on vision", "and how much on audio."]
      for (k, line) in lines.enumerated() {
        canvas.text(line, x: box.x + 12, y: box.y + 44 + 18 * k, style: .small,
                    colour: Theme.dimText)
      }
      return
    }

    canvas.text("Action probabilities", x: box.x + 12, y: box.y + 10)
    for action in Action.allCases {
      let k = action.rawValue
      let p = k < insight.actionProbabilities.count ? insight.actionProbabilities[k] : 0
      let track = actionTrack(k)
      canvas.text(action.name, x: box.x + 12, y: track.y + 1)
      canvas.fill(track, Colour(0, 0, 0, 90))
      let filled = Int((Double(track.width) * Double(min(1, max(0, p)))).rounded())
      let chosen = session.lastAction == action
      canvas.fill(Box(x: track.x, y: track.y, width: filled, height: track.height),
                  chosen ? Theme.text : Theme.bar)
      canvas.text(String(format: "%3.0f%%", Double(p) * 100), x: box.maxX - 10, y: track.y + 1,
                  style: .mono, align: .right)
    }

    let bar = shareBar
    canvas.text("Vision vs audio (Integrated Gradients)", x: box.x + 12, y: bar.y - 26,
                style: .small)
    guard let (vision, audio) = InsightPanel.shares(insight) else {
      canvas.text("shares not computed", x: bar.x, y: bar.y + 4, style: .small,
                  colour: Theme.dimText)
      return
    }
    let visionWidth = Int((Double(bar.width) * vision).rounded())
    canvas.fill(Box(x: bar.x, y: bar.y, width: visionWidth, height: bar.height), Theme.vision)
    canvas.fill(Box(x: bar.x + visionWidth, y: bar.y, width: bar.width - visionWidth,
                    height: bar.height), Theme.audio)
    canvas.text(String(format: "vision %.0f%%", vision * 100), x: bar.x, y: bar.maxY + 4,
                colour: Theme.vision)
    canvas.text(String(format: "audio %.0f%%", audio * 100), x: bar.maxX, y: bar.maxY + 4,
                colour: Theme.audio, align: .right)
  }

  /// Vision's and audio's shares, negative parts dropped, scaled to add up to 1; nil when
  /// neither is positive.
  static func shares(_ insight: DecisionInsight) -> (vision: Double, audio: Double)? {
    let vision = Double(max(0, insight.modalityShares["vision"] ?? 0))
    let audio = Double(max(0, insight.modalityShares["audio"] ?? 0))
    guard vision + audio > 0, (vision + audio).isFinite else { return nil }
    return (vision / (vision + audio), audio / (vision + audio))
  }
}
