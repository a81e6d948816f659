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

  /// An evaluation with every field given.
  public init(
    n: Int, folds: Int, accuracy: Spread, macroF1: Spread, classifierMacroF1: Spread, precedenceMacroF1: Spread,
    ruleAccuracy: Spread, ruleMacroF1: Spread, leaveFolderOutMacroF1: Double, confusion: [[Int]], chosen: String,
    setting: ArticleClassifier.Setting
  ) {
    self.setting = setting
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
