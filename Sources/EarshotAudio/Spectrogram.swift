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
  private let reference: Float
  private let fft: BatchFFT
  /// Scratch for `compute`: both ears' levels frame by frame, before the transpose.
  private let levels: UnsafeMutablePointer<Float>

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
    let half = hann.reduce(0, +) / 2
    reference = half * half
    fft = BatchFFT(length: n, count: frames)
    values = [Float](repeating: settings.spectrogramFloorDecibels, count: 2 * bins * frames)
    levels = .allocate(capacity: 2 * frames * (bins - 1))
  }

  deinit {
    window.deallocate()
    levels.deallocate()
  }

  /// The shape of `compute`'s result: (ears, bins, frames).
  public var shape: (ears: Int, bins: Int, frames: Int) { (2, bins, frames) }

  /// The log-magnitude spectrogram of both ears.
  ///
  /// Both ears go through one complex FFT per frame, z = l + i·r; since l and r are real,
  /// their spectra are L(k) = (Z(k) + Z*(n − k)) / 2 and R(k) = (Z(k) − Z*(n − k)) / 2i.
  ///
  /// - Parameter block: `settings.blockLength` samples per ear.
  /// - Returns: 2 × F × T values in decibels (also kept in `values`).
  /// - Complexity: O(T × W log W) for window W.
  public func compute(_ block: AudioBlock) -> [Float] {
    precondition(block.count == settings.blockLength, "a block of the configured length")
    let n = settings.spectrogramWindow, hop = settings.spectrogramHop
    let (bins, frames) = (self.bins, self.frames)
    block.left.withUnsafeBufferPointer { l in
      block.right.withUnsafeBufferPointer { r in
        for t in 0..<frames {
          window(l.baseAddress! + t * hop, into: fft.inputReal + t * n)
          window(r.baseAddress! + t * hop, into: fft.inputImaginary + t * n)
        }
      }
    }
    fft.execute()

    // With Z(k) = a + ib and Z(n − k) = c + id: 4|L(k)|² = (a + c)² + (b − d)² and
    // 4|R(k)|² = (b + d)² + (a − c)²; the factor 4 is folded into the reference (`offset`).
    let floor = settings.spectrogramFloorDecibels
    let scale = 10 * Float(0.301_029_995_663_981_2)  // 10 log₁₀ 2
    let offset = fastLog2(4 * reference)
    // fastLog2 of 0 or of a subnormal is a finite number below −126, far under any floor,
    // so no power needs clamping first.
    @inline(__always) func decibels(_ power: SIMD4<Float>) -> SIMD4<Float> {
      let level = scale * (fastLog2(power) - offset)
      return level.replacing(with: floor, where: level .< floor)
    }
    @inline(__always) func decibels(_ power: Float) -> Float {
      Swift.max(scale * (fastLog2(power) - offset), floor)
    }
    let (re, im) = (UnsafePointer(fft.outputReal), UnsafePointer(fft.outputImaginary))
    // Bins 1 ..< paired, four at a time, each frame's vector of Z(k) next to its reversed
    // vector of Z(n − k), into `levels` frame by frame; then into the result, transposed.
    let paired = 1 + (bins - 1) / 4 * 4, width = paired - 1
    let (levelsLeft, levelsRight) = (levels, levels + frames * width)
    for t in 0..<frames {
      let (z, l, r) = (t * n, levelsLeft + t * width, levelsRight + t * width)
      var k = 1
      while k < paired {
        let (a, b) = (loadVector(re + z + k), loadVector(im + z + k))
        let c = reversed(loadVector(re + z + n - k - 3))
        let d = reversed(loadVector(im + z + n - k - 3))
        let (sum, gap, sum2, gap2) = (a + c, b - d, b + d, a - c)
        storeVector(decibels(sum * sum + gap * gap), at: l + k - 1)
        storeVector(decibels(sum2 * sum2 + gap2 * gap2), at: r + k - 1)
        k += 4
      }
    }
    // A new array each time, written whole: the caller usually keeps the last one, and
    // writing into `values` in place would copy it first.
    let result = [Float](unsafeUninitializedCapacity: 2 * bins * frames) { out, written in
      written = 2 * bins * frames
      let left = out.baseAddress!, right = left + bins * frames
      for (from, to) in [(levelsLeft, left), (levelsRight, right)] {
        var t = 0
        while t + 4 <= frames {
          var k = 0
          while k < width {
            let p = from + t * width + k
            storeTransposed(
              loadVector(p), loadVector(p + width), loadVector(p + 2 * width),
              loadVector(p + 3 * width), at: to + (k + 1) * frames + t, stride: frames)
            k += 4
          }
          t += 4
        }
        while t < frames {
          for k in 0..<width { to[(k + 1) * frames + t] = from[t * width + k] }
          t += 1
        }
      }
      // Bin 0 (whose mirror is itself) and any bins past the paired ones, one at a time.
      for k in [0] + Array(paired..<bins) {
        let m = (n - k) % n
        for t in 0..<frames {
          let (a, b, c, d) = (re[t * n + k], im[t * n + k], re[t * n + m], im[t * n + m])
          left[k * frames + t] = decibels((a + c) * (a + c) + (b - d) * (b - d))
          right[k * frames + t] = decibels((b + d) * (b + d) + (a - c) * (a - c))
        }
      }
    }
    values = result
    return result
  }

  /// One ear's frame from `samples` on, windowed, into `frame`.
  @inline(__always)
  private func window(_ samples: UnsafePointer<Float>, into frame: UnsafeMutablePointer<Float>) {
    let n = settings.spectrogramWindow, window = self.window
    var k = 0
    while k + 4 <= n {
      storeVector(loadVector(samples + k) * loadVector(window + k), at: frame + k)
      k += 4
    }
    while k < n {
      frame[k] = samples[k] * window[k]
      k += 1
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
