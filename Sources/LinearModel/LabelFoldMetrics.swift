/// Precision, recall and F1 of one label across cross-validation folds, and its support
/// (examples of the label over all folds).
public struct LabelFoldMetrics: Codable, Equatable, Sendable {
  /// Precision across folds.
  public var precision: Spread
  /// Recall across folds.
  public var recall: Spread
  /// F1 across folds.
  public var f1: Spread
  /// Examples with this label, summed over the test folds (= in the data).
  public var support: Int

  /// Metrics of one label.
  public init(precision: Spread, recall: Spread, f1: Spread, support: Int) {
    self.precision = precision
    self.recall = recall
    self.f1 = f1
    self.support = support
  }
}
