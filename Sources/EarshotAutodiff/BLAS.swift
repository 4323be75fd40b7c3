import COpenBLAS

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
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), alpha,
      a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
  }
}
