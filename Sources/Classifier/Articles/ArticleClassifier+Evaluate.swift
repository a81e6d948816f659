import LinearModel

extension ArticleClassifier {
  /// Cross-validates the article classifier against the article rule on judged articles whose
  /// evidence came from sentence models that never saw them.
  ///
  /// - Parameters:
  ///   - evidence: `articles × ArticleEvidence.count(classCount:layout:)` values, row-major.
  ///   - layout: the evidence the rows hold.
  ///   - labels: each article's judged label index.
  ///   - groups: each article's folder or outlet (for the leave-one-folder-out figure).
  ///   - rule: the article rule's label of article `i` (from the same sentence predictions).
  ///   - precedence: the classifier's label of article `i` after the rule's precedence (a label
  ///     that must take a stance-taking article once it wins enough sentences); the evaluation
  ///     measures the classifier with and without it.
  ///   - appliesPrecedence: whether the model will apply `precedence` (the labels ask for it);
  ///     the classifier is then compared with the rule as it will label.
  ///   - folds: folds over articles (>= 2), stratified by label and seeded by `seed`.
  ///
  /// The classifier's `Setting` is chosen from `Setting.grid` by an inner cross-validation on
  /// each outer fold's training part (so the figures are those of choosing, not of a choice made
  /// on the test articles); `ArticleEvaluation.setting` is the choice on all articles.
  /// - Throws: what `fit` throws, and `ClassifierError.tooFewForFolds` for too few articles.
  public static func crossValidate(
    evidence: [Double], layout: ArticleEvidence.Layout, labels: [Int32], groups: [String], classCount k: Int,
    folds: Int, seed: UInt64, rule: (Int) -> Int, precedence: (Int, Int) -> Int = { $1 },
    appliesPrecedence: Bool = false
  ) throws -> ArticleEvaluation {
    let f = ArticleEvidence.count(classCount: k, layout: layout)
    let n = labels.count
    precondition(evidence.count == n * f && groups.count == n, "one evidence row and group per article")
    func predict(train: [Int], test: [Int], setting: Setting) throws -> [Int32] {
      let model = try fit(
        evidence: train.flatMap { evidence[($0 * f)..<($0 * f + f)] }, labels: train.map { labels[$0] }, classCount: k,
        layout: layout, setting: setting)
      return test.map { i in
        let q = model.probabilities(evidence: Array(evidence[(i * f)..<(i * f + f)]))
        return Int32((0..<k).reduce(0) { q[$1] > q[$0] ? $1 : $0 })
      }
    }
    // The setting with the best mean macro-F1 over folds of `subset` (the first of the grid on a tie).
    func choose(_ subset: [Int]) throws -> Setting {
      let inner = CrossValidation.folds(labels: subset.map { labels[$0] }, groups: nil, k: folds, seed: seed)
      var best = (setting: Setting.grid[0], score: -1.0)
      for setting in Setting.grid {
        var scores: [Double] = []
        for held in inner where !held.isEmpty {
          let test = held.map { subset[$0] }
          let train = CrossValidation.complement(held, count: subset.count).map { subset[$0] }
          guard Set(train.map { labels[$0] }).count >= 2 else { continue }
          let predicted = try predict(train: train, test: test, setting: setting)
          scores.append(Metrics(truth: test.map { labels[$0] }, predicted: predicted, classCount: k).macroF1)
        }
        let mean = scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
        if mean > best.score { best = (setting, mean) }
      }
      return best.setting
    }
    var accuracy: [Double] = []
    var macroF1: [Double] = []
    var precedenceAccuracy: [Double] = []
    var precedenceMacroF1: [Double] = []
    var precedenceConfusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    var ruleAccuracy: [Double] = []
    var ruleMacroF1: [Double] = []
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    var ruleConfusion = confusion
    // Each article's label by the classifier, with precedence and by the rule, from its own fold.
    var outOfFold = (classifier: [Int32](repeating: 0, count: n), precedence: [Int32](repeating: 0, count: n))
    var byRuleOutOfFold = [Int32](repeating: 0, count: n)
    for held in try CrossValidation.checkedFolds(labels: labels, groups: nil, k: folds, seed: seed) {
      let rest = CrossValidation.complement(held, count: n)
      guard Set(rest.map { labels[$0] }).count >= 2 else { throw ClassifierError.tooFewClasses }
      let truth = held.map { labels[$0] }
      let predicted = try predict(train: rest, test: held, setting: try choose(rest))
      let m = Metrics(truth: truth, predicted: predicted, classCount: k)
      accuracy.append(m.accuracy)
      macroF1.append(m.macroF1)
      for (t, p) in zip(truth, predicted) { confusion[Int(t)][Int(p)] += 1 }
      let adjusted = zip(held, predicted).map { Int32(precedence($0, Int($1))) }
      let a = Metrics(truth: truth, predicted: adjusted, classCount: k)
      precedenceAccuracy.append(a.accuracy)
      precedenceMacroF1.append(a.macroF1)
      for (t, p) in zip(truth, adjusted) { precedenceConfusion[Int(t)][Int(p)] += 1 }
      let byRule = held.map { Int32(rule($0)) }
      let r = Metrics(truth: truth, predicted: byRule, classCount: k)
      ruleAccuracy.append(r.accuracy)
      ruleMacroF1.append(r.macroF1)
      for (t, p) in zip(truth, byRule) { ruleConfusion[Int(t)][Int(p)] += 1 }
      for (j, i) in held.enumerated() {
        outOfFold.classifier[i] = predicted[j]
        outOfFold.precedence[i] = adjusted[j]
        byRuleOutOfFold[i] = byRule[j]
      }
    }
    // Each folder in turn predicted by a classifier that saw none of its articles.
    var pooledTruth: [Int32] = []
    var pooled: [Int32] = []
    for folder in Set(groups).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      let test = (0..<n).filter { groups[$0] == folder }
      let train = (0..<n).filter { groups[$0] != folder }
      // A folder whose absence leaves one label cannot be predicted: it is left out of the figure.
      guard Set(train.map { labels[$0] }).count >= 2 else { continue }
      pooled += try predict(train: train, test: test, setting: try choose(train))
      pooledTruth += test.map { labels[$0] }
    }
    let leaveFolderOut = Metrics(truth: pooledTruth, predicted: pooled, classCount: k).macroF1
    // The classifier as the model will apply it, against the rule; on a tie the classifier.
    let usePrecedence = appliesPrecedence
    let classifier = Spread(usePrecedence ? precedenceMacroF1 : macroF1).mean
    let byClassifier = classifier >= Spread(ruleMacroF1).mean
    let chosen = byClassifier ? (usePrecedence ? "classifier with precedence" : "classifier") : "rule"
    // The headline figures are those of what labels articles in the model.
    let (headAccuracy, headMacroF1, headConfusion, headLabels) =
      !byClassifier
      ? (ruleAccuracy, ruleMacroF1, ruleConfusion, byRuleOutOfFold)
      : usePrecedence
        ? (precedenceAccuracy, precedenceMacroF1, precedenceConfusion, outOfFold.precedence)
        : (accuracy, macroF1, confusion, outOfFold.classifier)
    return ArticleEvaluation(
      n: n, folds: folds, accuracy: Spread(headAccuracy), macroF1: Spread(headMacroF1),
      classifierMacroF1: Spread(macroF1), precedenceMacroF1: Spread(precedenceMacroF1),
      ruleAccuracy: Spread(ruleAccuracy),
      ruleMacroF1: Spread(ruleMacroF1), leaveFolderOutMacroF1: leaveFolderOut, confusion: headConfusion, chosen: chosen,
      setting: try choose(Array(0..<n)),
      folders: ArticleFolderFigures.byFolder(groups: groups, truth: labels, labelled: headLabels, classCount: k),
      outOfFold: headLabels)
  }
}
