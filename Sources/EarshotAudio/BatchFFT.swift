import CFFTW
import Foundation

/// Serialises FFTW's planner, which is not thread-safe (executing a plan is).
private let fftwPlanner = NSLock()

/// Many complex FFTs of one length, done in one FFTW call; the only FFTW caller.
///
/// The spectrogram packs its two ears into one complex signal, left + i·right, so one
/// complex transform does the work of two real ones (FFTW's real transforms have only scalar
/// codelets; `benchmarks/spectrogram_fft.sh`). Real and imaginary parts are kept in
/// separate arrays, frame after frame, because FFTW has SIMD codelets for that layout
/// that work across the frames' sub-transforms (`n2sv`, `t2sv`), and because the window
/// is then a plain product, with no lanes interleaved.
/// Planned with `FFTW_ESTIMATE`, which picks the algorithm without timing anything, so the
/// same input gives the same output, bit for bit, on every run on one machine.
final class BatchFFT {
  /// Transform length in samples.
  let length: Int
  /// Transforms per call.
  let count: Int
  /// Input: the real parts of `count` frames of `length` samples, one frame after another.
  let inputReal: UnsafeMutablePointer<Float>
  /// Input: the imaginary parts, laid out as `inputReal`.
  let inputImaginary: UnsafeMutablePointer<Float>
  /// Output: bin k of frame t has its real part at `outputReal[t × length + k]`.
  let outputReal: UnsafeMutablePointer<Float>
  /// Output: the imaginary parts, laid out as `outputReal`.
  let outputImaginary: UnsafeMutablePointer<Float>
  private let plan: fftwf_plan

  init(length: Int, count: Int) {
    precondition(length > 0 && count > 0, "an FFT needs samples")
    self.length = length
    self.count = count
    let size = length * count
    inputReal = fftwf_alloc_real(2 * size)!
    inputImaginary = inputReal + size
    outputReal = fftwf_alloc_real(2 * size)!
    outputImaginary = outputReal + size
    inputReal.initialize(repeating: 0, count: 2 * size)
    outputReal.initialize(repeating: 0, count: 2 * size)
    // Strides in floats: 1 along a transform, `length` from one transform to the next.
    var transform = fftwf_iodim(n: Int32(length), is: 1, os: 1)
    var batch = fftwf_iodim(n: Int32(count), is: Int32(length), os: Int32(length))
    fftwPlanner.lock()
    plan = fftwf_plan_guru_split_dft(
      1, &transform, 1, &batch, inputReal, inputImaginary, outputReal, outputImaginary,
      UInt32(FFTW_ESTIMATE))!
    fftwPlanner.unlock()
  }

  deinit {
    fftwPlanner.lock()
    fftwf_destroy_plan(plan)
    fftwPlanner.unlock()
    fftwf_free(inputReal)
    fftwf_free(outputReal)
  }

  /// Transforms every frame of the input into the output.
  func execute() { fftwf_execute(plan) }
}
