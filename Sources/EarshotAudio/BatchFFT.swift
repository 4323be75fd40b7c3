import CFFTW
import Foundation

/// Serialises FFTW's planner, which is not thread-safe (executing a plan is).
private let fftwPlanner = NSLock()

/// Many real-to-complex FFTs of one length, done in one FFTW call; the only FFTW caller.
///
/// Planned with `FFTW_ESTIMATE`, which picks the algorithm without timing anything, so
/// the same input gives the same output, bit for bit, on every run. The spectra come out
/// split, real parts in one array and imaginary parts in another, so that loops over them
/// read whole vectors; FFTW runs the same codelet either way, with the same results.
final class BatchFFT {
  /// Transform length in samples.
  let length: Int
  /// Transforms per call.
  let count: Int
  /// Input: `count` frames of `length` real samples, one after another.
  let input: UnsafeMutablePointer<Float>
  /// Output: `count` spectra of `length / 2 + 1` values each, one after another: the real
  /// parts here, the imaginary parts in `imaginary`.
  let real: UnsafeMutablePointer<Float>
  let imaginary: UnsafeMutablePointer<Float>
  private let plan: fftwf_plan

  init(length: Int, count: Int) {
    precondition(length > 0 && count > 0, "an FFT needs samples")
    self.length = length
    self.count = count
    let bins = length / 2 + 1
    input = fftwf_alloc_real(length * count)!
    real = fftwf_alloc_real(bins * count)!
    imaginary = fftwf_alloc_real(bins * count)!
    input.initialize(repeating: 0, count: length * count)
    var transform = fftwf_iodim(n: Int32(length), is: 1, os: 1)
    var batch = fftwf_iodim(n: Int32(count), is: Int32(length), os: Int32(bins))
    fftwPlanner.lock()
    plan = fftwf_plan_guru_split_dft_r2c(
      1, &transform, 1, &batch, input, real, imaginary, UInt32(FFTW_ESTIMATE))!
    fftwPlanner.unlock()
  }

  deinit {
    fftwPlanner.lock()
    fftwf_destroy_plan(plan)
    fftwPlanner.unlock()
    fftwf_free(input)
    fftwf_free(real)
    fftwf_free(imaginary)
  }

  /// Transforms every frame in `input` into `real` and `imaginary`.
  func execute() { fftwf_execute(plan) }
}
