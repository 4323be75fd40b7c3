import CFFTW
import Foundation

/// Serialises FFTW's planner, which is not thread-safe (executing a plan is).
private let fftwPlanner = NSLock()

/// Many real-to-complex FFTs of one length, done in one FFTW call; the only FFTW caller.
///
/// Planned with `FFTW_ESTIMATE`, which picks the algorithm without timing anything, so
/// the same input gives the same output, bit for bit, on every run.
final class BatchFFT {
  /// Transform length in samples.
  let length: Int
  /// Transforms per call.
  let count: Int
  /// Input: `count` frames of `length` real samples, one after another.
  let input: UnsafeMutablePointer<Float>
  /// Output: `count` spectra of `length / 2 + 1` complex values, as (re, im) float pairs.
  let output: UnsafeMutablePointer<Float>
  private let complexOutput: UnsafeMutablePointer<fftwf_complex>
  private let plan: fftwf_plan

  init(length: Int, count: Int) {
    precondition(length > 0 && count > 0, "an FFT needs samples")
    self.length = length
    self.count = count
    let bins = length / 2 + 1
    input = fftwf_alloc_real(length * count)!
    complexOutput = fftwf_alloc_complex(bins * count)!
    output = UnsafeMutableRawPointer(complexOutput).assumingMemoryBound(to: Float.self)
    input.initialize(repeating: 0, count: length * count)
    var n = Int32(length)
    fftwPlanner.lock()
    plan = fftwf_plan_many_dft_r2c(
      1, &n, Int32(count), input, nil, 1, Int32(length), complexOutput, nil, 1, Int32(bins),
      UInt32(FFTW_ESTIMATE))!
    fftwPlanner.unlock()
  }

  deinit {
    fftwPlanner.lock()
    fftwf_destroy_plan(plan)
    fftwPlanner.unlock()
    fftwf_free(input)
    fftwf_free(complexOutput)
  }

  /// Transforms every frame in `input` into `output`.
  func execute() { fftwf_execute(plan) }
}
