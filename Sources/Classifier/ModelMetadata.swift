import Features
import LinearModel

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
  public var crossValidation: CrossValidationResult?
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
    fit: FitReport?, crossValidation: CrossValidationResult?, toolVersion: String,
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
