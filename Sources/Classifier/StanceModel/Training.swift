import Features
import Foundation
import LinearModel

/// How to train a stance model, and the training: cross-validation, the two-stage fit with its
/// out-of-fold context stage, and the whole model with its metadata (`train`).
///
/// A value: set the fields, then call `crossValidate` and `train`. The same data, settings and
/// seed give the same model, bit for bit, whatever `threads`.
///
///     let data = try LabelledData.read(["labels"])
///     let training = Training()
///     let result = try training.train(data, toolVersion: "my-tool 1.0")
///     try ModelFile.write(result.model, to: "stance.model")
public struct Training: Sendable {
  /// How texts become TF-IDF features.
  public var settings: FeatureSettings
  /// The sentence classifier's regularization, class weights and optimizer limits.
  public var options: TrainingOptions
  /// Worker threads (>= 1); the model does not depend on it.
  public var threads: Int

  /// Folds of the out-of-fold predictions the article-context stage learns from (0 = no
  /// context stage, else >= 2).
  public var contextFolds: Int
  /// Uniform pseudo-sentences (>= 0) in the context stage's document means
  /// (`ArticleContext.documentPrior`).
  public var contextPrior: Float
  /// Seeds every fold split.
  public var seed: UInt64
  /// Told of each phase and step as training goes (nil: nobody; inner fits of the context stage
  /// tell nothing, so that the step shown stays the context fold). Called on the training thread.
  public var progress: (@Sendable (TrainingProgress) -> Void)? = nil

  /// Training as `stance train` does by default: standard features and options, a context
  /// stage from 5 folds, seed 1, on `threads` threads.
  public init(
    settings: FeatureSettings = FeatureSettings(), options: TrainingOptions = TrainingOptions(), threads: Int = 1,
    contextFolds: Int = 5, contextPrior: Float = ArticleContext.standardDocumentPrior, seed: UInt64 = 1,
    progress: (@Sendable (TrainingProgress) -> Void)? = nil
  ) {
    self.settings = settings
    self.options = options
    self.threads = threads
    self.contextFolds = contextFolds
    self.contextPrior = contextPrior
    self.seed = seed
    self.progress = progress
  }

  /// A fitted vectorizer, sentence classifier and (optional) context stage.
  public struct Fitted: Sendable {
    /// The vectorizer fitted on the training texts.
    public var vectorizer: TfidfVectorizer
    /// The sentence classifier.
    public var classifier: LogisticRegression
    /// How the sentence classifier's fit went.
    public var report: FitReport
    /// The article-context stage; nil when not asked for or skipped.
    public var context: ArticleContext?
    /// Why the context stage was asked for but not fitted (one of a fold's training parts lost a
    /// label, or every n-gram); nil when it was fitted or not asked for.
    public var contextSkipped: String?
    /// Per judged article given to `fit`, its prose sentences' probabilities (`n × classCount`)
    /// from a sentence model that did not see the article; nil when none were given or the
    /// folds could not be made.
    public var articleProbabilities: [[Float]]?
    /// Per judged article given to `fit`, whether each prose sentence is attributed
    /// (`Attribution`), in the order of `articleProbabilities`; nil when that is nil.
    public var articleAttribution: [[Bool]]?

