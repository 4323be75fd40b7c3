#if canImport(Glibc)
import CMalloc
#endif

/// How the process's allocator treats tensor storage.
public enum TensorMemory {
  /// Asks the C allocator to keep freed blocks of up to 32 MiB for reuse instead of
  /// handing each back to the kernel.
  ///
  /// Every operation allocates its result, and a training step at batch 64 frees and
  /// allocates again hundreds of megabytes in blocks of 1–30 MiB. glibc serves blocks that
  /// big with `mmap` and returns them with `munmap`, so each step would fault in, and the
  /// kernel zero, every page again. Kept in the heap, a freed block is simply reused. The
  /// cost is that the process keeps its peak heap until it exits. Call it once, early, in a
  /// program that trains; it changes nothing on systems without glibc.
  public static func reuseFreedBlocks() {
    #if canImport(Glibc)
    // 32 MiB is glibc's largest threshold for mmap; trimming only above 1 GiB free.
    _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
    _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    #endif
  }
}
