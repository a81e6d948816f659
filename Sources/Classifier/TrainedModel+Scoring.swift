import Features

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
  }

  /// Scores sentences whose TF-IDF rows are `x`, each belonging to the document `documentOf[row]`
  /// (any integers; a model with a context stage uses a sentence's document neighbours).
  ///
  /// - Parameters:
  ///   - x: `vectorizer.transform` of the sentences.
  ///   - documentOf: one document number per row of `x`.
  ///   - threads: worker threads (>= 1); the result does not depend on it.
  public func decide(_ x: SparseMatrix, documentOf: [Int], threads: Int) -> Decision {
    Self.decide(x, classifier: classifier, context: context, documentOf: documentOf, threads: threads)
  }

  /// `decide` for a sentence classifier and context stage not (yet) bundled in a model, as
  /// training has them for each fold.
  public static func decide(
    _ x: SparseMatrix, classifier: LogisticRegression, context: ArticleContext?, documentOf: [Int], threads: Int
  ) -> Decision {
    precondition(documentOf.count == x.rowCount, "documentOf must hold one entry per row")
    let sentence = classifier.probabilities(x, threads: threads)
    guard let context else { return Decision(rows: x, classifier: classifier, probabilities: sentence) }
    let rows = context.withContext(x, sentenceProbabilities: sentence, documentOf: documentOf)
    return Decision(
      rows: rows, classifier: context.classifier,
      probabilities: context.classifier.probabilities(rows, threads: threads))
  }
}

extension TrainedModel.Decision {
  /// Each row's most probable class (the lowest index among equals).
  public var predictions: [Int32] { Self.mostProbable(probabilities, classCount: classifier.classCount) }

  /// The most probable class of each row of `probabilities` (`rows × classCount`, row-major),
  /// the lowest index among equals.
  public static func mostProbable(_ probabilities: [Float], classCount k: Int) -> [Int32] {
    precondition(k >= 1 && probabilities.count % k == 0, "probabilities must hold rows × classCount values")
    return (0..<(probabilities.count / k)).map { r in
      var best = 0
      for c in 1..<k where probabilities[r * k + c] > probabilities[r * k + best] { best = c }
      return Int32(best)
    }
  }
}
