import Classifier
import Foundation

/// What a labels directory keeps beside its sentences: pages whose chrome a reader marked
/// (`boilerplate.jsonl`) and whole articles a reader judged (`articles.tsv` with
/// `article_texts.jsonl`).
struct Companions {
  var pages: [LabelledPage] = []
  var articles: [JudgedArticle] = []
  /// Each article's judged label as an index into the data's labels.
  var articleLabels: [Int32] = []

  /// The companions of the first labels directory (of `paths`) that has each file.
  /// - Throws: `CLIError` naming the file (and line) of a malformed record, a judged label the
  ///   data does not have, or a judgments file without its texts.
  static func read(paths: [String], labels: [String]) throws -> Companions {
    var found = Companions()
    if let file = LabelledDataFiles.companion(LabelledPage.fileName, in: paths) {
      found.pages = try LabelledPage.read(file)
    }
    if let judgments = LabelledDataFiles.companion(JudgedArticle.judgmentsFileName, in: paths) {
      let texts = (judgments as NSString).deletingLastPathComponent + "/" + JudgedArticle.textsFileName
      found.articles = try JudgedArticle.read(judgments: judgments, texts: texts)
      for article in found.articles {
        guard let c = labels.firstIndex(of: article.label) else {
          throw CLIError(
            "\(judgments): article '\(article.id)' is judged '\(article.label)', not a label of the data \(labels)")
        }
        found.articleLabels.append(Int32(c))
      }
    }
    return found
  }

  /// The article classifier fitted on every judged article and its cross-validation against
  /// `rule`, from the articles' out-of-fold sentence probabilities; nils without judged articles.
  /// Too few judged articles (fewer than 5, or one label only) give a note on standard error
  /// and no classifier: the model labels articles with the rule.
  func articleClassifier(_ probabilities: [[Float]]?, labels: [String], rule: ArticleRuleSettings, seed: UInt64)
    throws -> (ArticleClassifier?, ArticleEvaluation?)
  {
    do {
      return try fitArticleClassifier(probabilities, labels: labels, rule: rule, seed: seed)
    } catch let error as ClassifierError {
      let why: String
      switch error {
      case .tooFewForFolds: why = "fewer than its 5 folds"
      case .tooFewClasses: why = "a fold's training part, or all of them, judged with one label"
      default: why = "\(error)"
      }
      printError(
        "stance: note: no article classifier from \(articles.count) judged articles (\(why)); "
          + "the article rule labels articles")
      return (nil, nil)
    }
  }

  private func fitArticleClassifier(
    _ probabilities: [[Float]]?, labels: [String], rule: ArticleRuleSettings, seed: UInt64
  ) throws -> (ArticleClassifier?, ArticleEvaluation?) {
    guard let probabilities, !articles.isEmpty else { return (nil, nil) }
    let k = labels.count
    let evidence = probabilities.flatMap { ArticleEvidence.features($0, classCount: k) }
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
      evidence: evidence, labels: articleLabels, groups: articles.map(\.group), classCount: k, folds: 5, seed: seed,
      rule: { i in
        let n = tallies[i].votes.reduce(0, +)
        return n == 0
          ? resolved.neutral ?? 0
          : resolved.label(votes: tallies[i].votes, probabilitySums: tallies[i].sums, sentenceCount: n)
      },
      precedence: { i, label in resolved.applyingPrecedence(to: label, votes: tallies[i].votes) },
      appliesPrecedence: !resolved.precedence.isEmpty)
    var classifier = try ArticleClassifier.fit(
      evidence: evidence, labels: articleLabels, classCount: k, setting: evaluation.setting)
    classifier.appliesPrecedence = evaluation.chosen == "classifier with precedence"
    return (evaluation.chosen == "rule" ? nil : classifier, evaluation)
  }
}
