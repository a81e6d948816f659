import Features
import LinearModel

/// Scores sentences one row at a time with a two-stage model (sentence classifier, then
/// `ArticleContext`), reading each row once.
///
/// The context stage's decision value of a row is its n-gram part plus its context part plus
/// the intercept. The n-gram part needs the row; the context part needs the whole document.
/// So one pass over each row computes both the sentence model's scores and the context stage's
/// n-gram part (their weights interleaved feature by feature, one load per entry), and the
/// context part is added once the document is complete: the same operations, in the same
/// order, as `ArticleContext.probabilities` on a matrix, hence the same bits.
public struct ContextRowScorer: Sendable {
  /// Number of classes K.
  public let classCount: Int
  /// Per feature: the sentence model's K weights, then the context stage's K n-gram weights
  /// (7.6 MB for the shipped model: in huge pages where the system has them, see `FileBytes`,
  /// which saves about 1,900 page faults of a cold start; issue 20).
  private let interleaved: FileBytes
  private let sentenceIntercepts: [Float]
  /// The context stage's weights of its `2K` context columns (`2K × K`) and its intercepts.
  private let contextWeights: [Float]
  private let contextIntercepts: [Float]
  /// The context stage's `documentPrior`.
  private let documentPrior: Float

  /// A scorer for `sentence` followed by `context` (whose n-gram count must be `sentence`'s
  /// feature count).
  public init(sentence: LogisticRegression, context: ArticleContext) {
    let k = sentence.classCount
    let features = sentence.featureCount
    precondition(context.classifier.classCount == k && context.ngramCount == features, "stages disagree")
    classCount = k
    // Built once per scorer, at every cold start: no zero fill, no bounds checks.
    let interleaved = FileBytes(byteCount: features * 2 * k * MemoryLayout<Float>.stride)
    sentence.weights.withUnsafeBufferPointer { a in
      context.classifier.weights.withUnsafeBufferPointer { b in
        var o = interleaved.address.bindMemory(to: Float.self, capacity: features * 2 * k)
        var pa = a.baseAddress!
        var pb = b.baseAddress!
        if k == 4 {
          // One 16-byte load and store per stage and feature (two small copies a feature were
          // 4.4 M instructions of a cold start; issue 20).
          let out = UnsafeMutableRawPointer(o)
          let sa = UnsafeRawPointer(pa)
          let sb = UnsafeRawPointer(pb)
          for j in 0..<features {
            let from = j &* 16
            let to = j &* 32
            out.storeBytes(
              of: sa.loadUnaligned(fromByteOffset: from, as: SIMD4<Float>.self), toByteOffset: to, as: SIMD4<Float>.self
            )
            out.storeBytes(
              of: sb.loadUnaligned(fromByteOffset: from, as: SIMD4<Float>.self), toByteOffset: to &+ 16,
              as: SIMD4<Float>.self)
          }
          return
        }
        for _ in 0..<features {
          o.initialize(from: pa, count: k)
          (o + k).initialize(from: pb, count: k)
          o += 2 * k
          pa += k
          pb += k
        }
      }
    }
    self.interleaved = interleaved
    sentenceIntercepts = sentence.intercepts
    contextWeights = Array(context.classifier.weights[(features * k)...])
    contextIntercepts = context.classifier.intercepts
    documentPrior = context.documentPrior
  }

  /// First pass over one row (`columns` increasing, below the feature count): writes the
  /// sentence model's probabilities to `sentence` and the context stage's n-gram part to
  /// `partial` (K values each).
  public func scoreRow(
    columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>,
    sentence: UnsafeMutableBufferPointer<Float>, partial: UnsafeMutableBufferPointer<Float>
  ) {
    let k = classCount
    precondition(sentence.count == k && partial.count == k, "sentence and partial must hold K values")
    do {
      let wp = UnsafeRawPointer(interleaved.address)
      let w = wp.assumingMemoryBound(to: Float.self)
      if k == 4 {
        let stride = MemoryLayout<Float>.stride * 8
        var acc = SIMD8<Float>(repeating: 0)
        for e in 0..<columns.count {
          acc += values[e] * wp.loadUnaligned(fromByteOffset: Int(columns[e]) &* stride, as: SIMD8<Float>.self)
        }
        for c in 0..<4 {
          sentence[c] = acc[c]
          partial[c] = acc[4 + c]
        }
      } else {
        for c in 0..<k {
          sentence[c] = 0
          partial[c] = 0
        }
        for e in 0..<columns.count {
          let v = values[e]
          let base = Int(columns[e]) * 2 * k
          for c in 0..<k {
            sentence[c] += v * w[base + c]
            partial[c] += v * w[base + k + c]
          }
        }
      }
    }
    for c in 0..<k { sentence[c] += sentenceIntercepts[c] }
    Softmax.normalize(sentence)
  }

