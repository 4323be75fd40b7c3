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
  }

  deinit {
    window.deallocate()
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
          window(l.baseAddress! + t * hop, r.baseAddress! + t * hop, into: fft.input + 2 * t * n)
        }
      }
    }
    fft.execute()

    // With Z(k) = a + ib and Z(n − k) = c + id: 4|L(k)|² = (a + c)² + (b − d)² and
    // 4|R(k)|² = (b + d)² + (a − c)²; the factor 4 is folded into the reference and floor.
    let floor = settings.spectrogramFloorDecibels
    // Powers at or below this read as the floor.
    let floorAmplitude = Float(amplitude(decibels: Double(floor)))
    let floorPower = 4 * reference * floorAmplitude * floorAmplitude
    let scale = 10 * Float(0.301_029_995_663_981_2)  // 10 log₁₀ 2
    let offset = fastLog2(4 * reference)
    @inline(__always) func decibels(_ power: SIMD4<Float>) -> SIMD4<Float> {
      // fastLog2 of 0 or of a subnormal is a finite number below −126, and those lanes
      // read as the floor anyway, so the powers need no clamping first.
      let level = scale * (fastLog2(power) - offset)
      return level.replacing(with: floor, where: power .<= floorPower .| level .< floor)
    }
    let spectra = fft.output
    // A new array each time, written whole: the caller usually keeps the last one, and
    // writing into `values` in place would copy it first.
    let result = [Float](unsafeUninitializedCapacity: 2 * bins * frames) { out, written in
      written = 2 * bins * frames
      let left = out.baseAddress!, right = left + bins * frames
      for k in 0..<bins {
        let z = spectra + 2 * k * frames, mirror = spectra + 2 * ((n - k) % n) * frames
        let l = left + k * frames, r = right + k * frames
        var t = 0
        while t + 4 <= frames {
          let z0 = loadVector(z + 2 * t), z1 = loadVector(z + 2 * t + 4)
          let m0 = loadVector(mirror + 2 * t), m1 = loadVector(mirror + 2 * t + 4)
          // Lanes alternate real and imaginary parts of two frames.
          let s0 = z0 + m0, s1 = z1 + m1, d0 = z0 - m0, d1 = z1 - m1
          let (ss0, ss1, dd0, dd1) = (s0 * s0, s1 * s1, d0 * d0, d1 * d1)
          let sumReal = SIMD4(ss0[0], ss0[2], ss1[0], ss1[2])
          let sumImaginary = SIMD4(ss0[1], ss0[3], ss1[1], ss1[3])
          let differenceReal = SIMD4(dd0[0], dd0[2], dd1[0], dd1[2])
          let differenceImaginary = SIMD4(dd0[1], dd0[3], dd1[1], dd1[3])
          storeVector(decibels(sumReal + differenceImaginary), at: l + t)
          storeVector(decibels(sumImaginary + differenceReal), at: r + t)
          t += 4
        }
        while t < frames {
          let (a, b) = (z[2 * t], z[2 * t + 1]), (c, d) = (mirror[2 * t], mirror[2 * t + 1])
          let sum = SIMD4((a + c) * (a + c) + (b - d) * (b - d), 0, 0, 0)
          let difference = SIMD4((b + d) * (b + d) + (a - c) * (a - c), 0, 0, 0)
          l[t] = decibels(sum)[0]
          r[t] = decibels(difference)[0]
          t += 1
        }
      }
    }
    values = result
    return result
  }

  /// One frame of both ears, windowed, as `n` complex samples l + i·r.
  @inline(__always)
  private func window(
    _ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>,
    into frame: UnsafeMutablePointer<Float>
  ) {
    let n = settings.spectrogramWindow, window = self.window
    var k = 0
    while k + 4 <= n {
      let w = loadVector(window + k)
      let l = loadVector(left + k) * w, r = loadVector(right + k) * w
      storeVector(SIMD4(l[0], r[0], l[1], r[1]), at: frame + 2 * k)
      storeVector(SIMD4(l[2], r[2], l[3], r[3]), at: frame + 2 * k + 4)
      k += 4
    }
    while k < n {
      frame[2 * k] = left[k] * window[k]
      frame[2 * k + 1] = right[k] * window[k]
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
