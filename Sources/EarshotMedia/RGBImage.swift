/// An 8-bit RGB picture held in memory: frames, depth maps, spectrograms.
///
/// `bytes` is row-major, top row first, three bytes (red, green, blue) a pixel:
/// `height × width × 3` values, no padding between rows.
public struct RGBImage: Hashable, Sendable {
  /// Columns, in pixels.
  public let width: Int
  /// Rows, in pixels.
  public let height: Int
  /// `height × width × 3` bytes, row-major, RGB.
  public var bytes: [UInt8]

  /// A picture from its bytes.
  ///
  /// - Precondition: `bytes.count == width × height × 3`, and both sides are positive.
  public init(width: Int, height: Int, bytes: [UInt8]) {
    precondition(width > 0 && height > 0, "an image needs at least one pixel")
    precondition(bytes.count == width * height * 3, "expected \(width)×\(height)×3 bytes")
    self.width = width
    self.height = height
    self.bytes = bytes
  }

  /// A picture of one colour.
  public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) {
    var bytes = [UInt8](repeating: 0, count: width * height * 3)
    for i in stride(from: 0, to: bytes.count, by: 3) {
      bytes[i] = red
      bytes[i + 1] = green
      bytes[i + 2] = blue
    }
    self.init(width: width, height: height, bytes: bytes)
  }

  /// A grey picture from values in [0, 1]: 0 is black, 1 white; others are clamped.
  ///
  /// - Parameter values: `height × width` values, row-major.
  public init(width: Int, height: Int, grey values: [Float]) {
    precondition(values.count == width * height, "expected \(width)×\(height) values")
    var bytes = [UInt8](repeating: 0, count: width * height * 3)
    for (i, v) in values.enumerated() {
      let clamped = v.isNaN ? 0 : min(1, max(0, v))
      let level = UInt8((clamped * 255).rounded())
      bytes[3 * i] = level
      bytes[3 * i + 1] = level
      bytes[3 * i + 2] = level
    }
    self.init(width: width, height: height, bytes: bytes)
  }

  /// The red, green and blue bytes of the pixel in `column`, `row` (row 0 at the top).
  public func pixel(column: Int, row: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
    let i = (row * width + column) * 3
    return (bytes[i], bytes[i + 1], bytes[i + 2])
  }

  /// The picture enlarged `factor` times in each direction, each pixel a square block
  /// (nearest neighbour), so that small frames stay sharp when shown.
  ///
  /// - Complexity: O(width × height × factor²).
  public func upscaled(by factor: Int) -> RGBImage {
    precondition(factor >= 1, "the factor must be at least 1")
    let w = width * factor, h = height * factor
    var out = [UInt8](repeating: 0, count: w * h * 3)
    for y in 0..<h {
      for x in 0..<w {
        let from = ((y / factor) * width + x / factor) * 3
        let to = (y * w + x) * 3
        out[to] = bytes[from]
        out[to + 1] = bytes[from + 1]
        out[to + 2] = bytes[from + 2]
      }
    }
    return RGBImage(width: w, height: h, bytes: out)
  }

  /// The largest difference between two pictures of the same size, over all bytes (0–255).
  public func maximumDifference(from other: RGBImage) -> Int {
    precondition(width == other.width && height == other.height, "sizes differ")
    var worst = 0
    for i in bytes.indices { worst = max(worst, abs(Int(bytes[i]) - Int(other.bytes[i]))) }
    return worst
  }
}
