/// How a document's sentence labels become the document's (article's) label.
///
/// A news article is mostly neutral reporting even when its argument is not, so the
/// label with the most sentences would almost always be `neutral`. The rule instead asks
/// whether any stance is expressed often enough:
///
/// 1. Each sentence "votes" for its most probable label.
/// 2. Among the labels other than the neutral one, take the one with the most votes
///    (ties: the larger summed probability over all sentences, then the label first by name).
/// 3. If that label wins at least `defaultStanceShare` (15%) of the document's sentences,
///    the document takes it; otherwise the document is neutral.
///
/// Without a neutral label in the model (a label named `neutral`, or the one given with
/// `--neutral-label`), the document takes the label with the most votes. A text with no
/// sentences takes the model's prior (its most probable label for an empty text).
/// The document's `scores` are always the mean of its sentence probabilities.
struct ArticleRule {
  /// The smallest share of a document's sentences (0...1) that a non-neutral label must win
  /// for the document to take it. Chosen so that an op-ed making its argument in a few
  /// sentences among many neutral ones gets that argument's label, while a news report
  /// quoting one such sentence in ten stays neutral. Tune by measurement (`--stance-share`).
  static let defaultStanceShare = 0.15

  /// Index of the neutral label, or nil when the model has none.
  var neutral: Int?
  /// Minimal share of sentences (0...1) for a stance label to label the document.
  var stanceShare: Double

  /// The document label given each label's vote count (sentences it wins) and summed
  /// sentence probabilities, over `sentenceCount` (>= 1) sentences.
  func label(votes: [Int], probabilitySums: [Double], sentenceCount: Int) -> Int {
    var best: Int?
    for c in votes.indices where c != neutral {
      guard let b = best else {
        best = c
        continue
      }
      if votes[c] > votes[b] || (votes[c] == votes[b] && probabilitySums[c] > probabilitySums[b]) { best = c }
    }
    guard let best else { return neutral ?? 0 }
    guard let neutral else { return best }
    let share = Double(votes[best]) / Double(max(1, sentenceCount))
    return votes[best] > 0 && share >= stanceShare ? best : neutral
  }
}
