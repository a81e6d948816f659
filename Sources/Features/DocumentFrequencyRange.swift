/// Which document frequencies a fit keeps, by scikit-learn's rule: a term in `df` documents
/// stays when `df > 0` and `minDF <= df <= maxDF`, both bounds taken as document counts for
/// this many documents (`DocumentFrequencyBound.documents(outOf:)`, not rounded).
struct DocumentFrequencyRange {
  let low: Double
  let high: Double

  /// The range of `settings` for `documentCount` documents.
  /// - Throws: `FeaturesError.maxDFBelowMinDF` when the bounds leave nothing between them.
  init(settings: FeatureSettings, documentCount: Int) throws {
    low = settings.minDF.documents(outOf: documentCount)
    high = settings.maxDF.documents(outOf: documentCount)
    if high < low { throw FeaturesError.maxDFBelowMinDF }
  }

  /// Whether a term found in `df` documents is kept.
  @inline(__always)
  func keeps<D: BinaryInteger>(_ df: D) -> Bool {
    let d = Double(df)
    return df > 0 && d <= high && d >= low
  }
}
