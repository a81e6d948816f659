import Features

extension Training {
  /// Trains the whole model on every example of `data`: the boilerplate detector on the marked
  /// pages, the two stages (`fit`), and the article classifier on the judged articles; then
  /// assembles the model's metadata (with `crossValidation`'s figures and calibration when given).
  ///
  /// - Parameters:
  ///   - companions: marked pages and judged articles (see `LabelCompanions.read`); none by default.
  ///   - articleRule: the rule stored in the model (nil: the standard rule, stored as nil).
  ///   - crossValidation: `crossValidate`'s run on the same data, whose summary and temperature
  ///     the model keeps; nil: an uncalibrated model without figures.
  ///   - toolVersion: the program that trains, recorded in the model (e.g. "stance 1.4.0").
  /// - Throws: `FeaturesError`, `ClassifierError` when the data cannot be fitted (fewer than two
  ///   labels, no features left).
  public func train(
    _ data: LabelledData, companions: LabelCompanions = LabelCompanions(), articleRule: ArticleRuleSettings? = nil,
    crossValidation cv: CrossValidationRun? = nil, toolVersion: String
  ) throws -> TrainingResult {
    if !companions.pages.isEmpty { progress?(.phase("boilerplate detector")) }
    let boilerplate = try companions.pages.isEmpty ? nil : BoilerplateDetector.fit(companions.pages)
    let boilerplateEvaluation = try BoilerplateDetector.crossValidate(companions.pages)
    progress?(.phase("final model"))
    let fitted = try fit(
      texts: data.texts, labels: data.labelIndices, lazyGroups: data.groups, classCount: data.labels.count,
      articles: companions.articles, boilerplate: boilerplate)
    if !companions.articles.isEmpty { progress?(.phase("article classifier")) }
    let articles = try companions.articleClassifier(
      fitted.articleProbabilities, attribution: fitted.articleAttribution, labels: data.labels,
      rule: articleRule ?? .standard, seed: seed)
    var metadata = ModelMetadata(
      labels: data.labels, featureSettings: settings, vocabularySize: fitted.vectorizer.vocabulary.count,
      classCount: data.labels.count, trainingExamples: data.examples.count, examplesPerLabel: data.countsPerLabel,
      trainingDataHash: data.fingerprint(threads: threads), trainingOptions: options, fit: fitted.report,
      crossValidation: cv?.summary, toolVersion: toolVersion, articleRule: articleRule,
      articleContextFolds: fitted.context == nil ? nil : contextFolds)
    metadata.articleContextPrior = fitted.context.flatMap { $0.documentPrior > 0 ? $0.documentPrior : nil }
    metadata.boilerplate = boilerplate
    metadata.boilerplateEvaluation = boilerplateEvaluation
    metadata.articleClassifier = articles.classifier
    metadata.articleEvaluation = articles.evaluation
    metadata.calibration = cv?.calibration
    metadata.calibrationError = cv.map { CalibrationReport(calibrated: $0.ece, uncalibrated: $0.eceUncalibrated) }
    return TrainingResult(
      model: TrainedModel(
        metadata: metadata, vectorizer: fitted.vectorizer, classifier: fitted.classifier, context: fitted.context),
      fit: fitted.report, boilerplateEvaluation: boilerplateEvaluation, articleEvaluation: articles.evaluation,
      contextSkipped: fitted.contextSkipped, articleClassifierSkipped: articles.skipped,
      articleSentenceProbabilities: companions.articles.isEmpty ? nil : fitted.articleProbabilities,
      articleSentenceAttribution: companions.articles.isEmpty ? nil : fitted.articleAttribution)
  }
}
