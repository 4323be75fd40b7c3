import COpenBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that calls OpenBLAS.
///
/// OpenBLAS itself runs on one thread: large products are split here into pieces of rows
/// (or columns) of the result, run on Earshot's own threads with the other large
/// operations (`Parallel`). One pool of threads, which sleeps when idle, rather than
/// OpenBLAS's, whose threads spin after each product and would compete with it.
public enum BLAS {
  /// Sets how many threads large operations (matrix products included) use; 1 avoids
  /// oversubscription when the caller already runs one worker per core.
  public static func setThreadCount(_ count: Int) {
    Parallel.threadCount.store(max(1, count), ordering: .relaxed)
  }

  /// The number of threads large operations use (all cores unless set).
  public static var threadCount: Int { Parallel.threadCount.load(ordering: .relaxed) }

  /// OpenBLAS on one thread, set once before its first product.
  private static let singleThreaded: Bool = {
    openblas_set_num_threads(1)
    return true
  }()

  /// `c = alpha · op(a) · op(b) + beta · c` for row-major matrices.
  ///
  /// `op(a)` is `[m, k]`, `op(b)` is `[k, n]`, `c` is `[m, n]`; `a` is stored `[k, m]` when
  /// `transposeA` and `b` is stored `[n, k]` when `transposeB`. Large products are split
  /// into pieces of whole rows (or columns) of `c`, one call each, so that every element is
  /// computed by the same kernel in the same order, whatever the number of threads.
  /// - Complexity: 2·m·n·k floating-point operations.
  static func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    beta: Float = 0, c: UnsafeMutablePointer<Float>
  ) {
    _ = singleThreaded
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
    let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
    func product(rows: Range<Int>, columns: Range<Int>) {
      // Row i of op(a) starts at a + i·lda, or at a + i when a is stored transposed;
      // likewise column j of op(b).
      let pa = a + rows.lowerBound * (transposeA ? 1 : lda)
      let pb = b + columns.lowerBound * (transposeB ? ldb : 1)
      let pc = c + rows.lowerBound * n + columns.lowerBound
      call(transposeA, transposeB, rows.count, columns.count, k, alpha, pa, lda, pb, ldb,
           beta, pc, n)
    }
    if beta == 0, let chunks = reductionChunks(m: m, n: n, k: k) {
      return reduceInChunks(
        chunks, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
        alpha: alpha, a: a, b: b, c: c)
    }
    // Pieces of whole 16-row (or 16-column) blocks along the longer side of c, each with
    // more than `pieceWork` multiply-adds, so that no piece falls into the size range where
    // OpenBLAS switches to its small-matrix kernels (which sum in another order).
    //
    // Where the product is cut depends on its shape alone, never on the number of threads:
    // OpenBLAS's kernels may compute the rows at a piece's edge in another order than the
    // same rows inside a larger product (its Haswell kernels do, at any cut along n), so a
    // product is cut at the same places on one thread as on several.
    let block = 16, side = max(m, n), other = min(m, n)
    let blocks = (side + block - 1) / block
    let blocksPerPiece = pieceWork / max(1, block * other * k) + 2
    let pieces = min(maxPieces, blocks / blocksPerPiece)
    if pieces <= 1 { return product(rows: 0..<m, columns: 0..<n) }
    Parallel.forEachPiece(of: pieces, minimumPiece: 1, piecesPerThread: pieces) { range in
      for piece in range {
        let first = blocks * piece / pieces, end = blocks * (piece + 1) / pieces
        let span = (first * block)..<min(end * block, side)
        if m >= n {
          product(rows: span, columns: 0..<n)
        } else {
          product(rows: 0..<m, columns: span)
        }
      }
    }
  }

  /// The most pieces a product is cut into: four for each of two cores, handed out as
  /// threads come free (so that a thread slowed down by another process does not hold up
  /// the rest).
  private static let maxPieces = 8

  /// One row-major `cblas_sgemm` call, on the calling thread.
  @inline(__always)
  private static func call(
    _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
      a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// The least work in one piece of a split product: above OpenBLAS's small-matrix limit
  /// of 100³ multiply-adds.
  private static let pieceWork = 1 << 20

  /// The length of one chunk of `k` in a reduction-shaped product.
  private static let chunkLength = 4096

  /// How many chunks of `k` a product with a small result and a long `k` (a weight
  /// gradient: a sum over every pixel of the batch) is cut into, or nil to leave it whole.
  ///
  /// Such a product has too few rows and columns to share among threads, so its `k` is cut
  /// instead, always at the same places whatever the number of threads: each chunk at least
  /// `chunkLength` long and above `pieceWork`, their partial products summed in order.
  private static func reductionChunks(m: Int, n: Int, k: Int) -> Int? {
    guard m * n <= 8192, k >= 2 * chunkLength, m * n * chunkLength > pieceWork else {
      return nil
    }
    return k / chunkLength
  }

  /// `c = alpha · op(a) · op(b)` as the sum, in order, of the products over `chunks`
  /// consecutive ranges of `k` (the last one takes the remainder), computed concurrently.
  private static func reduceInChunks(
    _ chunks: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>
  ) {
    let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
    let size = m * n
    let partials = UnsafeMutablePointer<Float>.allocate(capacity: chunks * size)
    defer { partials.deallocate() }
    Parallel.forEachPiece(of: chunks, minimumPiece: 1, piecesPerThread: chunks) { range in
      for chunk in range {
        let start = chunk * chunkLength
        let length = chunk == chunks - 1 ? k - start : chunkLength
        // Column `start` of op(a) and row `start` of op(b).
        let pa = a + start * (transposeA ? lda : 1)
        let pb = b + start * (transposeB ? 1 : ldb)
        call(transposeA, transposeB, m, n, length, alpha, pa, lda, pb, ldb, 0,
             partials + chunk * size, n)
      }
    }
    c.update(from: partials, count: size)
    for chunk in 1..<chunks {
      let partial = partials + chunk * size
      for i in 0..<size { c[i] += partial[i] }
    }
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
