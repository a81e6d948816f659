import Dispatch
import Foundation

/// Runs independent jobs on up to `threads` threads, handing the next job to whichever thread
/// is free, and returns the results in job order.
///
/// Scoring documents is uneven work (articles differ in length), so a thread that drew short
/// documents takes more of them instead of waiting for a fixed share to finish. Each job's
/// result depends only on its own input, so the output is the same for any thread count.
enum WorkQueue {
  /// `transform(job)` for every job in `0 ..< count`, in job order.
  static func map<T>(count: Int, threads: Int, _ transform: (Int) -> T) -> [T] {
    map(count: count, threads: threads) { job, _ in transform(job) }
  }

  /// `transform(job, worker)` for every job in `0 ..< count`, in job order, where `worker`
  /// (`0 ..< threads`) names the thread running the job: no two jobs with the same worker run at
  /// once, so per-worker state (a tally) needs no lock. Which worker gets which job varies from
  /// run to run: only order-free state may be kept per worker.
  static func map<T>(count: Int, threads: Int, _ transform: (_ job: Int, _ worker: Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    let workers = max(1, min(threads, count))
    if workers == 1 {
      for job in 0..<count { results[job] = transform(job, 0) }
      return results.map { $0! }
    }
    let lock = NSLock()
    var next = 0
    results.withUnsafeMutableBufferPointer { out in
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        while true {
          lock.lock()
          let job = next
          next += 1
          lock.unlock()
          guard job < count else { return }
          out[job] = transform(job, worker)
        }
      }
    }
    return results.map { $0! }
  }
}
