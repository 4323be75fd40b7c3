import COpenBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that calls OpenBLAS.
public enum BLAS {
  /// Sets how many threads OpenBLAS uses for each matrix product (1 avoids oversubscription
  /// when the caller already runs one training process per core).
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, count)))
  }

  /// The number of threads OpenBLAS currently uses.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// `c = alpha · op(a) · op(b) + beta · c` for row-major matrices.
  ///
  /// `op(a)` is `[m, k]`, `op(b)` is `[k, n]`, `c` is `[m, n]`; `a` is stored `[k, m]` when
  /// `transposeA` and `b` is stored `[n, k]` when `transposeB`.
  /// - Complexity: 2·m·n·k floating-point operations.
  static func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    let meter = pthread_getspecific(meterKey).map {
      Unmanaged<MatrixWorkMeter>.fromOpaque($0).takeUnretainedValue()
    }
    let start = meter == nil ? 0 : monotonicSeconds()
    defer {
      if let meter {
        meter.work.flops += 2 * Double(m) * Double(n) * Double(k)
        meter.work.seconds += monotonicSeconds() - start
        meter.work.calls += 1
      }
    }
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
      a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
  }
}

/// The matrix products run on one thread during a measurement.
public struct MatrixWork: Sendable, Equatable {
  /// Floating-point operations, counted as 2·m·n·k per product.
  public var flops: Double = 0
  /// Wall-clock seconds spent inside `sgemm`.
  public var seconds: Double = 0
  /// The number of `sgemm` calls.
  public var calls = 0

  /// The rate inside `sgemm`, in GFLOP/s.
  public var gigaflopsPerSecond: Double { seconds > 0 ? flops / seconds / 1e9 : 0 }
}

final class MatrixWorkMeter {
  var work = MatrixWork()
}

// Per-thread, like gradient recording, so measurements on different threads never mix.
private let meterKey: pthread_key_t = {
  var key = pthread_key_t()
  pthread_key_create(&key, nil)
  return key
}()

extension BLAS {
  /// Runs `body` and reports the matrix products it made on this thread (for benchmarks:
  /// how much of a training step is `sgemm`, and at what rate).
  public static func measuringMatrixWork<Result, Failure: Error>(
    _ body: () throws(Failure) -> Result
  ) throws(Failure) -> (result: Result, work: MatrixWork) {
    let meter = MatrixWorkMeter()
    let previous = pthread_getspecific(meterKey)
    pthread_setspecific(meterKey, Unmanaged.passUnretained(meter).toOpaque())
    defer { pthread_setspecific(meterKey, previous) }
    let result = try body()
    return (result, meter.work)
  }
}

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
