import Foundation

/// Wall-clock laps in seconds.
struct Stopwatch {
  private let start = DispatchTime.now()
  private var last = DispatchTime.now()

  /// Seconds since the previous lap (or the start).
  mutating func lap() -> Double {
    let now = DispatchTime.now()
    defer { last = now }
    return Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
  }

  /// Seconds since the start.
  var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
}
