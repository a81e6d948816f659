/// Errors the classifier throws for inputs it cannot train or score on.
public enum ClassifierError: Error, Equatable, Sendable {
  /// The number of labels differs from the number of rows (or sample weights from rows).
  case countMismatch(rows: Int, labels: Int)
  /// A label is outside `0 ..< classCount`.
  case labelOutOfRange(row: Int, label: Int32)
  /// Fewer than two classes with examples of positive weight, or no training rows.
  case tooFewClasses
  /// Explicit class weights have the wrong count or a negative / non-finite value.
  case invalidClassWeights
  /// A sample weight is negative or non-finite, or all are zero.
  case invalidSampleWeights
  /// Options out of range (C <= 0, tolerance < 0, maxIterations < 0, threads < 1, k < 2 ...).
  case invalidOption(String)
  /// The warm-start model's class or feature count differs from the data.
  case warmStartShapeMismatch
  /// The matrix's column count differs from the model's feature count.
  case featureCountMismatch(expected: Int, found: Int)
  /// Cross-validation cannot make `k` folds (fewer groups or examples than folds).
  case tooFewForFolds(k: Int, available: Int)
}
