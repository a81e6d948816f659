import Foundation
import LinearModel

/// What a labels directory keeps beside its sentences: pages whose chrome a reader marked
/// (`boilerplate.jsonl`) and whole articles a reader judged (`articles.tsv` with
/// `article_texts.jsonl`), and the article rule (`stance.json`).
///
/// A value: read it with `read(paths:labels:)`, or build one, and give it to `Training.train`.
public struct LabelCompanions: Sendable {
  /// Pages whose boilerplate a reader marked: the boilerplate detector learns from them.
  public var pages: [LabelledPage] = []
  /// Whole articles a reader judged: the article classifier learns from them.
  public var articles: [JudgedArticle] = []
  /// Each article's judged label as an index into the data's labels.
  public var articleLabels: [Int32] = []

  /// No companions: no boilerplate detector, no article classifier.
  public init() {}

  /// The companions of the first labels directory (of `paths`) that has each file; `labels`
  /// are the sentence data's (judged articles must use them).
  /// - Throws: `LabelledDataError` or `TrainingError` naming the file (and line) of a malformed
  ///   record, a judged label the data does not have, or a judgments file without its texts.
  public static func read(paths: [String], labels: [String]) throws -> LabelCompanions {
    var found = LabelCompanions()
    if let file = LabelledDataFiles.companion(LabelledPage.fileName, in: paths) {
      found.pages = try LabelledPage.read(file)
    }
    if let judgments = LabelledDataFiles.companion(JudgedArticle.judgmentsFileName, in: paths) {
      let texts = (judgments as NSString).deletingLastPathComponent + "/" + JudgedArticle.textsFileName
      found.articles = try JudgedArticle.read(judgments: judgments, texts: texts)
      for article in found.articles {
        guard let c = labels.firstIndex(of: article.label) else {
          throw TrainingError.unknownArticleLabel(
            file: judgments, article: article.id, label: article.label, labels: labels)
        }
        found.articleLabels.append(Int32(c))
      }
    }
    return found
  }

  /// The article rule of the first labels directory of `paths` that has a `stance.json`,
  /// checked against the data's `labels`; nil (the standard rule) when none has.
  /// - Throws: `TrainingError.badSettings` naming the file.
  public static func articleRule(paths: [String], labels: [String]) throws -> ArticleRuleSettings? {
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        continue
      }
      let file = (path.hasSuffix("/") ? path : path + "/") + "stance.json"
      do {
        guard let rule = try ArticleRuleSettings.read(labelsDirectory: path) else { continue }
        try rule.validate(labels: labels)
        return rule
      } catch ArticleRuleSettings.SettingsError.malformed(_, let reason) {
        throw TrainingError.badSettings(file: file, reason: reason)
      } catch ArticleRuleSettings.SettingsError.invalid(let reason) {
        throw TrainingError.badSettings(file: file, reason: reason)
      }
    }
    return nil
  }

  /// The article classifier fitted on every judged article and its cross-validation against
  /// `rule`, from the articles' out-of-fold sentence probabilities and, when given, which of
  /// their sentences are attributed (then the classifier reads the `attribution` evidence);
  /// nils without judged articles. Too few judged articles (fewer than 5, or one label only)
  /// give no classifier and the reason in `skipped`: the model labels articles with the rule.
  func articleClassifier(
    _ probabilities: [[Float]]?, attribution: [[Bool]]?, labels: [String], rule: ArticleRuleSettings, seed: UInt64
  ) throws -> (classifier: ArticleClassifier?, evaluation: ArticleEvaluation?, skipped: String?) {
    do {
      let (classifier, evaluation) = try fitArticleClassifier(
        probabilities, attribution: attribution, labels: labels, rule: rule, seed: seed)
      return (classifier, evaluation, nil)
    } catch let error as ClassifierError {
      let why: String
      switch error {
      case .tooFewForFolds: why = "fewer than its 5 folds"
      case .tooFewClasses: why = "a fold's training part, or all of them, judged with one label"
      default: why = "\(error)"
      }
      return (nil, nil, "no article classifier from \(articles.count) judged articles (\(why))")
    }
  }

  private func fitArticleClassifier(
    _ probabilities: [[Float]]?, attribution: [[Bool]]?, labels: [String], rule: ArticleRuleSettings, seed: UInt64
  ) throws -> (ArticleClassifier?, ArticleEvaluation?) {
    guard let probabilities, !articles.isEmpty else { return (nil, nil) }
    let k = labels.count
    precondition(attribution == nil || attribution?.count == probabilities.count, "marks for every judged article")
    let layout: ArticleEvidence.Layout = attribution == nil ? .probabilities : .attribution
    let evidence = probabilities.indices.flatMap { a in
      ArticleEvidence.features(probabilities[a], attributed: attribution?[a], classCount: k)
    }
    let resolved = ArticleRule(settings: rule, labels: labels)
    // Each article's votes (prose sentences won per label) and summed probabilities.
    let tallies = probabilities.map { p -> (votes: [Int], sums: [Double]) in
      var votes = [Int](repeating: 0, count: k)
      var sums = [Double](repeating: 0, count: k)
      for s in 0..<(p.count / k) {
        votes[(0..<k).reduce(0) { p[s * k + $1] > p[s * k + $0] ? $1 : $0 }] += 1
        for c in 0..<k { sums[c] += Double(p[s * k + c]) }
      }
      return (votes, sums)
    }
    let evaluation = try ArticleClassifier.crossValidate(
      evidence: evidence, layout: layout, labels: articleLabels, groups: articles.map(\.group), classCount: k, folds: 5,
      seed: seed,
      rule: { i in
        let n = tallies[i].votes.reduce(0, +)
        return n == 0
          ? resolved.neutral ?? 0
          : resolved.label(votes: tallies[i].votes, probabilitySums: tallies[i].sums, sentenceCount: n)
      },
      precedence: { i, label in resolved.applyingPrecedence(to: label, votes: tallies[i].votes) },
      appliesPrecedence: !resolved.precedence.isEmpty)
    var classifier = try ArticleClassifier.fit(
      evidence: evidence, labels: articleLabels, classCount: k, layout: layout, setting: evaluation.setting)
    classifier.appliesPrecedence = evaluation.chosen == "classifier with precedence"
    return (evaluation.chosen == "rule" ? nil : classifier, evaluation)
  }
}
