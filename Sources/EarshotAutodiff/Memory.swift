#if canImport(Glibc)
import CMalloc
#endif

/// How the process's allocator treats tensor storage.
public enum TensorMemory {
  /// Asks the C allocator to keep freed blocks of up to 256 MiB for reuse instead of
  /// handing each back to the kernel.
  ///
  /// Every operation allocates its result, and a training step at batch 64 frees and
  /// allocates again hundreds of megabytes in blocks of 1–300 MiB. glibc serves blocks
  /// that big with `mmap` and returns them with `munmap` (its automatic threshold stops
  /// at 32 MiB), so each step would fault in, and the kernel zero, every page again. Kept
  /// in the heap, a freed block is simply reused. The cost is that the process keeps its
  /// peak heap until it exits. Call it once, early, in a program that trains; it changes
  /// nothing on systems without glibc.
  ///
  /// - Returns: Whether the allocator took the settings (a C library that refuses 256 MiB
  ///   gets 32 MiB, its usual ceiling).
  @discardableResult
  public static func reuseFreedBlocks() -> Bool {
    #if canImport(Glibc)
    // Trimming the heap's free top only above 1 GiB.
    let trim = mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1
    if mallopt(M_MMAP_THRESHOLD, 256 << 20) == 1 { return trim }
    return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && trim
    #else
    return false
    #endif
  }
}
