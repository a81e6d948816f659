import ArgumentParser
import Classifier
import Features
import Foundation
import LinearModel

/// Report formats of `train`, `eval` and `inspect`.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json
}

/// `stance train`: read labelled sentences, cross-validate, train on all, write the model.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a model on labelled sentences, with cross-validation.",
    discussion: """
      LABELS: .tsv files (label<TAB>text[<TAB>source], optional header, # comments), \
      .jsonl files ({"text": ..., "label": ..., "source": ...}; Prodigy records only when \
      "answer" is "accept"; Label Studio tasks), .json Label Studio exports (each task's \
      latest annotation that was not cancelled; tasks without one are skipped and counted), \
      .csv files with a header (RFC 4180; columns named by --text-column, --label-column, \
      --source-column), LABEL.txt files (one example a line), or directories of them \
      (default: labels/). A label starting with ? (an unreviewed guess of stance suggest) \
      is refused until a person replaces it. Exact duplicates are dropped; a text found under two labels is \
      reported and dropped (--keep-duplicates keeps every row, as scikit-learn does). The source (the article a sentence came from) groups \
      cross-validation folds so one article never sits on both sides; without a source \
      each example is its own group.

      A labels directory may hold stance.json with the article rule that `stance score` \
      applies with this model, e.g. {"article_rule": {"neutral": "neutral", \
      "stance_share": 0.25, "precedence": ["state-media", "skeptical"], "precedence_votes": 2}} \
      (see `stance score --help`); without it the model stores the standard rule.

      The model has two stages: a sentence classifier over the sentence's n-grams, then an \
      article-context stage that also weighs what the sentence classifier says about the \
      other sentences of the same article (their mean probabilities, and those of the \
      sentences just before and after). It learns from out-of-fold predictions \
      (--context-folds, default 5; 0 for a one-stage model), so keep each article's \
      sentences in text order under one source.

      Cross-validation (--folds, default 5) fits features and classifier on each training \
      part and reports per-label precision, recall and F1 with their spread across folds; \
      then the model is trained on all examples and written atomically (an existing model \
      is replaced only when training succeeds). Same data, settings and seed give a \
      byte-identical model file, whatever --threads.

      Without -o the model goes to ./\(ModelLocator.projectModel), where score, eval and \
      inspect look first after --model and $STANCE_MODEL: train in a project folder, score \
      there. An existing model trained on other data (another data hash, see `stance inspect`) \
      is never replaced without --force: train stops before any work.

      On a terminal, a progress line on standard error shows the phase (cross-validation fold, \
      final model), the step (features, sentence model, context fold) and the optimizer's \
      iteration; nothing is drawn when standard error is not a terminal.

      Examples:
        stance train
        stance train mine.tsv                 # writes ./models/stance.model; stance score uses it here
        stance train labels/ -o models/stance.model
        stance train labels/ extra.jsonl --folds 10 --seed 7 --format json
        stance train labels/ --word-ngrams 1-3 --c 30 --class-weight none
        stance train project-export.json          # a Label Studio JSON export
        stance train coded.csv --text-column sentence --label-column code --source-column article_id
      """
  )

  @Argument(help: "Labels files or directories (default: labels/).")
  var labels: [String] = []

  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp(
      "Model file to write (default: \(ModelLocator.projectModel) in the current folder, which score, eval and "
        + "inspect then use there).",
      discussion:
        "An existing model is replaced only when it was trained on the same data (same data hash); "
        + "otherwise train stops before any work, unless --force."))
  var output: String = ModelLocator.projectModel

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also write each judged article's out-of-fold sentence probabilities to FILE (JSONL).",
      discussion: """
        One record per article of the labels' articles.tsv, in its order: {"id", "folder", "judged", \
        "labels", "predicted", "sentences", "attributed"}, where sentences holds one probability per label (in \
        "labels" order) for each prose sentence, predicted by fold models that never saw the article, and \
        attributed marks each of those sentences 1 when it quotes or reports speech (a quotation mark or a \
        speech verb), else 0: the evidence the article classifier learns from, for studying article rules \
        outside stance. Written atomically; nothing is written without judged articles.
        """,
      valueName: "file"))
  var articleEvidence: String?

  @Flag(name: .long, help: "Replace the model at -o even when it was trained on other data (or is not a model).")
  var force = false

  @Option(name: .long, help: "Report format: text or json.")
  var format: ReportFormat = .text

  @OptionGroup(title: "Labels files with named fields (CSV, Label Studio)")
  var columnOptions: LabelColumnOptions

  @Option(
    name: .customLong("word-ngrams"),
    help: "Word n-gram lengths, e.g. 1-2, or off (default: \(OptionText.describe(FeatureSettings().wordNGrams))).")
  var wordNGrams: NGramRange?

  @Option(
    name: .customLong("char-ngrams"),
    help:
      "Character n-gram lengths (within words), e.g. 2-5, or off (default: \(OptionText.describe(FeatureSettings().charNGrams)))."
  )
  var charNGrams: NGramRange?

  @Option(
    name: .long,
    help:
      "Ignore terms in fewer documents: a count (2) or a fraction (0.001) (default: \(OptionText.describe(FeatureSettings().minDF)))."
  )
  var minDf: DocumentFrequencyOption?

  @Option(
    name: .long,
    help:
      "Ignore terms in more documents: a count or a fraction (default: \(OptionText.describe(FeatureSettings().maxDF)))."
  )
  var maxDf: DocumentFrequencyOption?

  @Option(name: .long, help: "Keep only the N most frequent terms.")
  var maxFeatures: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Word tokenizer: news or scikit-learn (default: \(TokenizerOption.describe(FeatureSettings().tokenPattern))).",
      discussion:
        "news keeps negations, 'u.s.', hyphenated and apostrophe words; scikit-learn is its token_pattern "
        + "(?u)\\b\\w\\w+\\b, for features identical to TfidfVectorizer's."))
  var tokenizer: TokenizerOption?

  @Flag(
    inversion: .prefixedNo,
    help: "Use 1 + ln(tf) instead of raw term counts (default: \(FeatureSettings().sublinearTF ? "on" : "off")).")
  var sublinearTf: Bool?

  @Option(name: .customLong("c"), help: "Inverse regularization strength C > 0 (default: \(TrainingOptions().c)).")
  var c: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Class weights: balanced, none, or balanced:P (default: \(OptionText.describe(TrainingOptions().classWeight))).",
      discussion: """
        balanced weighs each label by n / (labels × its count), as scikit-learn; balanced:P raises \
        those weights to the power P (0 to 2): 1 is balanced, 0 is none. Lower powers trade the \
        rarer labels' recall for their precision.
        """))
  var classWeight: ClassWeightOption?

  @Flag(
    name: .long,
    help:
      "Keep repeated rows as separate examples, as scikit-learn takes a table (default: drop exact duplicates and texts found under two labels)."
  )
  var keepDuplicates = false

  @Flag(
    name: .long,
    help:
      "List every text found under two labels and every place of it (default: the count, the first 10 texts and 3 places each)."
  )
  var showConflicts = false

  @Option(name: .long, help: "Cross-validation folds, 0 = none.")
  var folds: Int = 5

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Folds behind the article-context stage, 0 = no context stage (default: \(Self.defaultContextFolds)).",
      discussion:
        "The context stage gives each sentence the mean probabilities of the other sentences of its article "
        + "(its source) and lets a second model decide with both; it learns from out-of-fold predictions, so "
        + "training fits N more models. It needs at least N sources."))
  var contextFolds: Int = Self.defaultContextFolds

  /// The context stage's folds when not given: as many as the cross-validation's default.
  static let defaultContextFolds = 5

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Uniform pseudo-sentences in the context stage's document means, >= 0 "
        + "(default: \(Fixed.format(Double(ArticleContext.standardDocumentPrior), digits: 0))).",
      discussion:
        "Each sentence's mean over the other sentences of its document counts this many more sentences of "
        + "1/K each, so that a short record's one other sentence does not weigh as a whole article; 0 is the "
        + "plain mean."))
  var contextPrior: Float = ArticleContext.standardDocumentPrior

  @Option(name: .long, help: "Seed for assigning examples to folds.")
  var seed: UInt64 = 1

  @Option(name: .long, help: "Worker threads (default: all cores). The model does not depend on it.")
  var threads: Int?

  @Option(name: .long, help: "Most optimizer iterations (default: \(TrainingOptions().maxIterations)).")
  var maxIter: Int?

  @Option(name: .long, help: "Optimizer tolerance on the gradient (default: \(TrainingOptions().tolerance)).")
  var tol: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Optimizer: auto, lbfgs or sgd (default: auto).",
      discussion: """
        lbfgs minimizes to --tol; sgd makes --epochs passes of stochastic gradient descent in a fixed \
        order (same model on any machine), much faster on large sets. auto picks sgd from \
        \(Solver.autoThreshold) training rows up. Example: stance train big.tsv --solver sgd --epochs 5
        """))
  var solver: SolverOption?

  @Option(name: .long, help: "Passes over the data of --solver sgd, >= 1 (default: \(TrainingOptions.defaultEpochs)).")
  var epochs: Int?

  func validate() throws {
    if folds < 0 || folds == 1 { throw ValidationError("--folds must be 0 (none) or at least 2") }
    if contextFolds < 0 || contextFolds == 1 {
      throw ValidationError("--context-folds must be 0 (no context stage) or at least 2")
    }
    if !(contextPrior >= 0) || !contextPrior.isFinite {
      throw ValidationError("--context-prior must be a number >= 0")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if let c, !(c > 0) { throw ValidationError("--c must be greater than 0") }
    if let maxFeatures, maxFeatures < 1 { throw ValidationError("--max-features must be at least 1") }
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
  }

  func run() throws {
    var clock = Stopwatch()
    // A path that cannot take the model is an error now, not after minutes of training.
    let target = try ModelFile.checkWritable(output)
    if let articleEvidence { try AtomicFile.checkWritable(articleEvidence, what: "the JSONL file") }
    removeTemporaryModelOnSignals()
    let paths = labels.isEmpty ? ["labels"] : labels
    let data = try LabelledData.read(
      paths, keepDuplicates: keepDuplicates, columns: columnOptions.columns, threads: threadCount(threads))
    let readSeconds = clock.lap()
    if format == .text || showConflicts {
      ReadReport.print(data, keptDuplicates: keepDuplicates, allConflicts: showConflicts)
    }
    guard data.labels.count >= 2 else {
      throw CLIError("\(paths.joined(separator: ", ")): training needs at least two labels, found \(data.labels)")
    }
    try ModelReplacement.check(
      target, shownAs: output, dataHash: data.fingerprint, examples: data.examples.count, force: force)
    let articleRule = try LabelCompanions.articleRule(paths: paths, labels: data.labels)
    TrainReport.printNotesBeforeTraining(data, folds: folds, contextFolds: contextFolds)
    let progress = TrainProgress.start()
    defer { progress?.finish() }
    let training = Training(
      settings: featureSettings(), options: trainingOptions(), threads: threadCount(threads),
      contextFolds: contextFolds, contextPrior: contextPrior, seed: seed, progress: progress?.observer)
    var cv: CrossValidationRun?
    if folds >= 2 {
      let grouped = data.examples.contains { $0.source != nil }
      cv = try training.crossValidate(
        data: data, folds: folds, grouped: grouped, neutralLabel: (articleRule ?? .standard).neutralLabel)
    }
    let cvSeconds = clock.lap()
    let companions = try LabelCompanions.read(paths: paths, labels: data.labels)
    let result = try training.train(
      data, companions: companions, articleRule: articleRule, crossValidation: cv, toolVersion: StanceVersion.string)
    progress?.finish()
    TrainReport.printNotesAfterTraining(result, crossValidation: cv, folds: folds, contextFolds: contextFolds)
    let trainSeconds = clock.lap()
    try ModelFile.write(result.model, to: output)
    if let articleEvidence {
      try writeArticleEvidence(
        result.articleSentenceProbabilities, attribution: result.articleSentenceAttribution,
        outOfFold: result.articleEvaluation?.outOfFold ?? [],
        articles: companions.articles, labels: data.labels, to: articleEvidence)
    }
    let writeSeconds = clock.lap()
    let seconds = [
      "read": readSeconds, "cross_validation": cvSeconds, "train": trainSeconds, "write": writeSeconds,
      "total": clock.total,
    ]
    let report = TrainReport(
      data: data, crossValidation: cv, result: result, output: output, folds: folds, contextFolds: contextFolds,
      seconds: seconds)
    try report.print(format)
  }

  private func featureSettings() -> FeatureSettings {
    var s = FeatureSettings()
    if let wordNGrams { s.wordNGrams = wordNGrams.range }
    if let charNGrams { s.charNGrams = charNGrams.range }
    if let minDf { s.minDF = minDf.bound }
    if let maxDf { s.maxDF = maxDf.bound }
    if let maxFeatures { s.maxFeatures = maxFeatures }
    if let tokenizer { s.tokenPattern = tokenizer.pattern }
    if let sublinearTf { s.sublinearTF = sublinearTf }
    return s
  }

  private func trainingOptions() -> TrainingOptions {
    var o = TrainingOptions()
    if let c { o.c = c }
    if let classWeight { o.classWeight = classWeight.weight }
    if let maxIter { o.maxIterations = maxIter }
    if let tol { o.tolerance = tol }
    if let solver { o.solver = solver.solver }
    if let epochs { o.epochs = epochs }
    return o
  }
}
