import Classifier
import Features
import Foundation

/// Cross-validation and the final fit behind `stance train`.
struct Training {
  var settings: FeatureSettings
  var options: TrainingOptions
  var threads: Int
  /// Folds of the out-of-fold predictions the article-context stage learns from; 0 = no context stage.
  var contextFolds: Int
  /// Seeds every fold split.
  var seed: UInt64

  /// The results of one cross-validation run.
  struct CrossValidationRun {
    var summary: CrossValidationSummary
    /// Per-fold metrics, in fold order.
    var folds: [Metrics]
    /// Folds whose model has one stage although a context stage was asked for (see
    /// `Fitted.contextSkipped`): their training part was too small for one.
    var foldsWithoutContext: Int
  }

  /// A fitted vectorizer, sentence classifier and (optional) context stage.
  struct Fitted {
    var vectorizer: TfidfVectorizer
    var classifier: LogisticRegression
    var report: FitReport
    var context: ArticleContext?
    /// Why the context stage was asked for but not fitted (one of a fold's training parts lost a
    /// label, or every n-gram); nil when it was fitted or not asked for.
    var contextSkipped: String?

    /// Probabilities of `texts`, each in the document `documentOf[i]`.
    func probabilities(_ texts: [String], documentOf: [Int], threads: Int) -> [Float] {
      TrainedModel.decide(
        vectorizer.transform(texts, threads: threads), classifier: classifier, context: context,
        documentOf: documentOf, threads: threads
      ).probabilities
    }
  }

  /// Fits the vectorizer and the sentence classifier on `texts` / `labels`, and the context
  /// stage when `usesContext(groups:)`. When one of the context stage's folds cannot be trained on
  /// (a label or every n-gram drops out of its training part), the model keeps one stage and
  /// `contextSkipped` says why: the data is too small for the stage, not wrong.
  ///
  /// - Parameter groups: each example's document (its source); examples of one share it.
  func fit(texts: [String], labels: [Int32], groups: [String], classCount: Int) throws -> Fitted {
    let vectorizer = try TfidfVectorizer.fit(texts, settings: settings, threads: threads)
    let x = vectorizer.transform(texts, threads: threads)
    var options = options
    options.threads = threads
    let (model, report) = try LogisticRegression.fit(
      x, labels: labels, classCount: classCount, sampleWeights: nil, options: options, warmStart: nil)
    var fitted = Fitted(vectorizer: vectorizer, classifier: model, report: report, context: nil)
    guard usesContext(groups: groups) else { return fitted }
    let documentOf = LabelledData.documentNumbers(groups)
    let outOfFold: [Float]
    do {
      outOfFold = try outOfFoldProbabilities(
        texts: texts, labels: labels, groups: groups, documentOf: documentOf, classCount: classCount)
    } catch let reason as ContextSkipped {
      fitted.contextSkipped = reason.description
      return fitted
    } catch FeaturesError.emptyVocabulary {
      fitted.contextSkipped = "every n-gram drops out of a fold's training part"
      return fitted
    } catch ClassifierError.tooFewForFolds {
      fitted.contextSkipped = "a fold has no source of its own"
      return fitted
    }
    fitted.context = try ArticleContext.fit(
      x, outOfFold: outOfFold, documentOf: documentOf, labels: labels, sentenceModel: model, options: options
    ).stage
    return fitted
  }

  /// Why `outOfFoldProbabilities` could not be computed (the data, not a fault).
  struct ContextSkipped: Error, CustomStringConvertible {
    var description: String
  }

  /// Each example's probabilities from a one-stage model fitted (with its own vectorizer) on the
  /// `contextFolds - 1` folds that do not hold its document: `texts.count × classCount` values.
  /// `documentOf` is `LabelledData.documentNumbers(groups)`.
  private func outOfFoldProbabilities(
    texts: [String], labels: [Int32], groups: [String], documentOf: [Int], classCount: Int
  ) throws -> [Float] {
    var outOfFold = [Float](repeating: 0, count: texts.count * classCount)
    let oneStage = Training(settings: settings, options: options, threads: threads, contextFolds: 0, seed: seed)
    let present = Set(labels)
    for held in try CrossValidation.checkedFolds(labels: labels, groups: groups, k: contextFolds, seed: seed) {
      let rest = CrossValidation.complement(held, count: texts.count)
      // A label missing from the training part would get probability 0 in its own documents'
      // context columns, and the context stage would learn that artefact.
      guard Set(rest.map { labels[$0] }) == present else {
        throw ContextSkipped(description: "a label drops out of a fold's training part")
      }
      let inner = try oneStage.fit(
        texts: rest.map { texts[$0] }, labels: rest.map { labels[$0] }, groups: rest.map { groups[$0] },
        classCount: classCount)
      let p = inner.probabilities(held.map { texts[$0] }, documentOf: held.map { documentOf[$0] }, threads: threads)
      for (j, i) in held.enumerated() {
        for c in 0..<classCount { outOfFold[i * classCount + c] = p[j * classCount + c] }
      }
    }
    return outOfFold
  }

  /// Whether `fit` adds a context stage for examples from these documents: enough documents to
  /// make the folds, and some document with more than one sentence (otherwise every context
  /// column would be the same uniform value, and the stage would cost fits for nothing).
  func usesContext(groups: [String]) -> Bool {
    let documents = Set(groups).count
    return contextFolds >= 2 && documents >= contextFolds && documents < groups.count
  }

  /// K-fold cross-validation, grouped by source when `grouped` (sentences of one article
  /// are never on both sides), stratified and seeded. Each fold fits its own vectorizer and,
  /// for a two-stage model, its own out-of-fold predictions on its training part only, so test
  /// sentences never shape the features or the context stage.
  func crossValidate(data: LabelledData, folds k: Int, grouped: Bool) throws -> CrossValidationRun {
    let texts = data.texts
    let labels = data.labelIndices
    let groups = data.groups
    let documentOf = LabelledData.documentNumbers(groups)
    let classCount = data.labels.count
    var foldsWithoutContext = 0
    let result = try CrossValidation.evaluate(
      labels: labels, groups: grouped ? groups : nil, classCount: classCount, k: k, seed: seed
    ) { train, test in
      let trainLabels = train.map { labels[$0] }
      let present = Set(trainLabels)
      if let c = (0..<classCount).first(where: { !present.contains(Int32($0)) }) {
        throw CLIError(
          "label '\(data.labels[c])' has too few examples (or sources) for \(k) folds; use a smaller --folds or 0")
      }
      let fitted = try fit(
        texts: train.map { texts[$0] }, labels: trainLabels, groups: train.map { groups[$0] }, classCount: classCount)
      if fitted.contextSkipped != nil { foldsWithoutContext += 1 }
      let p = fitted.probabilities(
        test.map { texts[$0] }, documentOf: test.map { documentOf[$0] }, threads: threads)
      return TrainedModel.Decision.mostProbable(p, classCount: classCount)
    }
    var perLabel: [String: LabelFoldMetrics] = [:]
    for (c, name) in data.labels.enumerated() {
      perLabel[name] = LabelFoldMetrics(
        precision: result.precision[c], recall: result.recall[c], f1: result.f1[c], support: result.pooled.support[c])
    }
    let summary = CrossValidationSummary(
      folds: k, seed: seed, grouped: grouped, n: texts.count, accuracy: result.accuracy, macroF1: result.macroF1,
      labels: perLabel, confusion: result.pooled.confusion)
    return CrossValidationRun(summary: summary, folds: result.folds, foldsWithoutContext: foldsWithoutContext)
  }
}
