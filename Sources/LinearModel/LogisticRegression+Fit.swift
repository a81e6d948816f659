import Features
import Foundation

extension LogisticRegression {
  /// Trains a multinomial logistic regression as scikit-learn's `LogisticRegression(solver="lbfgs")`
  /// (or, with `options.solver` resolving to `.sgd`, by `StochasticGradientFit`):
  /// minimizes `0.5·||W||² + C·Σ sᵢ·CE(yᵢ, softmax(W xᵢ + b))` with unpenalized intercepts, where
  /// `sᵢ` is the row's sample weight times its class weight.
  ///
  /// - Parameters:
  ///   - x: training rows (`rowCount` examples × features).
  ///   - labels: one label per row, each in `0 ..< classCount`.
  ///   - classCount: K >= 2; every class needs an example of positive weight.
  ///   - sampleWeights: nil (all 1) or one finite weight >= 0 per row.
  ///   - options: C, class weights, stopping and threads.
  ///   - warmStart: a model of the same shape to start from (e.g. the previous C on a grid).
  /// - Returns: the model (weights rounded to Float) and what the optimizer did.
  /// - Throws: `ClassifierError` for inconsistent inputs or options.
  public static func fit(
    _ x: SparseMatrix, labels: [Int32], classCount: Int, sampleWeights: [Float]?, options: TrainingOptions,
    warmStart: LogisticRegression?
  ) throws -> (model: LogisticRegression, report: FitReport) {
    try fit(
      x, labels: labels, classCount: classCount, sampleWeights: sampleWeights, options: options,
      warmStart: warmStart, space: .automatic)
  }

  /// `fit` with the solver's representation chosen by the caller (tests compare the two).
  static func fit(
    _ x: SparseMatrix, labels: [Int32], classCount: Int, sampleWeights: [Float]?, options: TrainingOptions,
    warmStart: LogisticRegression?, space: SolverSpace
  ) throws -> (model: LogisticRegression, report: FitReport) {
    try options.validate()
    guard labels.count == x.rowCount else {
      throw ClassifierError.countMismatch(rows: x.rowCount, labels: labels.count)
    }
    guard classCount >= 2, x.rowCount > 0 else { throw ClassifierError.tooFewClasses }
    for (i, label) in labels.enumerated() where label < 0 || Int(label) >= classCount {
      throw ClassifierError.labelOutOfRange(row: i, label: label)
    }
    if let weights = sampleWeights {
      guard weights.count == x.rowCount else {
        throw ClassifierError.countMismatch(rows: x.rowCount, labels: weights.count)
      }
      guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw ClassifierError.invalidSampleWeights }
    }
    if let warm = warmStart, warm.classCount != classCount || warm.featureCount != x.columnCount {
      throw ClassifierError.warmStartShapeMismatch
    }
    let perClass = try options.classWeight.perClass(
      labels: labels, sampleWeights: sampleWeights, classCount: classCount)
    var exampleWeights = [Double](repeating: 0, count: x.rowCount)
    var classTotals = [Double](repeating: 0, count: classCount)
    for i in 0..<x.rowCount {
      let label = Int(labels[i])
      let weight = (sampleWeights.map { Double($0[i]) } ?? 1) * perClass[label]
      exampleWeights[i] = weight
      classTotals[label] += weight
    }
    let present = (0..<classCount).filter { classTotals[$0] > 0 }
    guard present.count >= 2 else { throw ClassifierError.tooFewClasses }
    if present.count < classCount {
      return try fitPresentClasses(
        x, labels: labels, classCount: classCount, present: present, sampleWeights: sampleWeights,
        exampleWeights: exampleWeights, options: options, warmStart: warmStart, space: space)
    }

