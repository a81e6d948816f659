extension CrossValidation {
  /// Cross-validates any train-and-predict procedure: for every fold, calls
  /// `trainAndPredict(trainIndices, testIndices)` and scores the labels it returns for the
  /// test indices (in their order). Use this form to refit the vectorizer inside each fold.
  ///
  /// - Parameters:
  ///   - labels: one label per example, `0 ..< labelNames.count`.
  ///   - labelNames: the classes' names, in class order (the result's per-label keys).
  ///   - groups: nil or one group per example (kept within one fold).
  ///   - k: folds, >= 2; `seed` fixes them.
  /// - Throws: `ClassifierError` when folds cannot be made, or what `trainAndPredict` throws.
  public static func evaluate(
    labels: [Int32], labelNames: [String], groups: [String]?, k: Int, seed: UInt64,
    trainAndPredict: (_ train: [Int], _ test: [Int]) throws -> [Int32]
  ) throws -> CrossValidationResult {
    let classCount = labelNames.count
    let testFolds = try checkedFolds(labels: labels, groups: groups, k: k, seed: seed)
    var predicted = [Int32](repeating: 0, count: labels.count)
    var metrics: [Metrics] = []
    for test in testFolds {
      let train = complement(test, count: labels.count)
      let guesses = try trainAndPredict(train, test)
      guard guesses.count == test.count else {
        throw ClassifierError.countMismatch(rows: test.count, labels: guesses.count)
      }
      for (i, g) in zip(test, guesses) { predicted[i] = g }
      metrics.append(Metrics(truth: test.map { labels[$0] }, predicted: guesses, classCount: classCount))
    }
    return CrossValidationResult(
      foldMetrics: metrics, pooled: Metrics(truth: labels, predicted: predicted, classCount: classCount),
      labelNames: labelNames, seed: seed, grouped: groups != nil)
  }

  /// The indices of `0 ..< count` not in `sortedSubset` (ascending): a fold's training part.
  public static func complement(_ sortedSubset: [Int], count: Int) -> [Int] {
    var inSubset = [Bool](repeating: false, count: count)
    for i in sortedSubset { inSubset[i] = true }
    return (0..<count).filter { !inSubset[$0] }
  }
}
