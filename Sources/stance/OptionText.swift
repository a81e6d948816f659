import Classifier
import Features
import LinearModel

/// How settings read on the command line, in `--help` defaults and in reports (`train`,
/// `inspect`, `report`): the same words the options take.
enum OptionText {
  /// An n-gram range as `1-2`, or `off`.
  static func describe(_ range: ClosedRange<Int>?) -> String {
    range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "off"
  }

  /// A document-frequency bound as a count (`2`) or a fraction (`0.001`).
  static func describe(_ bound: DocumentFrequencyBound) -> String {
    switch bound {
    case .count(let n): return String(n)
    case .fraction(let f): return String(f)
    }
  }

  /// Class weights as `--class-weight` takes them.
  static func describe(_ weight: ClassWeight) -> String {
    switch weight {
    case .balanced: return "balanced"
    case .none: return "none"
    case .explicit: return "explicit"
    case .tempered(let power): return "balanced:\(power)"
    }
  }
}
