/// How text becomes TF-IDF features; stored in a model file's header so scoring uses the same.
///
/// Word and character n-grams share one feature space: the vocabulary lists the kept word
/// n-grams first (sorted), then the kept character n-grams (sorted), and each row is
/// L2-normalized as a whole.
public struct FeatureSettings: Codable, Equatable, Sendable {
  /// The token rule for word n-grams (and the lowercasing/normalization for character n-grams).
  public var tokenPattern: TokenPattern
  /// Word n-gram lengths, e.g. `1...2`; nil turns word n-grams off. Lengths 1 ... 16.
  public var wordNGrams: ClosedRange<Int>?
  /// Character n-gram lengths inside word boundaries (scikit-learn's `char_wb`), e.g. `2...5`;
  /// nil turns them off. Lengths 1 ... 32.
  public var charNGrams: ClosedRange<Int>?
  /// Terms in fewer documents than this are dropped (scikit-learn's `min_df`).
  public var minDF: DocumentFrequencyBound
  /// Terms in more documents than this are dropped (scikit-learn's `max_df`).
  public var maxDF: DocumentFrequencyBound
  /// Keep only this many terms, the most frequent by total count (scikit-learn's `max_features`).
  public var maxFeatures: Int?
  /// Use `1 + ln(tf)` instead of the raw count `tf` (scikit-learn's `sublinear_tf`).
  public var sublinearTF: Bool

  /// Creates settings; the defaults are word 1-2 grams with the news tokenizer, character
  /// 2-5 grams within words, `minDF` 1 document, `maxDF` 100%, no feature cap, sublinear tf.
  /// The n-gram defaults were chosen by cross-validation on four data sets (docs/defaults.md).
  public init(
    tokenPattern: TokenPattern = .news,
    wordNGrams: ClosedRange<Int>? = 1...2,
    charNGrams: ClosedRange<Int>? = 2...5,
    minDF: DocumentFrequencyBound = .count(1),
    maxDF: DocumentFrequencyBound = .fraction(1.0),
    maxFeatures: Int? = nil,
    sublinearTF: Bool = true
  ) {
    self.tokenPattern = tokenPattern
    self.wordNGrams = wordNGrams
    self.charNGrams = charNGrams
    self.minDF = minDF
    self.maxDF = maxDF
    self.maxFeatures = maxFeatures
    self.sublinearTF = sublinearTF
  }

  /// Checks that the settings can be used.
  /// - Throws: `FeaturesError.invalidSettings` naming the offending setting.
  public func validate() throws {
    if wordNGrams == nil && charNGrams == nil {
      throw FeaturesError.invalidSettings("both word and character n-grams are off")
    }
    if let w = wordNGrams, w.lowerBound < 1 || w.upperBound > 16 {
      throw FeaturesError.invalidSettings("word n-gram lengths must lie in 1...16, got \(w)")
    }
    if let c = charNGrams, c.lowerBound < 1 || c.upperBound > 32 {
      throw FeaturesError.invalidSettings("character n-gram lengths must lie in 1...32, got \(c)")
    }
    if !minDF.isValid { throw FeaturesError.invalidSettings("minDF out of range: \(minDF)") }
    if !maxDF.isValid { throw FeaturesError.invalidSettings("maxDF out of range: \(maxDF)") }
    if let m = maxFeatures, m < 1 {
      throw FeaturesError.invalidSettings("maxFeatures must be positive, got \(m)")
    }
  }
}
