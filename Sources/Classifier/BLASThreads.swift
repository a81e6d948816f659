#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keeps BLAS on the calling thread so that its reductions (dot products) split the same way
/// every run: OpenBLAS may otherwise divide a `ddot` between its own threads, and the way it
/// divides depends on its thread count. The reference BLAS has no threads; the symbol is then
/// absent and this does nothing.
enum BLASThreads {
  private typealias SetThreads = @convention(c) (Int32) -> Void

  /// Sets OpenBLAS to one thread if OpenBLAS is the BLAS loaded in this process.
  static func useOneThread() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
    unsafeBitCast(symbol, to: SetThreads.self)(1)
  }
}
