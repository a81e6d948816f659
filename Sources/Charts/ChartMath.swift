#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Axis ticks at round steps (1, 2 or 5 times a power of ten).
public enum Ticks {
  /// Ticks from 0 to at least `maximum` (> 0), about `count` of them: `(step, values)`.
  public static func upTo(_ maximum: Double, count: Int = 5) -> [Double] {
    guard maximum > 0, maximum.isFinite else { return [0, 1] }
    let raw = maximum / Double(max(1, count))
    let power = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    let top = (maximum / step).rounded(.up) * step
    return stride(from: 0.0, through: top + step / 2, by: step).map { $0 }
  }
}

/// A value formatted as a whole percentage ("42%") of `share` in 0...1.
public func percent(_ share: Double) -> String {
  guard share.isFinite else { return "-" }
  return String(Int((share * 100).rounded())) + "%"
}
