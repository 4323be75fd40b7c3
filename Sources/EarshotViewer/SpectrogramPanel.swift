/// The binaural spectrogram of the last few steps, scrolling left, the left ear above
/// the right.
struct SpectrogramPanel {
  let session: ViewerSession
  let box: Box

  func draw(on canvas: Canvas) {
    let history = session.spectrograms
    let seconds = Double(history.capacity) * session.suite.audioSettings.blockSeconds
    canvas.text("What the agent hears: spectrogram of both ears, last \(format(seconds)) s",
                x: box.x - 32, y: box.y - 24, style: .title)
    canvas.image(history.image(), in: box)

    // One thin line between steps, so that the scrolling reads as steps.
    let blockWidth = box.width / history.capacity
    for k in 1..<history.capacity {
      let x = box.x + k * blockWidth
      canvas.line(x, box.y, x, box.maxY - 1, Colour(255, 255, 255, 40))
    }

    let half = box.height / 2
    let nyquist = session.suite.audioSettings.sampleRate / 2000
    canvas.text("L", x: box.x - 26, y: box.y + half / 2 - 10, style: .title)
    canvas.text("R", x: box.x - 26, y: box.y + half + half / 2 - 10, style: .title)
    for ear in 0..<2 {
      let top = box.y + ear * half
      canvas.text("\(nyquist)k", x: box.x - 4, y: top, style: .small, colour: Theme.dimText,
                  align: .right)
      canvas.text("0 Hz", x: box.x - 4, y: top + half - 14, style: .small,
                  colour: Theme.dimText, align: .right)
    }
    canvas.text("−\(format(seconds)) s", x: box.x, y: box.maxY + 3, style: .small,
                colour: Theme.dimText)
    canvas.text("one block per 0.25 s step; bright = loud", x: box.x + box.width / 2,
                y: box.maxY + 3, style: .small, colour: Theme.dimText, align: .centre)
    canvas.text("now", x: box.maxX, y: box.maxY + 3, style: .small, colour: Theme.dimText,
                align: .right)
  }

  private func format(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }
}
