import CFFTW
import Foundation

/// Serialises FFTW's planner, which is not thread-safe (executing a plan is).
private let fftwPlanner = NSLock()

/// Many complex FFTs of one length, done in one FFTW call; the only FFTW caller.
///
/// The spectrogram packs its two ears into one complex signal, left + i·right, so one
/// complex transform does the work of two real ones; FFTW has SIMD codelets for complex
/// transforms (`n1fv_128` for the default window) but only scalar ones for real transforms,
/// which made the packed transforms about three times faster (`benchmarks/spectrogram_fft.sh`).
///
/// The spectra come out transposed, bin-major: bin k of every frame, then bin k + 1, so
/// that the spectrogram's bin-major rows are read whole, with no transpose afterwards.
/// Planned with `FFTW_ESTIMATE`, which picks the algorithm without timing anything, so the
/// same input gives the same output, bit for bit, on every run.
final class BatchFFT {
  /// Transform length in samples.
  let length: Int
  /// Transforms per call.
  let count: Int
  /// Input: `count` frames of `length` complex samples, one after another, each sample a
  /// real part then an imaginary part.
  let input: UnsafeMutablePointer<Float>
  /// Output: bin k of frame t is the complex value at `output + 2 (k × count + t)`.
  let output: UnsafeMutablePointer<Float>
  private let plan: fftwf_plan

  init(length: Int, count: Int) {
    precondition(length > 0 && count > 0, "an FFT needs samples")
    self.length = length
    self.count = count
    input = fftwf_alloc_real(2 * length * count)!
    output = fftwf_alloc_real(2 * length * count)!
    input.initialize(repeating: 0, count: 2 * length * count)
    output.initialize(repeating: 0, count: 2 * length * count)
    // Strides in complex values: along a transform 1 in and `count` out; from one
    // transform to the next `length` in and 1 out.
    var transform = fftwf_iodim(n: Int32(length), is: 2, os: Int32(2 * count))
    var batch = fftwf_iodim(n: Int32(count), is: Int32(2 * length), os: 2)
    fftwPlanner.lock()
    plan = fftwf_plan_guru_split_dft(
      1, &transform, 1, &batch, input, input + 1, output, output + 1, UInt32(FFTW_ESTIMATE))!
    fftwPlanner.unlock()
  }

  deinit {
    fftwPlanner.lock()
    fftwf_destroy_plan(plan)
    fftwPlanner.unlock()
    fftwf_free(input)
    fftwf_free(output)
  }

  /// Transforms every frame in `input` into `output`.
  func execute() { fftwf_execute(plan) }
}