    /// Probabilities of `texts` (`texts.count × classCount`, row-major), each in the document
    /// `documentOf[i]`.
    public func probabilities(_ texts: [String], documentOf: [Int], threads: Int) -> [Float] {
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
  /// - Parameters:
  ///   - groups: each example's document (its source); examples of one share it.
  ///   - articles: judged articles whose out-of-fold sentence probabilities to compute (their
  ///     prose sentences: `boilerplate` removes page chrome first).
  public func fit(
    texts: [String], labels: [Int32], groups: [String], classCount: Int, articles: [JudgedArticle] = [],
    boilerplate: BoilerplateDetector? = nil
  ) throws -> Fitted {
    try fit(
      texts: texts, labels: labels, lazyGroups: groups, classCount: classCount, articles: articles,
      boilerplate: boilerplate)
  }

  /// `fit` with the groups made only when read: after the sentence model, and only for a
  /// context stage or judged articles. At scale the groups are one string per example (tens of
  /// MB for a million) that a one-stage fit never reads, and would be held beside the matrix.
  func fit(
    texts: [String], labels: [Int32], lazyGroups: @autoclosure () -> [String], classCount: Int,
    articles: [JudgedArticle] = [], boilerplate: BoilerplateDetector? = nil
  ) throws -> Fitted {
    progress?(.step("features"))
    let (vectorizer, x) = try TfidfVectorizer.fitTransform(texts, settings: settings, threads: threads)
    var options = options
    options.threads = threads
    progress?(.step("sentence model"))
    let (model, report) = try LogisticRegression.fit(
      x, labels: labels, classCount: classCount, sampleWeights: nil, options: options, warmStart: nil)
    var fitted = Fitted(vectorizer: vectorizer, classifier: model, report: report, context: nil)
    // usesContext is false below two context folds, whatever the groups.
    guard contextFolds >= 2 || !articles.isEmpty else { return fitted }
    let groups = lazyGroups()
    let context = usesContext(groups: groups)
    guard context || !articles.isEmpty else { return fitted }
    let documentOf = LabelledData.documentNumbers(groups)
    let outOfFold: [Float]
    do {
      let prose = articles.map { Self.proseSentences($0.text, boilerplate: boilerplate) }
      (outOfFold, fitted.articleProbabilities) = try outOfFoldProbabilities(
        texts: texts, labels: labels, groups: groups, documentOf: documentOf, classCount: classCount,
        articles: articles.map(\.id), prose: prose, twoStage: context)
      fitted.articleAttribution = prose.map { $0.map(Attribution.isAttributed) }
      if !context { return fitted }
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
    progress?(.step("context stage"))
    fitted.context = try ArticleContext.fit(
      x, outOfFold: outOfFold, documentOf: documentOf, labels: labels, sentenceModel: model, options: options,
      documentPrior: contextPrior
    ).stage
    return fitted
  }

  /// Why `outOfFoldProbabilities` could not be computed (the data, not a fault).
  struct ContextSkipped: Error, CustomStringConvertible {
    var description: String
  }

  /// The prose sentences of `text`: its spans less those `boilerplate` marks as page chrome.
  public static func proseSentences(_ text: String, boilerplate: BoilerplateDetector?) -> [String] {
    let ranges = SentenceSplitter().split(text)
    let chrome = boilerplate?.mark(text, spans: ranges) ?? [Bool](repeating: false, count: ranges.count)
    return zip(ranges, chrome).filter { !$0.1 }.map { ScoredDocument.text(of: $0.0, in: text) }
  }

  /// Folds of the out-of-fold predictions: `--context-folds`, or 5 for judged articles alone.
  private var outOfFoldCount: Int { contextFolds >= 2 ? contextFolds : 5 }

  /// Each example's probabilities from a one-stage model fitted (with its own vectorizer) on the
  /// folds that do not hold its document: `texts.count × classCount` values. `documentOf` is
  /// `LabelledData.documentNumbers(groups)`; `twoStage`: whether the model being fitted gets a
  /// context stage (the articles are then scored with one too).
  ///
  /// Each judged article (`articles`, ids) has its `prose` sentences scored as `stance score`
  /// would, by the fold model of the fold that holds its sentences if they are labelled (else
  /// fold `i mod k`): that fold's sentence model and, with a context stage, a context stage
  /// fitted on the same training part. Neither stage was fitted on the article's sentences; the
  /// context stage's inputs (other folds' out-of-fold probabilities) come from models that saw
  /// them, a second-order leak that nested out-of-fold predictions would remove at 5x the cost.
  private func outOfFoldProbabilities(
    texts: [String], labels: [Int32], groups: [String], documentOf: [Int], classCount: Int, articles: [String] = [],
    prose: [[String]] = [], twoStage: Bool = true
  ) throws -> (sentences: [Float], articles: [[Float]]) {
    var outOfFold = [Float](repeating: 0, count: texts.count * classCount)
    var articleProbabilities = [[Float]](repeating: [], count: articles.count)
    let oneStage = Training(
      settings: settings, options: options, threads: threads, contextFolds: 0, contextPrior: contextPrior, seed: seed)
    let present = Set(labels)
    let folds = try CrossValidation.checkedFolds(labels: labels, groups: groups, k: outOfFoldCount, seed: seed)
    var foldOfGroup: [String: Int] = [:]
    for (f, held) in folds.enumerated() { for i in held { foldOfGroup[groups[i]] = f } }
    let articleFold = articles.enumerated().map { foldOfGroup[$0.element] ?? $0.offset % folds.count }
    var inners: [Fitted] = []
    for (f, held) in folds.enumerated() {
      progress?(.step("context fold \(f + 1)/\(folds.count)"))
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
      inners.append(inner)
    }
    for (f, held) in folds.enumerated() {
      let inner = inners[f]
      var context: ArticleContext?
      // As the final model will score them: with a context stage only when it gets one.
      if twoStage && contextFolds >= 2 && articles.indices.contains(where: { articleFold[$0] == f }) {
        let rest = CrossValidation.complement(held, count: texts.count)
        let x = inner.vectorizer.transform(rest.map { texts[$0] }, threads: threads)
        var restOutOfFold = [Float]()
        restOutOfFold.reserveCapacity(rest.count * classCount)
        for i in rest { restOutOfFold += outOfFold[(i * classCount)..<(i * classCount + classCount)] }
        var options = options
        options.threads = threads
        context = try ArticleContext.fit(
          x, outOfFold: restOutOfFold, documentOf: rest.map { documentOf[$0] }, labels: rest.map { labels[$0] },
          sentenceModel: inner.classifier, options: options, documentPrior: contextPrior
        ).stage
      }
      for a in articles.indices where articleFold[a] == f {
        articleProbabilities[a] =
          TrainedModel.decide(
            inner.vectorizer.transform(prose[a], threads: threads), classifier: inner.classifier, context: context,
            documentOf: [Int](repeating: 0, count: prose[a].count), threads: threads
          ).probabilities
      }
    }
    return (outOfFold, articleProbabilities)
  }

  /// Whether `fit` adds a context stage for examples from these documents: enough documents to
  /// make the folds, and some document with more than one sentence (otherwise every context
  /// column would be the same uniform value, and the stage would cost fits for nothing).
  public func usesContext(groups: [String]) -> Bool {
    let documents = Set(groups).count
    return contextFolds >= 2 && documents >= contextFolds && documents < groups.count
  }

  /// K-fold cross-validation, grouped by source when `grouped` (sentences of one article
  /// are never on both sides), stratified and seeded. Each fold fits its own vectorizer and,
  /// for a two-stage model, its own out-of-fold predictions on its training part only, so test
  /// sentences never shape the features or the context stage.
  ///
  /// - Parameter neutralLabel: the label of reporting without stance (the article rule's), whose
  ///   confident sentences the context stage should rarely move; nil when the data has none.
  public func crossValidate(data: LabelledData, folds k: Int, grouped: Bool, neutralLabel: String? = nil) throws
    -> CrossValidationRun
  {
    let texts = data.texts
    let labels = data.labelIndices
    let groups = data.groups
    let documentOf = LabelledData.documentNumbers(groups)
    let classCount = data.labels.count
    var foldsWithoutContext = 0
    var aloneF1: [Double] = []
    var foldProbabilities: [(p: [Float], truth: [Int32])] = []
    var (confidentNeutral, flipped, flippedRight) = (0, 0, 0)
    var fold = 0
    let result = try CrossValidation.evaluate(
      labels: labels, labelNames: data.labels, groups: grouped ? groups : nil, k: k, seed: seed
    ) { train, test in
      fold += 1
      progress?(.phase("cross-validation fold \(fold)/\(k)"))
      let trainLabels = train.map { labels[$0] }
      let present = Set(trainLabels)
      if let c = (0..<classCount).first(where: { !present.contains(Int32($0)) }) {
        throw TrainingError.labelMissingFromFold(label: data.labels[c], folds: k)
      }
      let fitted = try fit(
        texts: train.map { texts[$0] }, labels: trainLabels, groups: train.map { groups[$0] }, classCount: classCount)
      if fitted.contextSkipped != nil { foldsWithoutContext += 1 }
      let testTexts = test.map { texts[$0] }
      let p = fitted.probabilities(testTexts, documentOf: test.map { documentOf[$0] }, threads: threads)
      let alone = fitted.probabilities(testTexts, documentOf: Array(test.indices), threads: threads)
      let predicted = TrainedModel.Decision.mostProbable(p, classCount: classCount)
      let predictedAlone = TrainedModel.Decision.mostProbable(alone, classCount: classCount)
      let truth = test.map { labels[$0] }
      foldProbabilities.append((p, truth))
      aloneF1.append(Metrics(truth: truth, predicted: predictedAlone, classCount: classCount).macroF1)
      if let neutral = neutralLabel.flatMap({ data.labels.firstIndex(of: $0) }) {
        for (j, t) in truth.enumerated() where predictedAlone[j] == neutral && alone[j * classCount + neutral] >= 0.8 {
          confidentNeutral += 1
          if predicted[j] != neutral {
            flipped += 1
            if predicted[j] == t { flippedRight += 1 }
          }
        }
      }
      return predicted
    }
    let (calibration, ece, eceUncalibrated) = Self.calibrate(foldProbabilities, classCount: classCount)
    return CrossValidationRun(
      summary: result, foldsWithoutContext: foldsWithoutContext, aloneMacroF1: Spread(aloneF1),
      confidentNeutral: confidentNeutral, flipped: flipped, flippedRight: flippedRight, calibration: calibration,
      ece: ece, eceUncalibrated: eceUncalibrated)
  }

  /// The temperature of all folds' out-of-fold probabilities, and each fold's expected
  /// calibration error with a temperature fitted on the other folds (and without one).
  static func calibrate(_ folds: [(p: [Float], truth: [Int32])], classCount k: Int) -> (
    ProbabilityCalibration, ece: Spread, eceUncalibrated: Spread
  ) {
    var after: [Double] = []
    var before: [Double] = []
    var calibratedAll: [Float] = []
    for (f, fold) in folds.enumerated() {
      let others = folds.indices.filter { $0 != f }
      let fitted = ProbabilityCalibration.fit(
        others.flatMap { folds[$0].p }, labels: others.flatMap { folds[$0].truth }, classCount: k)
      let calibrated = fitted.applied(fold.p, classCount: k)
      calibratedAll += calibrated
      after.append(CalibrationError.expected(calibrated, labels: fold.truth, classCount: k))
      before.append(CalibrationError.expected(fold.p, labels: fold.truth, classCount: k))
    }
    let all = folds.flatMap(\.p)
    let truth = folds.flatMap(\.truth)
    var calibration = ProbabilityCalibration.fit(all, labels: truth, classCount: k)
    let raw = CalibrationError.bins(all, labels: truth, classCount: k)
    let cooked = CalibrationError.bins(calibratedAll, labels: truth, classCount: k)
    calibration.reliability = zip(raw, cooked).enumerated().map { b, pair in
      ReliabilityBin(
        lower: Double(b) / 10, count: pair.0.count, confidence: pair.0.confidence, accuracy: pair.0.accuracy,
        calibratedCount: pair.1.count, calibratedConfidence: pair.1.confidence, calibratedAccuracy: pair.1.accuracy)
    }
    return (calibration, Spread(after), Spread(before))
  }
}
