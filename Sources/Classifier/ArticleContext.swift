import Features

/// The article-context stage of a two-stage model.
///
/// A sentence alone often cannot tell doubt from report ("Seoul has not joined the sanctions"
/// reads differently in an article that argues the alliance is failing). The context stage
/// gives every sentence, beside its own n-grams, what the sentence model says about its
/// document: the mean probabilities of the document's *other* sentences, and the mean
/// probabilities of its neighbours (the sentences just before and after it). A second logistic
/// regression over all of them decides the sentence's label.
///
/// Columns of the second stage: `0 ..< ngramCount` the sentence's TF-IDF features; then `K`
/// columns with the mean probability of each class over the document's other sentences; then
/// `K` with the mean over its neighbours. Either mean is `1 / K` per class when there is no
/// such sentence. At training time the probabilities are out-of-fold predictions, so that the
/// second stage learns how far to trust the sentence model on sentences it has not seen.
public struct ArticleContext: Equatable, Sendable {
  /// The second-stage model: `ngramCount + 2 × classCount` features, `classCount` classes.
  public let classifier: LogisticRegression

  /// Context columns per class count: the document mean and the neighbour mean.
  public static let columnsPerClass = 2

  /// A context stage around `classifier`, whose last `2 × classCount` features are the context.
  public init(classifier: LogisticRegression) {
    precondition(
      classifier.featureCount >= Self.columnsPerClass * classifier.classCount, "context stage needs 2K context features"
    )
    self.classifier = classifier
  }

  /// Number of n-gram features (the sentence model's feature count).
  public var ngramCount: Int { classifier.featureCount - Self.columnsPerClass * classifier.classCount }

  /// Final probabilities of every row: `rows × K`, row-major, each row summing to 1.
  ///
  /// - Parameters:
  ///   - x: the rows' TF-IDF features (`ngramCount` columns).
  ///   - sentenceProbabilities: the sentence model's probabilities of the same rows (`rows × K`).
  ///   - documentOf: each row's document, any integers; a document's sentences are its rows in row
  ///     order (they need not be adjacent).
  ///   - threads: worker threads (>= 1); the result does not depend on it.
  public func probabilities(
    _ x: SparseMatrix, sentenceProbabilities: [Float], documentOf: [Int], threads: Int
  ) -> [Float] {
    classifier.probabilities(
      withContext(x, sentenceProbabilities: sentenceProbabilities, documentOf: documentOf), threads: threads)
  }

  /// `x` with the context columns appended: what the second stage scores and explains.
  public func withContext(_ x: SparseMatrix, sentenceProbabilities: [Float], documentOf: [Int]) -> SparseMatrix {
    let k = classifier.classCount
    let context = Self.features(sentenceProbabilities, classCount: k, documentOf: documentOf)
    return x.appendingDenseColumns(context, count: Self.columnsPerClass * k)
  }

  /// The context columns of every row (`rows × 2K`, row-major): the mean of the other rows'
  /// probabilities in its document, then the mean of its neighbours' (the previous and next row
  /// of the same document); `1 / K` per class where there are none.
  ///
  /// Sums are accumulated in `Double` in row order, so the result does not depend on threads
  /// or on how rows were batched.
  public static func features(_ probabilities: [Float], classCount k: Int, documentOf: [Int]) -> [Float] {
    let n = documentOf.count
    precondition(k >= 1 && probabilities.count == n * k, "probabilities must hold rows × classCount values")
    let width = columnsPerClass * k
    var slot: [Int: Int] = [:]
    var sums: [Double] = []
    var sizes: [Int] = []
    var slotOfRow = [Int](repeating: 0, count: n)
    var previous = [Int](repeating: -1, count: n)
    var next = [Int](repeating: -1, count: n)
    var lastRow: [Int] = []
    for (row, document) in documentOf.enumerated() {
      let s: Int
      if let known = slot[document] {
        s = known
        previous[row] = lastRow[s]
        next[lastRow[s]] = row
        lastRow[s] = row
      } else {
        s = sizes.count
        slot[document] = s
        sizes.append(0)
        lastRow.append(row)
        sums.append(contentsOf: repeatElement(0, count: k))
      }
      slotOfRow[row] = s
      sizes[s] += 1
      for c in 0..<k { sums[s * k + c] += Double(probabilities[row * k + c]) }
    }
    var out = [Float](repeating: 1 / Float(k), count: n * width)
    for row in 0..<n {
      let s = slotOfRow[row]
      let others = sizes[s] - 1
      if others > 0 {
        for c in 0..<k {
          out[row * width + c] = Float((sums[s * k + c] - Double(probabilities[row * k + c])) / Double(others))
        }
      }
      let neighbours = [previous[row], next[row]].filter { $0 >= 0 }
      if !neighbours.isEmpty {
        for c in 0..<k {
          let total = neighbours.reduce(0.0) { $0 + Double(probabilities[$1 * k + c]) }
          out[row * width + k + c] = Float(total / Double(neighbours.count))
        }
      }
    }
    return out
  }
}

extension ArticleContext {
  /// Fits the context stage on training rows `x` whose sentence-model probabilities are
  /// `outOfFold` — each row's from a sentence model that did not see the row's document, so that
  /// the stage learns how far to trust the sentence model on unseen text.
  ///
  /// - Parameters:
  ///   - x: the training rows' TF-IDF features.
  ///   - outOfFold: `rows × classCount` out-of-fold probabilities.
  ///   - documentOf: each row's document (sentences of one article share it).
  ///   - labels: each row's class, `0 ..< classCount`.
  ///   - sentenceModel: the sentence model fitted on all rows; the fit starts from its weights
  ///     (context weights 0), which saves iterations and changes nothing at convergence.
  ///   - options: the solver settings (the sentence model's).
  /// - Throws: what `LogisticRegression.fit` throws.
  public static func fit(
    _ x: SparseMatrix, outOfFold: [Float], documentOf: [Int], labels: [Int32], sentenceModel: LogisticRegression,
    options: TrainingOptions
  ) throws -> (stage: ArticleContext, report: FitReport) {
    let k = sentenceModel.classCount
    precondition(sentenceModel.featureCount == x.columnCount, "sentence model and rows disagree")
    let width = columnsPerClass * k
    let rows = x.appendingDenseColumns(features(outOfFold, classCount: k, documentOf: documentOf), count: width)
    let start = LogisticRegression(
      classCount: k, featureCount: x.columnCount + width,
      weights: sentenceModel.weights + [Float](repeating: 0, count: width * k), intercepts: sentenceModel.intercepts)
    let (model, report) = try LogisticRegression.fit(
      rows, labels: labels, classCount: k, sampleWeights: nil, options: options, warmStart: start)
    return (ArticleContext(classifier: model), report)
  }
}