  /// Second pass, once the document is complete: the context stage's probabilities of `n`
  /// sentences from their sentence-model probabilities (`n × K`) and n-gram parts (`n × K`),
  /// written over `partial`. A document of one sentence keeps the sentence model's
  /// probabilities, as `TrainedModel.decide` does.
  public func finishDocument(
    sentence: UnsafeBufferPointer<Float>, partial: UnsafeMutableBufferPointer<Float>
  ) {
    let k = classCount
    precondition(
      sentence.count % k == 0 && partial.count == sentence.count, "sentence and partial must hold n × K values")
    let width = ArticleContext.columnsPerClass * k
    let n = sentence.count / k
    if n == 1 {
      for c in 0..<k { partial[c] = sentence[c] }
      return
    }
    var context = [Float](repeating: 0, count: n * width)
    context.withUnsafeMutableBufferPointer {
      ArticleContext.features(ofDocument: sentence, classCount: k, documentPrior: documentPrior, into: $0)
    }
    for s in 0..<n {
      let row = UnsafeMutableBufferPointer(rebasing: partial[(s * k)..<(s * k + k)])
      if k == 4 {
        // Lane by lane what the SIMD4 matrix product does: add each context column, then the intercepts.
        var acc = SIMD4<Float>(row[0], row[1], row[2], row[3])
        for c in 0..<width {
          let w = SIMD4<Float>(
            contextWeights[c * 4], contextWeights[c * 4 + 1], contextWeights[c * 4 + 2], contextWeights[c * 4 + 3])
          acc += context[s * width + c] * w
        }
        acc += SIMD4<Float>(contextIntercepts[0], contextIntercepts[1], contextIntercepts[2], contextIntercepts[3])
        for c in 0..<4 { row[c] = acc[c] }
      } else {
        for c in 0..<width {
          let v = context[s * width + c]
          for j in 0..<k { row[j] += v * contextWeights[c * k + j] }
        }
        for j in 0..<k { row[j] += contextIntercepts[j] }
      }
      Softmax.normalize(row)
    }
  }

  /// Both stages over the rows of `x` (`ngramCount` columns), each row in the document
  /// `documentOf[row]` (any integers; a document's sentences are its rows in row order, adjacent
  /// or not): the sentence model's probabilities and the final ones (`rows × K` each, row-major).
  /// A row alone in its document keeps the sentence model's probabilities. The same bits as
  /// `scoreRow` and `finishDocument` over each document, as `Scorer` calls them.
  public func probabilities(_ x: SparseMatrix, documentOf: [Int]) -> (sentence: [Float], final: [Float]) {
    let k = classCount
    let n = x.rowCount
    precondition(documentOf.count == n, "documentOf must hold one entry per row")
    var sentence = [Float](repeating: 0, count: n * k)
    var final = [Float](repeating: 0, count: n * k)
    x.columnIndices.withUnsafeBufferPointer { columns in
      x.values.withUnsafeBufferPointer { values in
        sentence.withUnsafeMutableBufferPointer { first in
          final.withUnsafeMutableBufferPointer { partial in
            for r in 0..<n {
              let entries = x.rowOffsets[r]..<x.rowOffsets[r + 1]
              scoreRow(
                columns: UnsafeBufferPointer(rebasing: columns[entries]),
                values: UnsafeBufferPointer(rebasing: values[entries]),
                sentence: UnsafeMutableBufferPointer(rebasing: first[(r * k)..<(r * k + k)]),
                partial: UnsafeMutableBufferPointer(rebasing: partial[(r * k)..<(r * k + k)]))
            }
          }
        }
      }
    }
    var rowsOf: [Int: [Int]] = [:]
    var order: [Int] = []
    for (row, document) in documentOf.enumerated() {
      if rowsOf[document] == nil { order.append(document) }
      rowsOf[document, default: []].append(row)
    }
    var documentFirst: [Float] = []
    var documentPartial: [Float] = []
    for document in order {
      let rows = rowsOf[document]!
      documentFirst.removeAll(keepingCapacity: true)
      documentPartial.removeAll(keepingCapacity: true)
      for r in rows {
        documentFirst += sentence[(r * k)..<(r * k + k)]
        documentPartial += final[(r * k)..<(r * k + k)]
      }
      documentFirst.withUnsafeBufferPointer { f in
        documentPartial.withUnsafeMutableBufferPointer { finishDocument(sentence: f, partial: $0) }
      }
      for (j, r) in rows.enumerated() {
        for c in 0..<k { final[r * k + c] = documentPartial[j * k + c] }
      }
    }
    return (sentence, final)
  }
}
