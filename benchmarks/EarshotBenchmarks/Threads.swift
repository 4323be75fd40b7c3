import Dispatch
import Foundation

/// The wall-clock span of work run on several threads: from the first thread's start to the
/// last one's end, each thread reporting its own, after its set-up. Threads that did not
/// really run side by side (fewer cores than threads) show as a longer span, so a rate
/// computed from it is never more than the machine delivered.
final class Span {
  private let lock = NSLock()
  private var first = UInt64.max, last = UInt64(0)

  /// Now, in nanoseconds of uptime.
  static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// Records one thread's start and end.
  func record(start: UInt64, end: UInt64) {
    lock.lock()
    first = min(first, start)
    last = max(last, end)
    lock.unlock()
  }

  /// Seconds from the earliest start to the latest end.
  var seconds: Double { Double(last - first) / 1e9 }
}

/// The cores this process may run on: its CPU affinity (`taskset`), read from the
/// `Cpus_allowed` mask in /proc/self/status, which `ProcessInfo.activeProcessorCount` does
/// not see; the processor count where that cannot be read.
func usableCores() -> Int {
  let fallback = ProcessInfo.processInfo.activeProcessorCount
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
  else { return fallback }
  var count = 0
  for character in line.dropFirst("Cpus_allowed:".count) {
    guard let digit = character.hexDigitValue else { continue }
    count += digit.nonzeroBitCount
  }
  return count > 0 ? min(count, fallback) : fallback
}
