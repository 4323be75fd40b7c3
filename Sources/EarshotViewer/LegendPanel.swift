import EarshotVision

/// What the map's marks mean, each beside a small copy of the mark.
struct LegendPanel {
  let box: Box

  func draw(on canvas: Canvas) {
    canvas.fill(box, Theme.panel)
    let columnWidth = box.width / 2
    let entries: [(String, (Canvas, Box) -> Void)] = [
      ("agent, pointing where it faces", { c, b in
        let x = Double(b.x), y = Double(b.y), s = Double(b.width)
        c.triangle([(x + s, y + s / 2), (x + 2, y + 2), (x + 2, y + s - 2)], Theme.agent)
      }),
      ("goal source: find it, then stop", { c, b in c.outline(b, Theme.goal, thickness: 3) }),
      ("trail: the cells visited", { c, b in
        c.fill(Box(x: b.x, y: b.y + b.height / 2 - 1, width: b.width, height: 3), Theme.trail)
      }),
      ("distractor source", { c, b in c.outline(b, Theme.distractor) }),
      ("success region: stop here", { c, b in c.fill(b, Theme.successRegion) }),
      ("rings: the source is playing", { c, b in
        c.circle(centreX: Double(b.x + b.width / 2), centreY: Double(b.y + b.height / 2),
                 radius: Double(b.width) / 2 - 2, Theme.goal, thickness: 2)
      }),
      ("start cell", { c, b in c.outline(b.inset(2), Theme.text.opacity(160), thickness: 2) }),
      ("doorway; walls in their material's colour", { c, b in
        c.fill(b, Theme.floor)
        let f = Palette.doorFrame
        c.outline(b, Colour(f.red, f.green, f.blue), thickness: 3)
      }),
    ]
    canvas.text("Legend", x: box.x + 10, y: box.y + 6, style: .title)
    for (k, entry) in entries.enumerated() {
      let x = box.x + 10 + (k % 2) * columnWidth
      let y = box.y + 30 + (k / 2) * 25
      let swatch = Box(x: x, y: y, width: 18, height: 18)
      entry.1(canvas, swatch)
      canvas.text(entry.0, x: x + 26, y: y + 1, style: .body)
    }
  }
}
