import Features

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

  /// Cross-validates logistic regression on a fixed matrix for every C of `grid`, warm-starting
  /// each fold's fit from its fit at the previous (smaller) C, and returns the whole curve in
  /// ascending C. The folds are the same for every C. The result names the classes by their
  /// index ("0", "1", ...).
  ///
  /// - Parameters:
  ///   - x: all examples' rows; `labels`, `groups`, `sampleWeights` one per row.
  ///   - grid: C values > 0 (any order; duplicates kept once).
  ///   - options: everything but C (its `c` is ignored).
  /// - Throws: `ClassifierError` for bad inputs or when folds cannot be made.
  public static func searchC(
    _ x: SparseMatrix, labels: [Int32], groups: [String]?, classCount: Int, sampleWeights: [Float]?,
    grid: [Double], options: TrainingOptions, k: Int, seed: UInt64
  ) throws -> [CSearchPoint] {
    let values = Array(Set(grid)).sorted()
    guard !values.isEmpty, values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw ClassifierError.invalidOption("the C grid needs values > 0")
    }
    let testFolds = try checkedFolds(labels: labels, groups: groups, k: k, seed: seed)
    var previous = [LogisticRegression?](repeating: nil, count: testFolds.count)
    var points: [CSearchPoint] = []
    for c in values {
      var settings = options
      settings.c = c
      var predicted = [Int32](repeating: 0, count: labels.count)
      var metrics: [Metrics] = []
      var iterations = 0
      for (f, test) in testFolds.enumerated() {
        let train = complement(test, count: labels.count)
        let (model, report) = try LogisticRegression.fit(
          x.selectingRows(train), labels: train.map { labels[$0] }, classCount: classCount,
          sampleWeights: sampleWeights.map { w in train.map { w[$0] } }, options: settings, warmStart: previous[f])
        previous[f] = model
        iterations += report.iterations
        let guesses = model.predict(x.selectingRows(test), threads: settings.threads)
        for (i, g) in zip(test, guesses) { predicted[i] = g }
        metrics.append(Metrics(truth: test.map { labels[$0] }, predicted: guesses, classCount: classCount))
      }
      let result = CrossValidationResult(
        foldMetrics: metrics, pooled: Metrics(truth: labels, predicted: predicted, classCount: classCount),
        labelNames: (0..<classCount).map { String($0) }, seed: seed, grouped: groups != nil)
      points.append(CSearchPoint(c: c, result: result, meanIterations: Double(iterations) / Double(testFolds.count)))
    }
    return points
  }

  /// Cross-validates logistic regression with `options` on a fixed matrix (one point of `searchC`).
  public static func evaluate(
    _ x: SparseMatrix, labels: [Int32], groups: [String]?, classCount: Int, sampleWeights: [Float]?,
    options: TrainingOptions, k: Int, seed: UInt64
  ) throws -> CrossValidationResult {
    try searchC(
      x, labels: labels, groups: groups, classCount: classCount, sampleWeights: sampleWeights, grid: [options.c],
      options: options, k: k, seed: seed
    )[0].result
  }

  /// The indices of `0 ..< count` not in `sortedSubset` (ascending): a fold's training part.
  public static func complement(_ sortedSubset: [Int], count: Int) -> [Int] {
    var inSubset = [Bool](repeating: false, count: count)
    for i in sortedSubset { inSubset[i] = true }
    return (0..<count).filter { !inSubset[$0] }
  }
}
