import EarshotAutodiff
import EarshotVision

/// Turns observations into the network's input tensors.
///
/// - Frames: RGB8 → `[B, 3, H, W]`, channel-first, scaled to [0, 1].
/// - Spectrograms: dB → `[B, 2, F, T]`, as `(dB + 60) / 20`, so that the
///   useful range (−100 to −20 dB) maps to about [−2, 2].
public enum ObservationTensors {
  /// Offset and scale of the spectrogram input: `(dB − offset) / scale`.
  public static let spectrogramOffset: Float = -60
  public static let spectrogramScale: Float = 20

  /// Appends one frame, channel-first and scaled, to `values`.
  public static func appendFrame(_ frame: Frame, to values: inout [Float]) {
    let pixels = frame.width * frame.height
    let base = values.count
    values.append(contentsOf: repeatElement(0, count: 3 * pixels))
    frame.rgb.withUnsafeBufferPointer { rgb in
      for p in 0..<pixels {
        for c in 0..<3 { values[base + c * pixels + p] = Float(rgb[p * 3 + c]) * (1 / 255) }
      }
    }
  }

  /// Appends one spectrogram `[2, F, T]` in dB, scaled, to `values`.
  public static func appendSpectrogram(_ decibels: [Float], to values: inout [Float]) {
    values.append(contentsOf: decibels.lazy.map { ($0 - spectrogramOffset) / spectrogramScale })
  }

  /// Frames `[B, 3, H, W]` from observations.
  public static func frames(_ observations: [Observation]) -> Tensor {
    guard let first = observations.first else { return .zeros([0, 3, 1, 1]) }
    var values = [Float]()
    values.reserveCapacity(observations.count * 3 * first.frame.width * first.frame.height)
    for o in observations { appendFrame(o.frame, to: &values) }
    return try! Tensor(
      shape: [observations.count, 3, first.frame.height, first.frame.width], data: values)
  }

  /// Spectrograms `[B, 2, bins, frames]` from observations.
  public static func spectrograms(_ observations: [Observation], bins: Int, frames: Int) -> Tensor {
    var values = [Float]()
    values.reserveCapacity(observations.count * 2 * bins * frames)
    for o in observations { appendSpectrogram(o.spectrogram, to: &values) }
    return try! Tensor(shape: [observations.count, 2, bins, frames], data: values)
  }
}
