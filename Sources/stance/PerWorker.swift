/// One value per worker of a `WorkQueue` (a scorer's workspace), made by that worker the first
/// time it asks, so that a run which needs fewer workers than threads makes fewer values.
///
/// Worker `w` may only ask for value `w`, and `WorkQueue` never runs two jobs of one worker at
/// once: each slot has one thread at a time, so no lock is needed.
final class PerWorker<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>
  private let make: () -> Value

  /// Room for `count` (>= 1) workers' values, each made by `make` on first use.
  init(count: Int, make: @escaping () -> Value) {
    slots = .allocate(capacity: max(1, count))
    slots.initialize(repeating: nil)
    self.make = make
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  /// Worker `worker`'s value (0 ..< `count`).
  subscript(worker: Int) -> Value {
    if let value = slots[worker] { return value }
    let value = make()
    slots[worker] = value
    return value
  }
}
