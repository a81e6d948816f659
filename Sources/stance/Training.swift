import Classifier
import Features
import Foundation

/// Cross-validation and the final fit behind `stance train`.
struct Training {
  var settings: FeatureSettings
  var options: TrainingOptions
  var threads: Int

  /// The results of one cross-validation run.
  struct CrossValidationRun {
    var summary: CrossValidationSummary
    /// Per-fold metrics, in fold order.
    var folds: [Metrics]
  }

  /// Fits the vectorizer and the classifier on `texts` / `labels`.
  func fit(texts: [String], labels: [Int32], classCount: Int) throws -> (
    TfidfVectorizer, LogisticRegression, FitReport
  ) {
    let vectorizer = try TfidfVectorizer.fit(texts, settings: settings, threads: threads)
    let x = vectorizer.transform(texts, threads: threads)
    var options = options
    options.threads = threads
    let (model, report) = try LogisticRegression.fit(
      x, labels: labels, classCount: classCount, sampleWeights: nil, options: options, warmStart: nil)
    return (vectorizer, model, report)
  }

  /// K-fold cross-validation, grouped by source when `grouped` (sentences of one article
  /// are never on both sides), stratified and seeded. Each fold fits its own vectorizer
  /// on its training part only, so test sentences never shape the features.
  func crossValidate(data: LabelledData, folds k: Int, seed: UInt64, grouped: Bool) throws -> CrossValidationRun {
    let texts = data.texts
    let labels = data.labelIndices
    let classCount = data.labels.count
    let result = try CrossValidation.evaluate(
      labels: labels, groups: grouped ? data.groups : nil, classCount: classCount, k: k, seed: seed
    ) { train, test in
      let trainLabels = train.map { labels[$0] }
      let present = Set(trainLabels)
      if let c = (0..<classCount).first(where: { !present.contains(Int32($0)) }) {
        throw CLIError(
          "label '\(data.labels[c])' has too few examples (or sources) for \(k) folds; use a smaller --folds or 0")
      }
      let (vectorizer, model, _) = try fit(texts: train.map { texts[$0] }, labels: trainLabels, classCount: classCount)
      return model.predict(vectorizer.transform(test.map { texts[$0] }, threads: threads), threads: threads)
    }
    var perLabel: [String: LabelFoldMetrics] = [:]
    for (c, name) in data.labels.enumerated() {
      perLabel[name] = LabelFoldMetrics(
        precision: result.precision[c], recall: result.recall[c], f1: result.f1[c], support: result.pooled.support[c])
    }
    let summary = CrossValidationSummary(
      folds: k, seed: seed, grouped: grouped, n: texts.count, accuracy: result.accuracy, macroF1: result.macroF1,
      labels: perLabel, confusion: result.pooled.confusion)
    return CrossValidationRun(summary: summary, folds: result.folds)
  }
}
