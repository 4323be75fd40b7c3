import CSDL2
import EarshotMedia
import Foundation

/// An RGBA colour, 0–255 a channel.
struct Colour: Equatable {
  var red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255

  init(_ red: UInt8, _ green: UInt8, _ blue: UInt8, _ alpha: UInt8 = 255) {
    self.red = red
    self.green = green
    self.blue = blue
    self.alpha = alpha
  }

  /// The same colour with another opacity.
  func opacity(_ alpha: UInt8) -> Colour { Colour(red, green, blue, alpha) }
}

/// A rectangle in the viewer's logical pixels, y growing downwards.
public struct Box: Equatable, Sendable {
  /// Left edge.
  public var x: Int
  /// Top edge.
  public var y: Int
  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int

  /// A rectangle from its top-left corner and size.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// One past the right edge.
  public var maxX: Int { x + width }
  /// One past the bottom edge.
  public var maxY: Int { y + height }

  /// The box shrunk by `margin` on every side.
  func inset(_ margin: Int) -> Box {
    Box(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
  }

  var sdl: SDL_Rect { SDL_Rect(x: Int32(x), y: Int32(y), w: Int32(width), h: Int32(height)) }
}

/// Where a line of text sits relative to the point it is drawn at.
enum TextAlignment {
  case left, centre, right
}

/// The viewer's drawing surface: an SDL renderer (a window's or a software one on a
/// surface) with the few shapes, pictures and text the panels need.
///
/// Every draw is in logical pixels; the window's renderer scales them to its size.
final class Canvas {
  let renderer: OpaquePointer
  let fonts: FontSet?
  private var textCache: [String: (texture: OpaquePointer, width: Int, height: Int)] = [:]

  init(renderer: OpaquePointer, fonts: FontSet?) {
    self.renderer = renderer
    self.fonts = fonts
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND)
  }

  deinit {
    for entry in textCache.values { SDL_DestroyTexture(entry.texture) }
  }

  func clear(_ colour: Colour) {
    setColour(colour)
    SDL_RenderClear(renderer)
  }

  func fill(_ box: Box, _ colour: Colour) {
    setColour(colour)
    var rect = box.sdl
    SDL_RenderFillRect(renderer, &rect)
  }

  /// A frame `thickness` pixels wide inside `box`.
  func outline(_ box: Box, _ colour: Colour, thickness: Int = 1) {
    setColour(colour)
    for k in 0..<thickness {
      var rect = box.inset(k).sdl
      SDL_RenderDrawRect(renderer, &rect)
    }
  }

  func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ colour: Colour) {
    setColour(colour)
    SDL_RenderDrawLine(renderer, Int32(x0), Int32(y0), Int32(x1), Int32(y1))
  }

  /// A filled triangle through three points.
  func triangle(_ points: [(Double, Double)], _ colour: Colour) {
    let c = SDL_Color(r: colour.red, g: colour.green, b: colour.blue, a: colour.alpha)
    var vertices = points.map {
      SDL_Vertex(position: SDL_FPoint(x: Float($0.0), y: Float($0.1)), color: c,
                 tex_coord: SDL_FPoint(x: 0, y: 0))
    }
    SDL_RenderGeometry(renderer, nil, &vertices, Int32(vertices.count), nil, 0)
  }

  /// A circle outline `thickness` pixels wide, its inner radius `radius`.
  func circle(centreX: Double, centreY: Double, radius: Double, _ colour: Colour,
              thickness: Int = 1) {
    setColour(colour)
    var points = [SDL_Point]()
    for t in 0..<thickness {
      let r = radius + Double(t)
      let count = max(16, Int(2 * Double.pi * r))
      for k in 0..<count {
        let angle = 2 * Double.pi * Double(k) / Double(count)
        points.append(SDL_Point(x: Int32((centreX + r * cos(angle)).rounded()),
                                y: Int32((centreY + r * sin(angle)).rounded())))
      }
    }
    SDL_RenderDrawPoints(renderer, &points, Int32(points.count))
  }

  /// `image` stretched to `box`, each pixel a block (nearest neighbour), so that a whole
  /// number of pixels per image pixel keeps it exact.
  func image(_ image: RGBImage, in box: Box) {
    var bytes = image.bytes
    bytes.withUnsafeMutableBytes { raw in
      guard let surface = SDL_CreateRGBSurfaceWithFormatFrom(
        raw.baseAddress, Int32(image.width), Int32(image.height), 24, Int32(image.width * 3),
        SDL_PIXELFORMAT_RGB24.rawValue)
      else { return }
      defer { SDL_FreeSurface(surface) }
      guard let texture = SDL_CreateTextureFromSurface(renderer, surface) else { return }
      defer { SDL_DestroyTexture(texture) }
      SDL_SetTextureScaleMode(texture, SDL_ScaleModeNearest)
      SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_NONE)
      var rect = box.sdl
      SDL_RenderCopy(renderer, texture, nil, &rect)
    }
  }

  /// Draws one line of text with its top at `y`; returns its width (0 without fonts).
  @discardableResult
  func text(_ string: String, x: Int, y: Int, style: TextStyle = .body,
            colour: Colour = Colour(230, 230, 230), align: TextAlignment = .left) -> Int {
    guard !string.isEmpty, let entry = textTexture(string, style: style, colour: colour)
    else { return 0 }
    let left: Int
    switch align {
    case .left: left = x
    case .centre: left = x - entry.width / 2
    case .right: left = x - entry.width
    }
    var rect = SDL_Rect(x: Int32(left), y: Int32(y), w: Int32(entry.width),
                        h: Int32(entry.height))
    SDL_RenderCopy(renderer, entry.texture, nil, &rect)
    return entry.width
  }

  /// The width `text` would take, in pixels; 0 without fonts.
  func textWidth(_ string: String, style: TextStyle = .body) -> Int {
    guard let font = fonts?.font(style), !string.isEmpty else { return 0 }
    var w: Int32 = 0, h: Int32 = 0
    TTF_SizeUTF8(font, string, &w, &h)
    return Int(w)
  }

  private func textTexture(_ string: String, style: TextStyle, colour: Colour)
    -> (texture: OpaquePointer, width: Int, height: Int)?
  {
    let key = "\(style)|\(colour.red),\(colour.green),\(colour.blue),\(colour.alpha)|\(string)"
    if let cached = textCache[key] { return cached }
    guard let font = fonts?.font(style) else { return nil }
    // Status lines change every step; a bounded cache keeps memory flat over long runs.
    if textCache.count > 512 {
      for entry in textCache.values { SDL_DestroyTexture(entry.texture) }
      textCache.removeAll()
    }
    let c = SDL_Color(r: colour.red, g: colour.green, b: colour.blue, a: colour.alpha)
    guard let surface = TTF_RenderUTF8_Blended(font, string, c) else { return nil }
    defer { SDL_FreeSurface(surface) }
    guard let texture = SDL_CreateTextureFromSurface(renderer, surface) else { return nil }
    let entry = (texture, Int(surface.pointee.w), Int(surface.pointee.h))
    textCache[key] = entry
    return entry
  }

  private func setColour(_ c: Colour) {
    SDL_SetRenderDrawColor(renderer, c.red, c.green, c.blue, c.alpha)
  }
}
