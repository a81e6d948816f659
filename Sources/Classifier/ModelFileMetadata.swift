import Features

/// Precision, recall and F1 of one label across cross-validation folds, and its support
/// (examples of the label over all folds).
public struct LabelFoldMetrics: Codable, Equatable, Sendable {
  /// Precision across folds.
  public var precision: Spread
  /// Recall across folds.
  public var recall: Spread
  /// F1 across folds.
  public var f1: Spread
  /// Examples with this label, summed over the test folds (= in the data).
  public var support: Int

  /// Metrics of one label.
  public init(precision: Spread, recall: Spread, f1: Spread, support: Int) {
    self.precision = precision
    self.recall = recall
    self.f1 = f1
    self.support = support
  }
}

/// What cross-validation measured before the final model was trained on all data.
public struct CrossValidationSummary: Codable, Equatable, Sendable {
  /// Number of folds (>= 2).
  public var folds: Int
  /// Seed that shuffled examples (or groups) into folds.
  public var seed: UInt64
  /// Whether folds were grouped by `source` (sentences of one article on one side only).
  public var grouped: Bool
  /// Examples evaluated (every example is tested once).
  public var n: Int
  /// Accuracy across folds.
  public var accuracy: Spread
  /// Macro-averaged F1 across folds.
  public var macroF1: Spread
  /// Per-label metrics, keyed by label.
  public var labels: [String: LabelFoldMetrics]
  /// Confusion matrix summed over folds: `confusion[truth][predicted]`, in model label order.
  public var confusion: [[Int]]

  /// A summary with every field given.
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

/// The JSON header of a model file: everything about a model except its arrays.
///
/// Holds no timestamps or host names, so that training twice on the same data with
/// the same settings gives the same bytes.
public struct ModelMetadata: Codable, Equatable, Sendable {
  /// Class labels in class-index order (sorted by name when trained by `stance train`).
  public var labels: [String]
  /// How texts are turned into features.
  public var featureSettings: FeatureSettings
  /// Number of vocabulary terms (= feature count).
  public var vocabularySize: Int
  /// Number of classes (= `labels.count`).
  public var classCount: Int
  /// Number of examples the final model was trained on.
  public var trainingExamples: Int
  /// Examples per label, in `labels` order.
  public var examplesPerLabel: [Int]
  /// `LabelledData.fingerprint` of the training data (FNV-1a 64 of the sorted examples).
  public var trainingDataHash: String
  /// Solver settings; `threads` is stored as 0 because results do not depend on it.
  public var trainingOptions: TrainingOptions
  /// How the final fit went (iterations, objective, convergence), when known.
  public var fit: FitReport?
  /// Cross-validation results, when cross-validation ran.
  public var crossValidation: CrossValidationSummary?
  /// Version of the tool that trained the model.
  public var toolVersion: String
  /// How `stance score` turns sentence labels into a document label; nil in models written
  /// before the rule was stored (they use `ArticleRuleSettings.standard`).
  public var articleRule: ArticleRuleSettings?
  /// Folds of the out-of-fold predictions the article-context stage was trained on; nil when
  /// the model has no context stage (see `ArticleContext`).
  public var articleContextFolds: Int?
  /// The context stage's uniform pseudo-sentences in each document mean
  /// (`ArticleContext.documentPrior`); nil in models written before it (no prior).
  public var articleContextPrior: Float?
  /// Tells page chrome from prose; nil when the labels had no marked pages.
  public var boilerplate: BoilerplateDetector?
  /// The detector's figures on outlets left out.
  public var boilerplateEvaluation: BoilerplateEvaluation?
  /// Labels whole articles from their sentences' evidence; nil when the labels had no judged
  /// articles, or when the article rule did better out of fold (see `articleEvaluation`).
  public var articleClassifier: ArticleClassifier?
  /// The article label out of fold on the judged articles: the classifier and the rule.
  public var articleEvaluation: ArticleEvaluation?
  /// Rescales the sentence probabilities `stance score` reports; nil: reported as the model
  /// gives them (models trained without cross-validation).
  public var calibration: ProbabilityCalibration?
  /// Expected calibration error of the top label out of fold, with and without `calibration`.
  public var calibrationError: CalibrationReport?

  /// Metadata with every field given.
  public init(
    labels: [String], featureSettings: FeatureSettings, vocabularySize: Int, classCount: Int,
    trainingExamples: Int, examplesPerLabel: [Int], trainingDataHash: String, trainingOptions: TrainingOptions,
    fit: FitReport?, crossValidation: CrossValidationSummary?, toolVersion: String,
    articleRule: ArticleRuleSettings? = nil, articleContextFolds: Int? = nil
  ) {
    self.labels = labels
    self.featureSettings = featureSettings
    self.vocabularySize = vocabularySize
    self.classCount = classCount
    self.trainingExamples = trainingExamples
    self.examplesPerLabel = examplesPerLabel
    self.trainingDataHash = trainingDataHash
    var options = trainingOptions
    options.threads = 0
    self.trainingOptions = options
    self.fit = fit
    self.crossValidation = crossValidation
    self.toolVersion = toolVersion
    self.articleRule = articleRule
    self.articleContextFolds = articleContextFolds
  }
}

/// Expected calibration error (top label, 10 equal-width bins) across cross-validation folds.
public struct CalibrationReport: Codable, Equatable, Sendable {
  /// With the temperature fitted on the other folds.
  public var calibrated: Spread
  /// Without calibration.
  public var uncalibrated: Spread

  /// A report with both figures.
  public init(calibrated: Spread, uncalibrated: Spread) {
    self.calibrated = calibrated
    self.uncalibrated = uncalibrated
  }
}

/// A trained model as stored in a model file: metadata, vectorizer, the sentence classifier and,
/// optionally, the article-context stage over it.
public struct TrainedModel: Sendable {
  /// Labels, settings and training record.
  public var metadata: ModelMetadata
  /// Turns texts into TF-IDF rows over the model's vocabulary.
  public var vectorizer: TfidfVectorizer
  /// The multinomial logistic regression over those rows.
  public var classifier: LogisticRegression
  /// The second stage that adds each sentence's document context; nil for one-stage models.
  public var context: ArticleContext?

  /// Bundles the parts; they must agree (vocabulary size = feature count, labels = classes,
  /// the context stage's n-gram count = vocabulary size).
  public init(
    metadata: ModelMetadata, vectorizer: TfidfVectorizer, classifier: LogisticRegression,
    context: ArticleContext? = nil
  ) {
    self.metadata = metadata
    self.vectorizer = vectorizer
    self.classifier = classifier
    self.context = context
  }

  /// The class labels, in class-index order.
  public var labels: [String] { metadata.labels }
}
