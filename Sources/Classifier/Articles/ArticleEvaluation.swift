import LinearModel

/// How well a model labels whole articles that a reader judged, out of fold: neither the
/// sentence model that scored an article nor the article classifier saw it.
public struct ArticleEvaluation: Codable, Equatable, Sendable {
  /// Judged articles evaluated.
  public var n: Int
  /// Folds (stratified by label, seeded).
  public var folds: Int
  /// The accuracy across folds of what labels articles in the model (`chosen`).
  public var accuracy: Spread
  /// The macro-F1 across folds of what labels articles in the model (`chosen`).
  public var macroF1: Spread
  /// The classifier's macro-F1 without the rule's precedence.
  public var classifierMacroF1: Spread
  /// The classifier's macro-F1 with the rule's precedence laid over its stance labels.
  public var precedenceMacroF1: Spread
  /// The article rule's (`ArticleRuleSettings`) on the same sentence predictions.
  public var ruleAccuracy: Spread
  /// The article rule's macro-F1 on the same sentence predictions.
  public var ruleMacroF1: Spread
  /// The classifier's macro-F1 with each folder (outlet) left out in turn, pooled.
  public var leaveFolderOutMacroF1: Double
  /// The confusion over all folds of what labels articles (`chosen`): `confusion[truth][predicted]`.
  public var confusion: [[Int]]
  /// What labels articles in the model: the classifier (`classifier`, or `classifier with
  /// precedence` when the labels' article rule has a precedence list) when it did at least as well
  /// as the rule out of fold, else `rule`.
  public var chosen: String
  /// The classifier's setting, chosen by cross-validation on all judged articles.
  public var setting: ArticleClassifier.Setting
  /// Per folder (outlet), what `chosen` did out of fold; nil in model files written before
  /// 8 December 2026.
  public var folders: [ArticleFolderFigures]?
  /// Each judged article's label by `chosen`, out of fold (label indices, in the articles'
  /// order), so that the errors can be read one by one. Not kept in model files: it is as long
  /// as the judged articles, and only the training run that made it needs it.
  public var outOfFold: [Int32] = []

  private enum CodingKeys: String, CodingKey {
    case n, folds, accuracy, macroF1, classifierMacroF1, precedenceMacroF1, ruleAccuracy, ruleMacroF1
    case leaveFolderOutMacroF1, confusion, chosen, setting, folders
  }

  /// An evaluation with every field given.
  public init(
    n: Int, folds: Int, accuracy: Spread, macroF1: Spread, classifierMacroF1: Spread, precedenceMacroF1: Spread,
    ruleAccuracy: Spread, ruleMacroF1: Spread, leaveFolderOutMacroF1: Double, confusion: [[Int]], chosen: String,
    setting: ArticleClassifier.Setting, folders: [ArticleFolderFigures]? = nil, outOfFold: [Int32] = []
  ) {
    self.setting = setting
    self.folders = folders
    self.outOfFold = outOfFold
    self.n = n
    self.folds = folds
    self.accuracy = accuracy
    self.macroF1 = macroF1
    self.classifierMacroF1 = classifierMacroF1
    self.precedenceMacroF1 = precedenceMacroF1
    self.ruleAccuracy = ruleAccuracy
    self.ruleMacroF1 = ruleMacroF1
    self.leaveFolderOutMacroF1 = leaveFolderOutMacroF1
    self.confusion = confusion
    self.chosen = chosen
  }
}