    if (options.solver ?? .auto).resolved(rows: x.rowCount) == .sgd {
      let (weights, b, report) = StochasticGradientFit.fit(
        x, labels: labels, classCount: classCount, exampleWeights: exampleWeights, c: options.c,
        epochs: options.epochs ?? TrainingOptions.defaultEpochs, tolerance: options.tolerance,
        intercepts: warmStart.map { $0.intercepts.map(Double.init) } ?? [Double](repeating: 0, count: classCount),
        warmStart: warmStart?.weights, threads: max(1, options.threads))
      let model = LogisticRegression(
        classCount: classCount, featureCount: x.columnCount, weights: weights, intercepts: b)
      return (model, report)
    }
    BLASThreads.useOneThread()
    let solver = LBFGS(
      maxIterations: options.maxIterations, tolerance: options.tolerance, historySize: options.historySize)
    let intercepts = warmStart.map { $0.intercepts.map(Double.init) } ?? [Double](repeating: 0, count: classCount)
    let outcome: LBFGS.Outcome
    let weights: [Float]
    let b: [Float]
    let designObjective: Double
    if space.usesWeights(rows: x.rowCount, features: x.columnCount) {
      let objective = WeightSpaceObjective(
        x: x, labels: labels, classCount: classCount, exampleWeights: exampleWeights, c: options.c,
        threads: options.threads)
      let theta = UnsafeMutablePointer<Double>.allocate(capacity: objective.length)
      defer { theta.deallocate() }
      objective.initialPoint(theta, weights: warmStart?.weights, intercepts: intercepts)
      outcome = solver.minimize(objective, theta: theta)
      (weights, b) = objective.model(theta)
      designObjective = objective.designObjective(outcome.value)
    } else {
      let objective = RowSpaceObjective(
        x: x, labels: labels, classCount: classCount, exampleWeights: exampleWeights, c: options.c,
        threads: options.threads, warmStart: warmStart?.weights)
      let theta = UnsafeMutablePointer<Double>.allocate(capacity: objective.length)
      defer { theta.deallocate() }
      objective.initialPoint(theta, intercepts: intercepts)
      outcome = solver.minimize(objective, theta: theta)
      (weights, b) = objective.model(theta)
      designObjective = objective.designObjective(outcome.value)
    }
    let model = LogisticRegression(classCount: classCount, featureCount: x.columnCount, weights: weights, intercepts: b)
    let report = FitReport(
      iterations: outcome.iterations, objective: designObjective, gradientNorm: outcome.gradientMaxAbs,
      converged: outcome.converged, evaluations: outcome.evaluations)
    return (model, report)
  }

  /// Which representation L-BFGS keeps its vectors in.
  enum SolverSpace {
    /// The smaller one: the span of the rows while `2·rows <= features`, else the weights.
    case automatic
    /// Always the span of the rows (`RowSpaceObjective`).
    case rows
    /// Always the weights (`WeightSpaceObjective`).
    case weights

    /// A row-span vector holds `2·rows·K` numbers, a weight vector `features·K`.
    func usesWeights(rows: Int, features: Int) -> Bool {
      switch self {
      case .automatic: return 2 * rows > features
      case .rows: return false
      case .weights: return true
      }
    }
  }

  /// The intercept given to a class with no training example: its probability is then 0 (the
  /// loss would push it to minus infinity; a cross-validation fold may miss a rare label).
  public static let absentClassIntercept: Float = -1e30

  /// Fits on the classes that have examples and expands the model back to `classCount`, giving
  /// the absent ones zero weights and `absentClassIntercept`.
  private static func fitPresentClasses(
    _ x: SparseMatrix, labels: [Int32], classCount: Int, present: [Int], sampleWeights: [Float]?,
    exampleWeights: [Double], options: TrainingOptions, warmStart: LogisticRegression?, space: SolverSpace
  ) throws -> (model: LogisticRegression, report: FitReport) {
    var position = [Int32](repeating: -1, count: classCount)
    for (p, label) in present.enumerated() { position[label] = Int32(p) }
    let k = present.count
    var narrowedOptions = options
    // Class weights are already in the example weights; pass them through as sample weights.
    narrowedOptions.classWeight = .none
    let warm = warmStart.map { model in
      LogisticRegression(
        classCount: k, featureCount: model.featureCount,
        weights: (0..<(model.featureCount * k)).map { model.weights[($0 / k) * classCount + present[$0 % k]] },
        intercepts: present.map { model.intercepts[$0] })
    }
    let (narrow, report) = try fit(
      x, labels: labels.map { position[Int($0)] }, classCount: k, sampleWeights: exampleWeights.map { Float($0) },
      options: narrowedOptions, warmStart: warm, space: space)
    var weights = [Float](repeating: 0, count: x.columnCount * classCount)
    var intercepts = [Float](repeating: absentClassIntercept, count: classCount)
    for (p, label) in present.enumerated() {
      intercepts[label] = narrow.intercepts[p]
      for j in 0..<x.columnCount { weights[j * classCount + label] = narrow.weights[j * k + p] }
    }
    let model = LogisticRegression(
      classCount: classCount, featureCount: x.columnCount, weights: weights, intercepts: intercepts)
    return (model, report)
  }

  /// The training objective `0.5·||W||² + C·Σ sᵢ·CE(yᵢ, softmax(W xᵢ + b))` of this model on
  /// `x` and `labels` with example weights `sᵢ` (nil: all 1), summed in Double.
  public func objective(_ x: SparseMatrix, labels: [Int32], exampleWeights: [Double]?, c: Double, threads: Int)
    -> Double
  {
    let scores = decisionValues(x, threads: threads)
    var loss = 0.0
    for i in 0..<x.rowCount {
      var top = -Double.infinity
      for k in 0..<classCount { top = max(top, Double(scores[i * classCount + k])) }
      var total = 0.0
      for k in 0..<classCount { total += PortableMath.exp(Double(scores[i * classCount + k]) - top) }
      let logSum = top + PortableMath.log(total)
      loss += (exampleWeights?[i] ?? 1) * (logSum - Double(scores[i * classCount + Int(labels[i])]))
    }
    var norm = 0.0
    for w in weights { norm += Double(w) * Double(w) }
    return 0.5 * norm + c * loss
  }
}
