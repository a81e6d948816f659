import Classifier
import Foundation
import LinearModel

/// The progress line of `stance train` on standard error: the phase (a cross-validation fold,
/// the final model...), the step within it (features, sentence model, a context fold...) and
/// the optimizer's iteration, redrawn in place at most ten times a second.
///
/// Only when standard error is a terminal: otherwise (a log file, a pipe, the tests) it draws
/// nothing, and costs nothing.
final class TrainProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var phase = ""
  private var step = ""
  private var iteration = 0
  private var lastDrawn: UInt64 = 0
  private var shown = false

  /// A progress line, drawn only when `enabled` (by default: standard error is a terminal).
  /// Returns nil when not enabled, so callers write `progress?.phase(...)`.
  static func start(enabled: Bool = isTerminal(2)) -> TrainProgress? {
    guard enabled else { return nil }
    let progress = TrainProgress()
    FitProgress.observe { [progress] n in progress.iterated(n) }
    return progress
  }

  /// What `Training` calls as it goes: phases and steps redraw the line.
  var observer: @Sendable (TrainingProgress) -> Void {
    { [self] event in
      switch event {
      case .phase(let name): phase(name)
      case .step(let name): step(name)
      }
    }
  }

  /// Starts a phase (`cross-validation fold 2/5`, `final model`); clears the step.
  func phase(_ name: String) {
    update {
      phase = name
      step = ""
      iteration = 0
    }
  }

  /// Starts a step within the phase (`features`, `sentence model`, `context fold 3/5`).
  func step(_ name: String) {
    update {
      step = name
      iteration = 0
    }
  }

  private func iterated(_ n: Int) {
    lock.lock()
    iteration = n
    let now = DispatchTime.now().uptimeNanoseconds
    let due = now - lastDrawn > 100_000_000
    lock.unlock()
    if due { draw() }
  }

  private func update(_ change: () -> Void) {
    lock.lock()
    change()
    lock.unlock()
    draw()
  }

  private func draw() {
    lock.lock()
    lastDrawn = DispatchTime.now().uptimeNanoseconds
    var parts = ["training: \(phase)"]
    if !step.isEmpty { parts.append(step) }
    if iteration > 0 { parts.append("iteration \(iteration)") }
    shown = true
    lock.unlock()
    // Erase to the end of the line: a shorter line must not leave the end of a longer one.
    writeToStandardError("\r" + parts.joined(separator: ", ") + "\u{1B}[K")
  }

  /// Erases the line and stops listening to the optimizer.
  func finish() {
    FitProgress.observe(nil)
    lock.lock()
    let wasShown = shown
    shown = false
    lock.unlock()
    if wasShown { writeToStandardError("\r\u{1B}[K") }
  }
}
