import Foundation

/// Lets a program follow a long training run: after each iteration of the optimizer (L-BFGS,
/// in every fit: the sentence classifier, the context stage, the article classifier, each
/// cross-validation fold), the observer set here is called with the iteration's number (1, 2,
/// ...) on the thread doing the fit.
///
/// The library prints nothing itself; the CLI draws a progress line from these calls. With no
/// observer (the default) a call costs one uncontended lock, next to an iteration's
/// milliseconds. The observer must be quick and thread-safe.
public enum FitProgress {
  private final class Slot: @unchecked Sendable {
    let lock = NSLock()
    var observer: (@Sendable (Int) -> Void)?
  }

  private static let slot = Slot()

  /// Sets (or, with nil, removes) the observer of optimizer iterations for the whole process.
  public static func observe(_ observer: (@Sendable (_ iteration: Int) -> Void)?) {
    slot.lock.lock()
    slot.observer = observer
    slot.lock.unlock()
  }

  /// Tells the observer, if any, that iteration `iteration` (1-based) of a fit is done.
  static func iterationDone(_ iteration: Int) {
    slot.lock.lock()
    let observer = slot.observer
    slot.lock.unlock()
    observer?(iteration)
  }
}
