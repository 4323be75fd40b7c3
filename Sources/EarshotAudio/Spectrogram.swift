import Foundation

/// Log-magnitude spectrograms of the two ears, the audio features a policy sees.
///
/// Each ear's block is cut into frames of `spectrogramWindow` samples (Hann window, periodic),
/// `spectrogramHop` apart; each frame's power spectrum is written in decibels relative to
/// a full-scale sine centred on a bin, floored at `spectrogramFloorDecibels`:
///
/// ```
/// S[ear, f, t] = max(floor, 10 log₁₀(|X_t(f)|² / (Σw / 2)²))
/// ```
///
/// With the defaults (0.25 s at 16 kHz, window 128, hop 64) the shape is 2 × 65 × 61:
/// 125 Hz bins from 0 to 8 kHz, frames every 4 ms. SoundSpaces uses 65 bins too.
public final class Spectrogram {
  /// Settings that fix the window, hop, floor and block length.
  public let settings: AudioSettings
  /// Frequency bins F, from 0 Hz to half the sample rate.
  public let bins: Int
  /// Frames T per block.
  public let frames: Int
  /// The last result of `compute`: 2 × F × T, ear-major then bin then frame.
  public private(set) var values: [Float]

  /// The Hann window, `spectrogramWindow` samples.
  private let window: UnsafeMutablePointer<Float>
  /// Scratch: decibels frame-major, 2 × T × F.
  private let decibels: UnsafeMutablePointer<Float>
  private let reference: Float
  private let fft: BatchFFT

  /// A spectrogram for blocks of `settings.blockLength` samples.
  public init(settings: AudioSettings = AudioSettings()) {
    precondition(settings.spectrogramFrames > 0, "the window is longer than a block")
    self.settings = settings
    bins = settings.spectrogramBins
    frames = settings.spectrogramFrames
    let n = settings.spectrogramWindow
    let hann = (0..<n).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n))) }
    window = .allocate(capacity: n)
    window.initialize(from: hann, count: n)
    decibels = .allocate(capacity: 2 * bins * frames)
    decibels.initialize(repeating: 0, count: 2 * bins * frames)
    let half = hann.reduce(0, +) / 2
    reference = half * half
    fft = BatchFFT(length: n, count: 2 * frames)
    values = [Float](repeating: settings.spectrogramFloorDecibels, count: 2 * bins * frames)
  }

  deinit {
    window.deallocate()
    decibels.deallocate()
  }

  /// The shape of `compute`'s result: (ears, bins, frames).
  public var shape: (ears: Int, bins: Int, frames: Int) { (2, bins, frames) }

  /// The log-magnitude spectrogram of both ears.
  ///
  /// - Parameter block: `settings.blockLength` samples per ear.
  /// - Returns: 2 × F × T values in decibels (also kept in `values`).
  /// - Complexity: O(T × W log W) for window W.
  public func compute(_ block: AudioBlock) -> [Float] {
    precondition(block.count == settings.blockLength, "a block of the configured length")
    let n = settings.spectrogramWindow, hop = settings.spectrogramHop
    let (bins, frames) = (self.bins, self.frames)
    for (ear, samples) in [block.left, block.right].enumerated() {
      samples.withUnsafeBufferPointer { x in
        for t in 0..<frames {
          let frame = fft.input + (ear * frames + t) * n
          let source = x.baseAddress! + t * hop
          for k in 0..<n { frame[k] = source[k] * window[k] }
        }
      }
    }
    fft.execute()

    // Decibels in FFTW's order (frame-major), in loops that vectorise, then transposed.
    let total = 2 * frames * bins
    let floor = settings.spectrogramFloorDecibels
    // Powers at or below this read as the floor; comparing first keeps log(0) out.
    let floorAmplitude = Float(amplitude(decibels: Double(floor)))
    let floorPower = reference * floorAmplitude * floorAmplitude
    let scale = 10 * Float(0.301_029_995_663_981_2)  // 10 log₁₀ 2
    let offset = fastLog2(reference)
    let (re, im) = (fft.real, fft.imaginary), decibels = self.decibels
    for i in 0..<total {
      let power = re[i] * re[i] + im[i] * im[i]
      let level = scale * (fastLog2(max(power, floorPower)) - offset)
      decibels[i] = power <= floorPower ? floor : max(floor, level)
    }
    values.withUnsafeMutableBufferPointer { out in
      for ear in 0..<2 {
        transpose(
          decibels + ear * frames * bins, rows: frames, columns: bins,
          into: out.baseAddress! + ear * bins * frames)
      }
    }
    return values
  }

  /// `out[c][r] = x[r][c]` for a `rows` × `columns` row-major `x`, in 4 × 4 tiles moved
  /// as vectors, the edges one value at a time.
  private func transpose(
    _ x: UnsafePointer<Float>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>
  ) {
    let fullRows = rows / 4 * 4, fullColumns = columns / 4 * 4
    for r in stride(from: 0, to: fullRows, by: 4) {
      for c in stride(from: 0, to: fullColumns, by: 4) {
        let a = loadVector(x + r * columns + c), b = loadVector(x + (r + 1) * columns + c)
        let d = loadVector(x + (r + 2) * columns + c), e = loadVector(x + (r + 3) * columns + c)
        for k in 0..<4 { storeVector(SIMD4(a[k], b[k], d[k], e[k]), at: out + (c + k) * rows + r) }
      }
      for c in fullColumns..<columns {
        for k in r..<(r + 4) { out[c * rows + k] = x[k * columns + c] }
      }
    }
    for r in fullRows..<rows {
      for c in 0..<columns { out[c * rows + r] = x[r * columns + c] }
    }
  }

  /// The last spectrogram as an RGB image: the left ear above the right, low frequencies at
  /// the bottom of each, time to the right, a `scale`-pixel black line between them.
  ///
  /// - Parameters:
  ///   - scale: Pixels per bin and per frame.
  ///   - range: Decibels mapped to the darkest and the brightest colour.
  /// - Returns: `width` = T × scale, `height` = (2F + 1) × scale, and `rgb`, row-major, 3
  ///   bytes a pixel, top row first.
  public func rgbImage(
    scale: Int = 4, range: ClosedRange<Float> = -100 ... -20
  ) -> (width: Int, height: Int, rgb: [UInt8]) {
    let width = frames * scale, height = (2 * bins + 1) * scale
    var rgb = [UInt8](repeating: 0, count: width * height * 3)
    let span = range.upperBound - range.lowerBound
    for ear in 0..<2 {
      for f in 0..<bins {
        // Row of this bin's top pixel: left ear on top, high frequencies up.
        let top = (ear * (bins + 1) + (bins - 1 - f)) * scale
        for t in 0..<frames {
          let value = values[(ear * bins + f) * frames + t]
          let (r, g, b) = ColourMap.colour((value - range.lowerBound) / span)
          for dy in 0..<scale {
            for dx in 0..<scale {
              let p = ((top + dy) * width + t * scale + dx) * 3
              rgb[p] = r
              rgb[p + 1] = g
              rgb[p + 2] = b
            }
          }
        }
      }
    }
    return (width, height, rgb)
  }
}
