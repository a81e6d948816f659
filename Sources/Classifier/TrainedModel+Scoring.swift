import Features
import LinearModel

extension TrainedModel {
  /// What the model's last stage saw and said about a batch of sentences: the rows it scored
  /// (with the context columns when the model has a context stage), the classifier that
  /// scored them, and its probabilities.
  public struct Decision: Sendable {
    /// The rows the final classifier scored: TF-IDF, plus `2 × classCount` context columns
    /// (`ArticleContext.columnsPerClass`) when the model has a context stage.
    public var rows: SparseMatrix
    /// The final classifier (the context stage's, or the sentence classifier).
    public var classifier: LogisticRegression
    /// `rows × classCount` probabilities, row-major, each row summing to 1.
    public var probabilities: [Float]
    /// The sentence classifier's own rows (TF-IDF) and model: the rows that are alone in their
    /// document were decided by it, not by the context stage.
    public var sentenceRows: SparseMatrix
    /// The sentence classifier.
    public var sentenceClassifier: LogisticRegression
    /// Per row, whether it is the only sentence of its document (then the context stage, which
    /// would see no context, leaves it to the sentence classifier).
    public var alone: [Bool]

    /// The `top` features that pushed `row` towards `label` most, from the model that decided it.
    public func contributions(row: Int, label: Int, top: Int) -> [(feature: Int32, weight: Float)] {
      alone[row]
        ? sentenceClassifier.contributions(row: row, of: sentenceRows, label: label, top: top)
        : classifier.contributions(row: row, of: rows, label: label, top: top)
    }
  }

  /// Scores sentences whose TF-IDF rows are `x`, each belonging to the document `documentOf[row]`
  /// (any integers; a model with a context stage uses a sentence's document neighbours). A
  /// sentence alone in its document (a headline, a one-sentence record) gets the sentence
  /// classifier's probabilities: with no context the context stage could only do worse, having
  /// learnt its weights on sentences that had some.
  ///
  /// - Parameters:
  ///   - x: `vectorizer.transform` of the sentences.
  ///   - documentOf: one document number per row of `x`.
  ///   - threads: worker threads (>= 1); the result does not depend on it.
  public func decide(_ x: SparseMatrix, documentOf: [Int], threads: Int) -> Decision {
    Self.decide(x, classifier: classifier, context: context, documentOf: documentOf, threads: threads)
  }

  /// `decide` for a sentence classifier and context stage not (yet) bundled in a model, as
  /// training has them for each fold; `rowScorer`, when given, must be the scorer of these two
  /// stages (it saves building one, a copy of both stages' weights, per call).
  public static func decide(
    _ x: SparseMatrix, classifier: LogisticRegression, context: ArticleContext?, documentOf: [Int], threads: Int,
    rowScorer: ContextRowScorer? = nil
  ) -> Decision {
    precondition(documentOf.count == x.rowCount, "documentOf must hold one entry per row")
    guard let context else {
      let sentence = classifier.probabilities(x, threads: threads)
      return Decision(
        rows: x, classifier: classifier, probabilities: sentence, sentenceRows: x, sentenceClassifier: classifier,
        alone: [Bool](repeating: true, count: x.rowCount))
    }
    // One implementation of the two stages: the row scorer `Scorer` runs (the same bits).
    let scorer = rowScorer ?? ContextRowScorer(sentence: classifier, context: context)
    let (sentence, probabilities) = scorer.probabilities(x, documentOf: documentOf)
    var rowsIn: [Int: Int] = [:]
    for d in documentOf { rowsIn[d, default: 0] += 1 }
    let alone = documentOf.map { rowsIn[$0] == 1 }
    // The rows with their context columns, for `contributions`.
    let rows = context.withContext(x, sentenceProbabilities: sentence, documentOf: documentOf)
    return Decision(
      rows: rows, classifier: context.classifier, probabilities: probabilities, sentenceRows: x,
      sentenceClassifier: classifier, alone: alone)
  }
}

extension TrainedModel.Decision {
  /// Each row's most probable class (the lowest index among equals).
  public var predictions: [Int32] { Self.mostProbable(probabilities, classCount: classifier.classCount) }

  /// The most probable class of each row of `probabilities` (`rows × classCount`, row-major),
  /// the lowest index among equals.
  public static func mostProbable(_ probabilities: [Float], classCount k: Int) -> [Int32] {
    precondition(k >= 1 && probabilities.count % k == 0, "probabilities must hold rows × classCount values")
    return (0..<(probabilities.count / k)).map { r in Int32(argmax(probabilities, row: r, classCount: k)) }
  }
}
