/// One scored document: its sentences (spans), their probabilities and the document's label.
///
/// Labels are indices into the model's `labels` (`0 ..< classCount`); probabilities and scores
/// lie in 0...1.
public struct ScoredDocument: Sendable {
  /// UTF-8 byte ranges of the spans (sentences and boilerplate) in the document's text.
  public var sentences: [Range<Int>]
  /// Per span, whether it is page chrome (left out of the label, scores, counts and context).
  public var boilerplate: [Bool]
  /// Span probabilities, `sentences.count × classCount`, row-major (calibrated when the model is).
  public var probabilities: [Float]
  /// The document's scores (sum to 1): the article classifier's probabilities, or the mean of
  /// its prose sentences' (uncalibrated) probabilities under the article rule.
  public var scores: [Float]
  /// Prose sentences won by each label.
  public var counts: [Int]
  /// The document label (see `ArticleRule` and `ArticleClassifier`).
  public var label: Int
  /// Per span, the n-grams behind its label (empty unless explanations were asked for).
  public var sentenceExplanations: [[(feature: String, weight: Float)]]
  /// The n-grams behind the document label, summed over the sentences carrying it.
  public var documentExplanation: [(feature: String, weight: Float)]

  /// Number of prose sentences (spans that are not boilerplate).
  public var proseCount: Int { boilerplate.lazy.filter { !$0 }.count }

  /// The text of span `range` (a UTF-8 byte range of `text`, as in `sentences`).
  public static func text(of range: Range<Int>, in text: String) -> String {
    let utf8 = text.utf8
    let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let upper = utf8.index(lower, offsetBy: range.count)
    return String(decoding: utf8[lower..<upper], as: UTF8.self)
  }
}
