import EarshotMedia

/// The spectrograms of the last few steps side by side, newest on the right, so that the
/// picture scrolls left by one block each step.
///
/// Each block is the `EpisodeSensors.spectrogramImage()` picture at one pixel per bin and
/// frame: the left ear above the right, a black row between them, low frequencies at the
/// bottom of each.
public struct SpectrogramHistory: Sendable {
  /// How many blocks the picture holds.
  public let capacity: Int
  /// Spectrogram frames in one block (61 by default), the width of a block in pixels.
  public let framesPerBlock: Int
  /// Rows of a block: two ears of `bins` rows and the black row between (131 by default).
  public let rows: Int
  /// The blocks kept, oldest first, at most `capacity` of them.
  public private(set) var blocks: [RGBImage] = []

  /// An empty history of `capacity` blocks of `framesPerBlock` × `rows` pixels.
  public init(capacity: Int, framesPerBlock: Int, rows: Int) {
    precondition(capacity > 0 && framesPerBlock > 0 && rows > 0, "empty spectrogram history")
    self.capacity = capacity
    self.framesPerBlock = framesPerBlock
    self.rows = rows
  }

  /// Adds the newest block, dropping the oldest when full.
  ///
  /// `width`, `height` and `rgb` are the picture `spectrogramImage()` gives, at any whole
  /// number of pixels per bin and frame; it is reduced to one pixel each.
  public mutating func append(width: Int, height: Int, rgb: [UInt8]) {
    let scale = max(1, width / framesPerBlock)
    var bytes = [UInt8](repeating: 0, count: framesPerBlock * rows * 3)
    for row in 0..<min(rows, height / scale) {
      for column in 0..<min(framesPerBlock, width / scale) {
        let from = (row * scale * width + column * scale) * 3
        let to = (row * framesPerBlock + column) * 3
        bytes[to] = rgb[from]
        bytes[to + 1] = rgb[from + 1]
        bytes[to + 2] = rgb[from + 2]
      }
    }
    blocks.append(RGBImage(width: framesPerBlock, height: rows, bytes: bytes))
    if blocks.count > capacity { blocks.removeFirst(blocks.count - capacity) }
  }

  /// Forgets every block, as at the start of an episode.
  public mutating func clear() { blocks.removeAll() }

  /// The picture: `capacity × framesPerBlock` pixels wide, `rows` high, the newest block
  /// at the right edge and black where no block has been heard yet.
  ///
  /// - Complexity: O(capacity × framesPerBlock × rows).
  public func image() -> RGBImage {
    let width = capacity * framesPerBlock
    var bytes = [UInt8](repeating: 0, count: width * rows * 3)
    let first = capacity - blocks.count
    for (k, block) in blocks.enumerated() {
      let left = (first + k) * framesPerBlock
      for row in 0..<rows {
        let to = (row * width + left) * 3
        let from = row * framesPerBlock * 3
        bytes.replaceSubrange(to..<(to + framesPerBlock * 3),
                              with: block.bytes[from..<(from + framesPerBlock * 3)])
      }
    }
    return RGBImage(width: width, height: rows, bytes: bytes)
  }
}
