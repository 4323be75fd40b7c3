import CSamplerate
import EarshotMedia

/// Band-limited sample-rate conversion through libsamplerate, its only caller in Earshot.
enum Resampler {
  /// `samples` (mono) at `rate` hertz, converted to `targetRate` hertz.
  ///
  /// Uses libsamplerate's medium-quality sinc converter, which is
  /// deterministic: the same input gives the same output, bit for bit.
  ///
  /// - Parameter path: Names the source in an error.
  /// - Throws: `AudioError.resamplingFailed`.
  /// - Complexity: O(samples.count × filter length).
  static func resample(
    _ samples: [Float], from rate: Int, to targetRate: Int, path: String
  ) throws -> [Float] {
    if rate == targetRate || samples.isEmpty { return samples }
    let ratio = Double(targetRate) / Double(rate)
    let capacity = Int((Double(samples.count) * ratio).rounded(.up)) + 16
    var output = [Float](repeating: 0, count: capacity)
    var generated = 0
    let status = samples.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out -> Int32 in
        var data = SRC_DATA()
        data.data_in = input.baseAddress
        data.data_out = out.baseAddress
        data.input_frames = Int(input.count)
        data.output_frames = Int(out.count)
        data.src_ratio = ratio
        data.end_of_input = 1
        let status = src_simple(&data, Int32(SRC_SINC_MEDIUM_QUALITY), 1)
        generated = Int(data.output_frames_gen)
        return status
      }
    }
    guard status == 0 else {
      throw AudioError.resamplingFailed(path: path, reason: String(cString: src_strerror(status)))
    }
    return Array(output[0..<generated])
  }
}
