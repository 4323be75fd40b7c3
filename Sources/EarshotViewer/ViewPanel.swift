import EarshotVision

/// The agent's view: its first-person frame scaled up by a whole number (nearest
/// neighbour), or on Tab the partial top-down view of the cells around it.
struct ViewPanel {
  let session: ViewerSession
  let layout: ViewerLayout

  /// Cells a side of the partial top-down view.
  static let partialSize = 7

  func draw(on canvas: Canvas) {
    let camera = session.suite.camera
    canvas.fill(layout.view, Colour(0, 0, 0))
    switch session.viewMode {
    case .firstPerson:
      let scale = layout.frameScale(for: camera)
      canvas.text("What the agent sees (\(camera.width)×\(camera.height) px, ×\(scale))",
                  x: layout.view.x, y: layout.view.y - 24, style: .title)
      canvas.image(session.observation.frame.image, in: layout.frameBox(for: camera))
    case .partialMap:
      let size = ViewPanel.partialSize
      canvas.text("Nearby cells from above (\(size)×\(size))",
                  x: layout.view.x, y: layout.view.y - 24, style: .title)
      let tile = layout.view.width / size
      let episode = session.episode
      if let view = try? PartialView(world: episode.world, pose: session.state.pose,
                                     sources: episode.sources, size: size),
        let picture = try? view.image(tileSize: tile)
      {
        let side = tile * size
        canvas.image(picture, in: Box(x: layout.view.x + (layout.view.width - side) / 2,
                                      y: layout.view.y + (layout.view.height - side) / 2,
                                      width: side, height: side))
      }
    }
    let other = session.viewMode == .firstPerson ? "top-down view" : "first-person view"
    canvas.text("Tab: \(other)", x: layout.view.x, y: layout.view.maxY + 2, style: .small,
                colour: Theme.dimText)
  }
}
