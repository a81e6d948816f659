import Features
import LinearModel

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
/// such sentence. The document mean counts `documentPrior` more sentences of `1 / K` each, so that
/// the one other sentence of a two-sentence record does not weigh as a whole article's mean
/// would ("The ministers met on Monday." after a state-media sentence); in a long article it
/// changes little. At training time the probabilities are out-of-fold predictions, so that the
/// second stage learns how far to trust the sentence model on sentences it has not seen.
public struct ArticleContext: Equatable, Sendable {
  /// The second-stage model: `ngramCount + 2 × classCount` features, `classCount` classes.
  public let classifier: LogisticRegression
  /// Uniform pseudo-sentences (>= 0) added to every document mean; 0 in models trained before it.
  public let documentPrior: Float

  /// The `documentPrior` that `fit` uses unless told otherwise: three sentences, the length below
  /// which a document's mean is mostly the prior's.
  public static let standardDocumentPrior: Float = 3

  /// Context columns per class count: the document mean and the neighbour mean.
  public static let columnsPerClass = 2

  /// A context stage around `classifier`, whose last `2 × classCount` features are the context,
  /// with `documentPrior` uniform pseudo-sentences (>= 0) in each document mean.
  public init(classifier: LogisticRegression, documentPrior: Float = 0) {
    precondition(documentPrior >= 0 && documentPrior.isFinite, "documentPrior must be finite and >= 0")
    precondition(
      classifier.featureCount >= Self.columnsPerClass * classifier.classCount, "context stage needs 2K context features"
    )
    self.classifier = classifier
    self.documentPrior = documentPrior
  }

  /// Number of n-gram features (the sentence model's feature count).
  public var ngramCount: Int { classifier.featureCount - Self.columnsPerClass * classifier.classCount }

  /// `x` with the context columns appended: what the second stage scores and explains. Its
  /// `classifier.probabilities` are the final probabilities of every row (`ContextRowScorer`
  /// computes the same bits a row at a time).
  ///
  /// - Parameters:
  ///   - x: the rows' TF-IDF features (`ngramCount` columns).
  ///   - sentenceProbabilities: the sentence model's probabilities of the same rows (`rows × K`).
  ///   - documentOf: each row's document, any integers; a document's sentences are its rows in row
  ///     order (they need not be adjacent).
  public func withContext(_ x: SparseMatrix, sentenceProbabilities: [Float], documentOf: [Int]) -> SparseMatrix {
    let k = classifier.classCount
    let context = Self.features(
      sentenceProbabilities, classCount: k, documentOf: documentOf, documentPrior: documentPrior)
    return x.appendingDenseColumns(context, count: Self.columnsPerClass * k)
  }

  /// The context columns of every row (`rows × 2K`, row-major): the mean of the other rows'
  /// probabilities in its document (with `documentPrior` uniform pseudo-sentences), then the mean
  /// of its neighbours' (the previous and next row of the same document); `1 / K` per class where
  /// there are none.
  ///
  /// Sums are accumulated in `Double` in row order, so the result does not depend on threads
  /// or on how rows were batched.
  public static func features(
    _ probabilities: [Float], classCount k: Int, documentOf: [Int], documentPrior: Float = 0
  ) -> [Float] {
    let n = documentOf.count
    precondition(k >= 1 && probabilities.count == n * k, "probabilities must hold rows × classCount values")
    var rowsOf: [Int: [Int]] = [:]
    var order: [Int] = []
    for (row, document) in documentOf.enumerated() {
      if rowsOf[document] == nil { order.append(document) }
      rowsOf[document, default: []].append(row)
    }
    var out = [Float](repeating: 0, count: n * columnsPerClass * k)
    probabilities.withUnsafeBufferPointer { p in
      out.withUnsafeMutableBufferPointer { o in
        for document in order {
          fill(rows: rowsOf[document]!, probabilities: p, classCount: k, prior: documentPrior, into: o)
        }
      }
    }
    return out
  }

  /// `features` for rows that are all one document, in order: `probabilities` holds the
  /// document's sentences (`sentences × K`), `out` receives `sentences × 2K` values.
  public static func features(
    ofDocument probabilities: UnsafeBufferPointer<Float>, classCount k: Int, documentPrior: Float = 0,
    into out: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(k >= 1 && probabilities.count % k == 0, "probabilities must hold rows × classCount values")
    precondition(out.count == probabilities.count * columnsPerClass, "out must hold rows × 2K values")
    fill(
      rows: 0..<(probabilities.count / k), probabilities: probabilities, classCount: k, prior: documentPrior, into: out)
  }

  /// Writes the context columns of the rows of one document, `rows` in document order.
  private static func fill<Rows: RandomAccessCollection>(
    rows: Rows, probabilities p: UnsafeBufferPointer<Float>, classCount k: Int, prior: Float,
    into out: UnsafeMutableBufferPointer<Float>
  ) where Rows.Element == Int, Rows.Index == Int {
    let width = columnsPerClass * k
    let uniform = 1 / Float(k)
    let n = rows.count
    for c in 0..<k {
      var sum = 0.0
      for row in rows { sum += Double(p[row * k + c]) }
      for (i, row) in zip(rows.indices, rows) {
        let others = Double(n - 1) + Double(prior)
        out[row * width + c] =
          others > 0
          ? Float((sum - Double(p[row * k + c]) + Double(prior) * Double(uniform)) / others) : uniform
        let before = i > rows.startIndex ? rows[i - 1] : -1
        let after = i + 1 < rows.endIndex ? rows[i + 1] : -1
        switch (before >= 0, after >= 0) {
        case (true, true): out[row * width + k + c] = Float((Double(p[before * k + c]) + Double(p[after * k + c])) / 2)
        case (true, false): out[row * width + k + c] = p[before * k + c]
        case (false, true): out[row * width + k + c] = p[after * k + c]
        case (false, false): out[row * width + k + c] = uniform
        }
      }
    }
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
  ///     (context weights 0), which reaches the same optimum (the objective is strictly convex;
  ///     within the solver's tolerance) in fewer iterations.
  ///   - options: the solver settings (the sentence model's).
  ///   - documentPrior: uniform pseudo-sentences in each document mean (>= 0).
  /// - Throws: what `LogisticRegression.fit` throws.
  public static func fit(
    _ x: SparseMatrix, outOfFold: [Float], documentOf: [Int], labels: [Int32], sentenceModel: LogisticRegression,
    options: TrainingOptions, documentPrior: Float = standardDocumentPrior
  ) throws -> (stage: ArticleContext, report: FitReport) {
    let k = sentenceModel.classCount
    precondition(sentenceModel.featureCount == x.columnCount, "sentence model and rows disagree")
    let width = columnsPerClass * k
    let rows = x.appendingDenseColumns(
      features(outOfFold, classCount: k, documentOf: documentOf, documentPrior: documentPrior), count: width)
    let start = LogisticRegression(
      classCount: k, featureCount: x.columnCount + width,
      weights: sentenceModel.weights + [Float](repeating: 0, count: width * k), intercepts: sentenceModel.intercepts)
    let (model, report) = try LogisticRegression.fit(
      rows, labels: labels, classCount: k, sampleWeights: nil, options: options, warmStart: start)
    return (ArticleContext(classifier: model, documentPrior: documentPrior), report)
  }
}
