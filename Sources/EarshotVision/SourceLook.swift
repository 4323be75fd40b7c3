/// How a sound source of one class looks: a colour, a second colour, a shape and a
/// pattern, all derived from the class name, so that any name gets a look and the same
/// name always gets the same one.
///
/// Goal and distractors of the same class look identical: the look tells classes apart,
/// never which source is the goal.
public struct SourceLook: Hashable, Sendable {
  /// The outline of the sprite.
  public enum Shape: Int, CaseIterable, Sendable {
    case disc, diamond, square, triangle, cross, hourglass
  }

  /// How the two colours are laid out inside the shape.
  public enum Pattern: Int, CaseIterable, Sendable {
    case solid, horizontalStripes, verticalStripes, checker, rings, dots
  }

  /// The sound class name the look is derived from.
  public let soundClass: String
  /// Main colour.
  public let primary: Palette.Colour
  /// Second colour of the pattern.
  public let secondary: Palette.Colour
  /// Outline.
  public let shape: Shape
  /// Layout of the two colours.
  public let pattern: Pattern
  /// Sprite pixels, `side × side × 3` bytes, row-major, top row first.
  public let texels: [UInt8]
  /// `side × side` flags, row-major: whether a pixel belongs to the sprite.
  public let mask: [Bool]

  /// Side of the sprite texture, in pixels.
  public static let side = 16

  /// The classes the shipped scenarios use; the renderer prepares their looks up front.
  public static let knownClasses = [
    "phone", "alarm", "bell", "canary", "piano", "trumpet", "guitar", "water", "xylophone",
    "cello", "harpsichord", "cockchafer", "hum", "chirp",
  ]

  /// The look of `soundClass`.
  ///
  /// - Complexity: O(side²).
  public init(soundClass: String) {
    self.soundClass = soundClass
    let h = SourceLook.stableHash(soundClass)

    // Hue, shape and pattern come from separate bits of the hash.
    let hue = Double(h % 360)
    primary = SourceLook.colour(hue: hue, saturation: 0.85, value: 0.95)
    secondary = SourceLook.colour(hue: (hue + 150).truncatingRemainder(dividingBy: 360),
      saturation: 0.5, value: 0.35 + Double((h >> 40) % 3) * 0.3)
    shape = Shape(rawValue: Int((h >> 16) % UInt64(Shape.allCases.count)))!
    pattern = Pattern(rawValue: Int((h >> 28) % UInt64(Pattern.allCases.count)))!

    let side = SourceLook.side
    var texels = [UInt8](repeating: 0, count: side * side * 3)
    var mask = [Bool](repeating: false, count: side * side)
    for y in 0..<side {
      for x in 0..<side {
        guard SourceLook.inside(shape, x, y) else { continue }
        let c = SourceLook.usesSecondary(pattern, x, y) ? secondary : primary
        let i = y * side + x
        mask[i] = true
        texels[3 * i] = c.red
        texels[3 * i + 1] = c.green
        texels[3 * i + 2] = c.blue
      }
    }
    self.texels = texels
    self.mask = mask
  }

  public static func == (a: SourceLook, b: SourceLook) -> Bool { a.soundClass == b.soundClass }
  public func hash(into hasher: inout Hasher) { hasher.combine(soundClass) }

  /// FNV-1a over the UTF-8 bytes, then a SplitMix64 finaliser: unlike `Hasher`, the
  /// same in every run.
  static func stableHash(_ name: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01b3
    }
    h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
    h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
    return h ^ (h >> 31)
  }

  /// Whether pixel (x, y) of the 16 × 16 design lies in the shape; each shape leaves a
  /// one-pixel margin so that neighbouring sprites do not merge.
  static func inside(_ shape: Shape, _ x: Int, _ y: Int) -> Bool {
    // Coordinates doubled so that the centre (7.5, 7.5) is the integer 15.
    let dx = abs(2 * x - 15), dy = abs(2 * y - 15)
    switch shape {
    case .disc: return dx * dx + dy * dy <= 14 * 14
    case .diamond: return dx + dy <= 15
    case .square: return dx <= 11 && dy <= 11
    case .triangle: return y >= 2 && y <= 14 && dx <= (y - 2) * 5 / 4 + 1
    case .cross: return (dx <= 5 && dy <= 13) || (dy <= 5 && dx <= 13)
    case .hourglass: return dy <= 13 && dx <= dy + 1
    }
  }

  static func usesSecondary(_ pattern: Pattern, _ x: Int, _ y: Int) -> Bool {
    switch pattern {
    case .solid:
      let dx = abs(2 * x - 15), dy = abs(2 * y - 15)
      return dx <= 3 && dy <= 3
    case .horizontalStripes: return (y / 3) % 2 == 1
    case .verticalStripes: return (x / 3) % 2 == 1
    case .checker: return (x / 4 + y / 4) % 2 == 1
    case .rings:
      let dx = 2 * x - 15, dy = 2 * y - 15
      let r = Int(Double(dx * dx + dy * dy).squareRoot())
      return (r / 5) % 2 == 1
    case .dots: return x % 4 >= 1 && x % 4 <= 2 && y % 4 >= 1 && y % 4 <= 2
    }
  }

  static func colour(hue: Double, saturation: Double, value: Double) -> Palette.Colour {
    let c = value * saturation
    let h = hue / 60
    let x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
    let (r, g, b): (Double, Double, Double)
    switch Int(h) {
    case 0: (r, g, b) = (c, x, 0)
    case 1: (r, g, b) = (x, c, 0)
    case 2: (r, g, b) = (0, c, x)
    case 3: (r, g, b) = (0, x, c)
    case 4: (r, g, b) = (x, 0, c)
    default: (r, g, b) = (c, 0, x)
    }
    let m = value - c
    func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, ((v + m) * 255).rounded()))) }
    return (byte(r), byte(g), byte(b))
  }
}

extension SourceLook {
  /// A byte naming the class in symbolic observations, 1–255, the same in every run.
  ///
  /// Distinct classes may share a code (one chance in 255 for two random names).
  public static func code(soundClass: String) -> UInt8 {
    UInt8(1 + stableHash(soundClass) % 255)
  }
}
