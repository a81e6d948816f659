/// A mean and a standard deviation across folds.
public struct Spread: Codable, Equatable, Sendable {
  /// Mean over folds.
  public var mean: Double
  /// Population standard deviation over folds (divisor = folds, as numpy's default).
  public var std: Double

  /// The mean and standard deviation of `values` (empty: both 0).
  public init(_ values: [Double]) {
    mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    std = CrossValidation.standardDeviation(values)
  }
}

/// The metrics of every fold of a cross-validation, their means and standard deviations, and
/// the metrics of all out-of-fold predictions pooled.
public struct CrossValidationResult: Codable, Equatable, Sendable {
  /// Metrics of each fold, in fold order.
  public var folds: [Metrics]
  /// Accuracy across folds.
  public var accuracy: Spread
  /// Macro F1 across folds.
  public var macroF1: Spread
  /// Per label: precision across folds.
  public var precision: [Spread]
  /// Per label: recall across folds.
  public var recall: [Spread]
  /// Per label: F1 across folds.
  public var f1: [Spread]
  /// Every example's out-of-fold prediction scored at once (its confusion matrix sums the folds').
  public var pooled: Metrics

  /// Summarizes fold metrics (all with the same class count) and the pooled metrics.
  public init(folds: [Metrics], pooled: Metrics) {
    self.folds = folds
    self.pooled = pooled
    accuracy = Spread(folds.map(\.accuracy))
    macroF1 = Spread(folds.map(\.macroF1))
    let classCount = pooled.support.count
    precision = (0..<classCount).map { l in Spread(folds.map { $0.precision[l] }) }
    recall = (0..<classCount).map { l in Spread(folds.map { $0.recall[l] }) }
    f1 = (0..<classCount).map { l in Spread(folds.map { $0.f1[l] }) }
  }
}
