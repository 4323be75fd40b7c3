import EarshotMedia
import EarshotVision
import EarshotWorld
import Foundation

/// The top-down map: walls by material, the success region, the agent's trail, the
/// sources with their labels and sound rings, and the agent as a triangle.
struct MapPanel {
  let session: ViewerSession
  let box: Box

  /// Pixels per cell: the largest whole number that fits the world in the panel.
  var cellSize: Int {
    let world = session.episode.world
    return max(2, min(box.width / world.width, box.height / world.height))
  }

  /// The top-left corner of the grid, so that the world is centred in the panel.
  var origin: (x: Int, y: Int) {
    let world = session.episode.world
    return (box.x + (box.width - cellSize * world.width) / 2,
            box.y + (box.height - cellSize * world.height) / 2)
  }

  /// The rectangle of `cell`.
  func cellBox(_ cell: GridPoint) -> Box {
    Box(x: origin.x + cell.column * cellSize, y: origin.y + cell.row * cellSize,
        width: cellSize, height: cellSize)
  }

  /// The centre of `cell`, in pixels.
  func centre(_ cell: GridPoint) -> (x: Double, y: Double) {
    let b = cellBox(cell)
    return (Double(b.x) + Double(cellSize) / 2, Double(b.y) + Double(cellSize) / 2)
  }

  func draw(on canvas: Canvas) {
    canvas.fill(box, Theme.panel)
    drawTiles(on: canvas)
    drawTrail(on: canvas)
    drawSources(on: canvas)
    drawAgent(on: canvas)
    drawLabels(on: canvas)
  }

  private func drawTiles(on canvas: Canvas) {
    let episode = session.episode, world = episode.world
    for index in 0..<(world.width * world.height) {
      let cell = world.cell(at: index), b = cellBox(cell)
      switch world[cell] {
      case .wall(let material):
        let c = Palette.colour(ofMaterial: world.materials[material].name)
        canvas.fill(b, Colour(c.red, c.green, c.blue))
      case .floor, .doorway:
        let inRegion = episode.regionDistance[index] == 0
        canvas.fill(b, inRegion ? Theme.successRegion : Theme.floor)
        canvas.outline(b, Theme.gridLine)
        if case .doorway = world[cell] {
          let f = Palette.doorFrame
          canvas.outline(b, Colour(f.red, f.green, f.blue), thickness: max(1, cellSize / 8))
        }
      }
    }
    let start = cellBox(episode.start.cell).inset(max(2, cellSize / 5))
    canvas.outline(start, Theme.text.opacity(160), thickness: 2)
  }

  private func drawTrail(on canvas: Canvas) {
    let points = session.trail.map(centre)
    for (a, b) in zip(points, points.dropFirst()) {
      for offset in -1...1 {
        let horizontal = abs(a.y - b.y) < 0.5
        let dx = horizontal ? 0 : offset, dy = horizontal ? offset : 0
        canvas.line(Int(a.x) + dx, Int(a.y) + dy, Int(b.x) + dx, Int(b.y) + dy,
                    Theme.trail.opacity(200))
      }
    }
    let dot = max(2, cellSize / 6)
    for p in points {
      canvas.fill(Box(x: Int(p.x) - dot / 2, y: Int(p.y) - dot / 2, width: dot, height: dot),
                  Theme.trail)
    }
  }

  private func drawSources(on canvas: Canvas) {
    for (k, source) in session.episode.sources.enumerated() {
      let b = cellBox(source.cell)
      let look = SourceLook(soundClass: source.spec.sound)
      canvas.image(MapPanel.sprite(look, background: Theme.floor),
                   in: b.inset(max(1, cellSize / 10)))
      let marker = source.isGoal ? Theme.goal : Theme.distractor
      canvas.outline(b, marker, thickness: source.isGoal ? 3 : 1)
      guard session.isPlaying(source: k) else { continue }
      // Rings grow with the step, so that a playing source visibly pulses.
      let c = centre(source.cell)
      let phase = Double(session.step % 3) / 3
      for ring in 0..<3 {
        let radius = Double(cellSize) * (0.75 + 0.5 * (Double(ring) + phase))
        let alpha = UInt8(max(40, 220 - 60 * ring - Int(60 * phase)))
        canvas.circle(centreX: c.x, centreY: c.y, radius: radius, marker.opacity(alpha),
                      thickness: 2)
      }
    }
  }

  private func drawAgent(on canvas: Canvas) {
    let pose = session.state.pose, c = centre(pose.cell), s = Double(cellSize)
    let ahead = (Double(pose.heading.dx), Double(pose.heading.dy))
    let side = (-ahead.1, ahead.0)
    func point(_ forward: Double, _ sideways: Double) -> (Double, Double) {
      (c.x + s * (forward * ahead.0 + sideways * side.0),
       c.y + s * (forward * ahead.1 + sideways * side.1))
    }
    canvas.triangle([point(0.5, 0), point(-0.36, 0.38), point(-0.36, -0.38)], Theme.text)
    canvas.triangle([point(0.4, 0), point(-0.28, 0.29), point(-0.28, -0.29)], Theme.agent)
  }

  private func drawLabels(on canvas: Canvas) {
    let world = session.episode.world
    for (k, source) in session.episode.sources.enumerated() {
      var label = source.isGoal ? "GOAL: \(source.spec.sound)" : source.spec.sound
      if !session.isPlaying(source: k) { label += " (silent)" }
      let b = cellBox(source.cell)
      let width = canvas.textWidth(label, style: .small)
      guard width > 0 else { continue }
      let above = source.cell.row > 0 || world.height == 1
      let y = above ? b.y - 16 : b.maxY + 2
      let x = min(max(box.x, b.x + cellSize / 2 - width / 2 - 3), box.maxX - width - 6)
      canvas.fill(Box(x: x, y: y, width: width + 6, height: 15), Colour(0, 0, 0, 190))
      canvas.text(label, x: x + 3, y: y, style: .small,
                  colour: source.isGoal ? Theme.goal : Theme.distractor)
    }
  }

  /// A source's sprite over `background`, where its mask leaves the cell bare.
  static func sprite(_ look: SourceLook, background: Colour) -> RGBImage {
    let side = SourceLook.side
    var bytes = [UInt8](repeating: 0, count: side * side * 3)
    for i in 0..<(side * side) {
      let on = look.mask[i]
      bytes[3 * i] = on ? look.texels[3 * i] : background.red
      bytes[3 * i + 1] = on ? look.texels[3 * i + 1] : background.green
      bytes[3 * i + 2] = on ? look.texels[3 * i + 2] : background.blue
    }
    return RGBImage(width: side, height: side, bytes: bytes)
  }
}
