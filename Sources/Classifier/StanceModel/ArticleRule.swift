/// How a document's sentence labels become the document's (article's) label: the model's
/// `ArticleRuleSettings` resolved to class indices.
///
/// A news article is mostly neutral reporting even when its argument is not, so the label
/// with the most sentences would almost always be `neutral`. The rule instead asks whether
/// the document expresses a stance often enough, and which:
///
/// 1. Each sentence "votes" for its most probable label.
/// 2. If the non-neutral labels together win less than `stanceShare` of the sentences, the
///    document is neutral.
/// 3. Otherwise the first `precedence` label that wins at least `precedenceVotes` sentences
///    labels the document (the shipped labels put `state-media` first: an op-ed arguing in
///    doubts but framed as state media is state media, as the codebook's rule 2 decides for a
///    sentence);
/// 4. otherwise the non-neutral label with the most votes (ties: the larger summed
///    probability over all sentences, then the label first by name).
///
/// Without a neutral label in the model, step 2 is skipped. A text with no sentences takes
/// the model's prior. The document's `scores` are always the mean of its sentence probabilities.
///
/// A value: copy it, change `stanceShare` or `precedence`, and give it to a `Scorer`.
public struct ArticleRule: Equatable, Sendable {
  /// The share used when neither the model nor the user gives one (0...1). Measured on 87
  /// judged articles in docs/article-rule.md; tune per run with `--stance-share`.
  public static let defaultStanceShare = ArticleRuleSettings.standard.stanceShare

  /// Index of the neutral label, or nil when the model has none.
  public var neutral: Int?
  /// Minimal share of sentences (0...1) that the non-neutral labels must win together.
  public var stanceShare: Double
  /// Label indices that take the document, in order, once they win `precedenceVotes` sentences.
  public var precedence: [Int] = []
  /// Sentences (>= 1) a precedence label must win.
  public var precedenceVotes: Int = 2

  /// Resolves `settings` against the model's `labels`; labels it names that the model lacks are ignored.
  public init(settings: ArticleRuleSettings, labels: [String]) {
    self.neutral = settings.neutralLabel.flatMap { labels.firstIndex(of: $0) }
    self.stanceShare = settings.stanceShare
    self.precedence = settings.precedence.compactMap { labels.firstIndex(of: $0) }
    self.precedenceVotes = settings.precedenceVotes
  }

  /// A rule with the given neutral label index and share, and no precedence.
  public init(neutral: Int?, stanceShare: Double, precedence: [Int] = [], precedenceVotes: Int = 2) {
    self.neutral = neutral
    self.stanceShare = stanceShare
    self.precedence = precedence
    self.precedenceVotes = precedenceVotes
  }

  /// The document label given each label's vote count (sentences it wins) and summed
  /// sentence probabilities, over `sentenceCount` (>= 1) sentences.
  public func label(votes: [Int], probabilitySums: [Double], sentenceCount: Int) -> Int {
    if let neutral {
      let stanceVotes = votes.indices.reduce(0) { $1 == neutral ? $0 : $0 + votes[$1] }
      let share = Double(stanceVotes) / Double(max(1, sentenceCount))
      if stanceVotes == 0 || share < stanceShare { return neutral }
    }
    if let c = precedenceLabel(votes: votes) { return c }
    var best: Int?
    for c in votes.indices where c != neutral {
      guard let b = best else {
        best = c
        continue
      }
      if votes[c] > votes[b] || (votes[c] == votes[b] && probabilitySums[c] > probabilitySums[b]) { best = c }
    }
    return best ?? neutral ?? 0
  }

  /// The first precedence label that wins at least `precedenceVotes` sentences, if any.
  public func precedenceLabel(votes: [Int]) -> Int? {
    precedence.first { $0 != neutral && votes[$0] >= precedenceVotes }
  }

  /// `label` after the precedence list: a precedence label that wins `precedenceVotes`
  /// sentences replaces `label` when `label` comes after it in the list (the codebook's rule 2,
  /// `state-media` over `skeptical`, applied to a whole article); other labels stand.
  public func applyingPrecedence(to label: Int, votes: [Int]) -> Int {
    guard let rank = precedence.firstIndex(of: label) else { return label }
    return precedence[..<rank].first { $0 != neutral && votes[$0] >= precedenceVotes } ?? label
  }
}
