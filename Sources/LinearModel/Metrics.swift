/// How well predicted labels match the truth: accuracy, F1 (macro and micro), per-label
/// precision, recall, F1 and support, and the confusion matrix.
///
/// Undefined ratios (a label never predicted, or absent from the truth) count as 0, as
/// scikit-learn's `zero_division=0`.
public struct Metrics: Codable, Equatable, Sendable {
  /// Number of examples scored.
  public var count: Int
  /// Share of examples predicted right, 0...1.
  public var accuracy: Double
  /// Unweighted mean of the per-label F1 over all `classCount` labels, 0...1.
  public var macroF1: Double
  /// F1 of the pooled counts; equals accuracy for single-label data, 0...1.
  public var microF1: Double
  /// Per label: of the examples predicted as it, the share truly it.
  public var precision: [Double]
  /// Per label: of the examples truly it, the share predicted as it.
  public var recall: [Double]
  /// Per label: harmonic mean of precision and recall.
  public var f1: [Double]
  /// Per label: examples truly of it.
  public var support: [Int]
  /// `confusion[truth][predicted]`: examples of label `truth` predicted as `predicted`.
  public var confusion: [[Int]]

  /// Scores `predicted` against `truth` (same length; labels in `0 ..< classCount`).
  public init(truth: [Int32], predicted: [Int32], classCount: Int) {
    precondition(truth.count == predicted.count, "truth and predictions differ in length")
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
    for (t, p) in zip(truth, predicted) { confusion[Int(t)][Int(p)] += 1 }
    var precision = [Double](repeating: 0, count: classCount)
    var recall = [Double](repeating: 0, count: classCount)
    var f1 = [Double](repeating: 0, count: classCount)
    var support = [Int](repeating: 0, count: classCount)
    var correct = 0
    for label in 0..<classCount {
      let truePositives = confusion[label][label]
      let predictedCount = (0..<classCount).reduce(0) { $0 + confusion[$1][label] }
      support[label] = confusion[label].reduce(0, +)
      correct += truePositives
      precision[label] = predictedCount > 0 ? Double(truePositives) / Double(predictedCount) : 0
      recall[label] = support[label] > 0 ? Double(truePositives) / Double(support[label]) : 0
      let sum = precision[label] + recall[label]
      f1[label] = sum > 0 ? 2 * precision[label] * recall[label] / sum : 0
    }
    count = truth.count
    accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
    macroF1 = classCount > 0 ? f1.reduce(0, +) / Double(classCount) : 0
    // Every example is one true and one predicted label: pooled precision = recall = accuracy.
    microF1 = accuracy
    self.precision = precision
    self.recall = recall
    self.f1 = f1
    self.support = support
    self.confusion = confusion
  }
}
