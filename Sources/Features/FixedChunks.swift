import Dispatch
import Foundation

/// Runs work over `0 ..< count` in fixed-size chunks on up to `threads` threads.
///
/// The chunk boundaries depend only on `count` and `chunkSize`, never on the thread
/// count, so any per-chunk result (a partial sum, a block of rows) is the same whatever
/// the number of threads. Callers that combine partial results do so in chunk order.
public enum FixedChunks {
  /// The chunks `[start, end)` that cover `0 ..< count` in steps of `chunkSize` (>= 1).
  public static func ranges(count: Int, chunkSize: Int) -> [Range<Int>] {
    precondition(chunkSize >= 1, "chunkSize must be positive")
    guard count > 0 else { return [] }
    return stride(from: 0, to: count, by: chunkSize).map { $0..<min($0 + chunkSize, count) }
  }

  /// Calls `body(chunkIndex, range)` once for every chunk; chunks run concurrently on
  /// up to `threads` (>= 1) threads. `body` must only write to memory owned by its chunk.
  public static func forEach(
    count: Int, chunkSize: Int, threads: Int, _ body: (Int, Range<Int>) -> Void
  ) {
    forEach(count: count, chunkSize: chunkSize, threads: threads) { i, r, _ in body(i, r) }
  }

  /// The number of workers `forEach` runs for `count` items in chunks of `chunkSize` on up to
  /// `threads` threads (>= 1).
  static func workerCount(count: Int, chunkSize: Int, threads: Int) -> Int {
    max(1, min(threads, (count + chunkSize - 1) / max(1, chunkSize)))
  }

  /// `forEach` that also tells `body` which worker (`0 ..< workerCount`) runs the chunk: no two
  /// chunks with the same worker run at once, so per-worker state (a row builder's buffers)
  /// needs no lock. Which worker gets which chunk must not change a chunk's result.
  static func forEach(
    count: Int, chunkSize: Int, threads: Int, _ body: (_ chunk: Int, _ range: Range<Int>, _ worker: Int) -> Void
  ) {
    let chunks = ranges(count: count, chunkSize: chunkSize)
    let workers = workerCount(count: count, chunkSize: chunkSize, threads: threads)
    if workers <= 1 {
      for (i, r) in chunks.enumerated() { body(i, r, 0) }
      return
    }
    // Workers take chunks round-robin; which thread runs a chunk never changes its result.
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var i = w
      while i < chunks.count {
        body(i, chunks[i], w)
        i += workers
      }
    }
  }

  /// Maps every chunk to a value, concurrently, and returns the values in chunk order.
  public static func map<T>(
    count: Int, chunkSize: Int, threads: Int, _ transform: (Range<Int>) -> T
  ) -> [T] {
    let chunks = ranges(count: count, chunkSize: chunkSize)
    var results = [T?](repeating: nil, count: chunks.count)
    results.withUnsafeMutableBufferPointer { out in
      forEach(count: count, chunkSize: chunkSize, threads: threads) { i, r in
        out[i] = transform(r)
      }
    }
    return results.map { $0! }
  }

  /// Maps each of `chunks` to a value on up to `threads` threads and hands the values to
  /// `consume` in chunk order, `threads` chunks at a time, so at most `threads` values are alive
  /// at once whatever the number of chunks (per-chunk buffers stay bounded). `consume` runs on
  /// the calling thread.
  static func mapInWaves<T>(
    _ chunks: [Range<Int>], threads: Int, _ transform: (Range<Int>) -> T, consume: (T) -> Void
  ) {
    let wave = max(1, threads)
    var start = 0
    while start < chunks.count {
      let end = min(start + wave, chunks.count)
      let first = start
      let values = map(count: end - start, chunkSize: 1, threads: wave) { transform(chunks[first + $0.lowerBound]) }
      for value in values { consume(value) }
      start = end
    }
  }

  /// The number of threads to use when the user gives none: the active processor count.
  public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
