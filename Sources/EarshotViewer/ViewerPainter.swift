/// Draws a whole `ViewerSession` onto a canvas: the same picture in the window and in a
/// headless screenshot.
struct ViewerPainter {
  let layout = ViewerLayout()

  /// Draws every panel, then the result and help over them.
  ///
  /// - Parameter sound: How the sound stands, for the status line; nil to leave it out.
  func draw(_ session: ViewerSession, on canvas: Canvas, sound: String?) {
    canvas.clear(Theme.background)
    StatusBar(session: session, box: layout.status, sound: sound).draw(on: canvas)

    let world = session.episode.world
    canvas.text("The world from above (\(world.name), \(world.width)×\(world.height) cells): "
                + "only you see this", x: layout.map.x, y: layout.map.y - 24, style: .title)
    MapPanel(session: session, box: layout.map).draw(on: canvas)
    LegendPanel(box: layout.legend).draw(on: canvas)
    ViewPanel(session: session, layout: layout).draw(on: canvas)
    InsightPanel(session: session, box: layout.insight).draw(on: canvas)
    SpectrogramPanel(session: session, box: layout.spectrogram).draw(on: canvas)

    let overlays = Overlays(session: session, layout: layout)
    overlays.drawKeys(on: canvas)
    overlays.drawResult(on: canvas)
    overlays.drawHelp(on: canvas)
  }
}
