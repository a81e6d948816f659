import LinearModel

/// What `Training.train` makes: the model, ready for `ModelFile.write` or a `Scorer`, and what
/// was measured on the way.
public struct TrainingResult: Sendable {
  /// The two-stage model with its metadata (cross-validation, calibration, article rule,
  /// boilerplate detector and article classifier when the data had them).
  public var model: TrainedModel
  /// How the sentence classifier's fit went (iterations, convergence).
  public var fit: FitReport
  /// Leave-one-outlet-out figures of the boilerplate detector; nil without marked pages.
  public var boilerplateEvaluation: BoilerplateEvaluation?
  /// Cross-validation of the article classifier against the article rule; nil without judged
  /// articles (or too few of them).
  public var articleEvaluation: ArticleEvaluation?
  /// Why the context stage was asked for but not fitted (the data is too small for it); nil
  /// when it was fitted or not asked for.
  public var contextSkipped: String?
  /// Why the judged articles gave no article classifier (too few, or one label); nil otherwise.
  public var articleClassifierSkipped: String?
  /// Each judged article's prose sentences' probabilities (`sentences × labels`, row-major, in
  /// the model's label order), predicted by fold models that never saw the article: what the
  /// article classifier learnt from. In the order of the companions' articles; nil without
  /// judged articles.
  public var articleSentenceProbabilities: [[Float]]?
  /// Whether each of those sentences is attributed (`Attribution`), in the same order; nil
  /// without judged articles.
  public var articleSentenceAttribution: [[Bool]]? = nil
}
