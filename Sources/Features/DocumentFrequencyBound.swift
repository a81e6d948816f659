/// A bound on the number of documents a term occurs in, following scikit-learn's rule for
/// `min_df` / `max_df`: an integer is a document count, a float is a proportion of documents.
public enum DocumentFrequencyBound: Codable, Equatable, Sendable {
  /// An absolute number of documents (>= 0).
  case count(Int)
  /// A proportion of the documents, 0.0 ... 1.0.
  case fraction(Double)

  /// The bound as a number of documents for a collection of `documentCount` documents.
  ///
  /// Kept as a `Double` because scikit-learn compares document frequencies with
  /// `fraction * n` without rounding.
  public func documents(outOf documentCount: Int) -> Double {
    switch self {
    case .count(let n): return Double(n)
    case .fraction(let f): return f * Double(documentCount)
    }
  }

  var isValid: Bool {
    switch self {
    case .count(let n): return n >= 0
    case .fraction(let f): return f >= 0 && f <= 1
    }
  }
}
