#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps BLAS on the calling thread so that its reductions (dot products) split the same way
/// every run: OpenBLAS may otherwise divide a `ddot` between its own threads, and the way it
/// divides depends on its thread count. The reference BLAS has no threads; the symbols are then
/// absent and these do nothing.
public enum BLASThreads {
  private typealias SetThreads = @convention(c) (Int32) -> Void
  private typealias Shutdown = @convention(c) () -> Int32

  /// Sets OpenBLAS to one thread if OpenBLAS is the BLAS loaded in this process.
  static func useOneThread() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
    unsafeBitCast(symbol, to: SetThreads.self)(1)
  }

  /// Sets OpenBLAS to one thread and ends its worker threads, if OpenBLAS is loaded.
  ///
  /// OpenBLAS starts its workers when the library loads, and they spin in `sched_yield` for
  /// about 0.1 s waiting for work that never comes (this project calls BLAS on one thread):
  /// in a short process such as `stance score article.txt` they took as much CPU as the work.
  /// Call it early in `main`. Later BLAS calls still work (on the calling thread).
  public static func stopWorkers() {
    useOneThread()
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
    _ = unsafeBitCast(symbol, to: Shutdown.self)()
  }
}
