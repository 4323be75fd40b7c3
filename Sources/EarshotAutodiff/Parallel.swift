import Dispatch
import Foundation
import Synchronization

/// Splits the loops of large operations, matrix products included (`BLAS`), across
/// threads: libdispatch's, which sleep when there is nothing to do.
///
/// Every index is handled by exactly one piece and each output element is computed by the
/// same arithmetic in the same order whichever piece it falls in, so results are the same,
/// bit for bit, on any number of threads.
enum Parallel {
  /// The threads to use: every core unless `BLAS.setThreadCount` says otherwise.
  static let threadCount = Atomic<Int>(ProcessInfo.processInfo.activeProcessorCount)

  /// Elements below which an elementwise loop stays on one thread: waking another costs
  /// more than the work.
  static let elementwisePiece = 1 << 16

  /// Runs `body` on contiguous pieces of `0..<count`, concurrently when there is work for
  /// more than one thread: at least `minimumPiece` indices each, and up to
  /// `piecesPerThread` pieces a thread, handed out as threads come free (so that a thread
  /// slowed down by another process does not hold up the rest).
  ///
  /// `body` must write only what its own indices own.
  @inline(__always)
  static func forEachPiece(
    of count: Int, minimumPiece: Int, piecesPerThread: Int = 1, _ body: (Range<Int>) -> Void
  ) {
    let threads = threadCount.load(ordering: .relaxed)
    let pieces = Swift.min(threads * piecesPerThread, count / Swift.max(1, minimumPiece))
    if threads <= 1 || pieces <= 1 {
      body(0..<count)
      return
    }
    DispatchQueue.concurrentPerform(iterations: pieces) { t in
      body((count * t / pieces)..<(count * (t + 1) / pieces))
    }
  }
}
