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

/// What a cross-validation measured: accuracy and macro-F1 across folds, each label's
/// precision, recall and F1 across folds, the pooled confusion matrix, and (while in memory)
/// every fold's metrics. The model file keeps it (`ModelMetadata.crossValidation`) without the
/// per-fold metrics.
public struct CrossValidationResult: Codable, Equatable, Sendable {
  /// Number of folds (>= 2).
  public var folds: Int
  /// Seed that shuffled examples (or groups) into folds.
  public var seed: UInt64
  /// Whether folds were grouped (by `source` for labelled sentences: one article on one side only).
  public var grouped: Bool
  /// Examples evaluated (every example is tested once).
  public var n: Int
  /// Accuracy across folds (0...1).
  public var accuracy: Spread
  /// Macro-averaged F1 across folds (0...1).
  public var macroF1: Spread
  /// Per-label metrics, keyed by label.
  public var labels: [String: LabelFoldMetrics]
  /// Confusion matrix summed over folds: `confusion[truth][predicted]`, in label order.
  public var confusion: [[Int]]
  /// Metrics of each fold, in fold order; empty when read from a model file, which keeps the
  /// figures above only.
  public var foldMetrics: [Metrics] = []

  private enum CodingKeys: String, CodingKey {
    case folds, seed, grouped, n, accuracy, macroF1, labels, confusion
  }

  /// Summarizes fold metrics (all over the classes named by `labelNames`, in class order) and
  /// the metrics of all out-of-fold predictions pooled.
  public init(foldMetrics: [Metrics], pooled: Metrics, labelNames: [String], seed: UInt64, grouped: Bool) {
    precondition(pooled.support.count == labelNames.count, "one name per class")
    self.foldMetrics = foldMetrics
    folds = foldMetrics.count
    self.seed = seed
    self.grouped = grouped
    n = pooled.count
    accuracy = Spread(foldMetrics.map(\.accuracy))
    macroF1 = Spread(foldMetrics.map(\.macroF1))
    var labels: [String: LabelFoldMetrics] = [:]
    for (c, name) in labelNames.enumerated() {
      labels[name] = LabelFoldMetrics(
        precision: Spread(foldMetrics.map { $0.precision[c] }), recall: Spread(foldMetrics.map { $0.recall[c] }),
        f1: Spread(foldMetrics.map { $0.f1[c] }), support: pooled.support[c])
    }
    self.labels = labels
    confusion = pooled.confusion
  }

  /// A result with every stored field given (no per-fold metrics).
  public init(
    folds: Int, seed: UInt64, grouped: Bool, n: Int, accuracy: Spread, macroF1: Spread,
    labels: [String: LabelFoldMetrics], confusion: [[Int]]
  ) {
    self.folds = folds
    self.seed = seed
    self.grouped = grouped
    self.n = n
    self.accuracy = accuracy
    self.macroF1 = macroF1
    self.labels = labels
    self.confusion = confusion
  }
}
