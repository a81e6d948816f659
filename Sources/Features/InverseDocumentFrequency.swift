/// The one idf of the package, scikit-learn's smooth idf: `ln((1 + n) / (1 + df)) + 1` for a
/// term in `df` of `n` documents, computed in `Double` and stored as `Float`.
enum InverseDocumentFrequency {
  /// The idf of each term, given its document frequency (0 ... `documentCount`).
  static func values<S: Sequence>(documentFrequencies: S, documentCount: Int) -> [Float]
  where S.Element: BinaryInteger {
    let n = Double(documentCount)
    // Most terms share a few small document frequencies: one `log` per frequency below 4096.
    let small = (0..<min(4096, documentCount + 1)).map { value(df: Double($0), n: n) }
    return documentFrequencies.map { df in
      let d = Int(df)
      return d < small.count ? small[d] : value(df: Double(d), n: n)
    }
  }

  @inline(__always)
  private static func value(df: Double, n: Double) -> Float { Float(PortableMath.log((1 + n) / (1 + df)) + 1) }
}
