import Classifier

/// The TF-IDF rows of one document's sentences, kept while its sentences are scored one by one,
/// so that a context stage can score them again once the whole document is known. Reused from
/// document to document: its buffers only grow.
struct KeptRows {
  private var columns: [Int32] = []
  private var values: [Float] = []
  private var ends: [Int] = []
  private var context: [Float] = []
  private var rowColumns: [Int32] = []
  private var rowValues: [Float] = []

  /// Forgets the previous document's rows (keeping the buffers).
  mutating func removeAll() {
    columns.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
  }

  /// Keeps one sentence's row (columns increasing).
  mutating func append(columns rowColumns: UnsafeBufferPointer<Int32>, values rowValues: UnsafeBufferPointer<Float>) {
    columns.append(contentsOf: rowColumns)
    values.append(contentsOf: rowValues)
    ends.append(columns.count)
  }

  /// Replaces the sentence-model probabilities `p` (`rows × K`) of the kept rows by the context
  /// stage's: the same bits as `ArticleContext.probabilities` on a matrix of these rows.
  mutating func rescore(_ p: inout [Float], with stage: ArticleContext) {
    let k = stage.classifier.classCount
    let width = ArticleContext.columnsPerClass * k
    let first = Int32(stage.ngramCount)
    context.removeAll(keepingCapacity: true)
    context.append(contentsOf: repeatElement(0, count: ends.count * width))
    p.withUnsafeBufferPointer { sentence in
      context.withUnsafeMutableBufferPointer { ArticleContext.features(ofDocument: sentence, classCount: k, into: $0) }
    }
    var start = 0
    for (s, end) in ends.enumerated() {
      rowColumns.removeAll(keepingCapacity: true)
      rowValues.removeAll(keepingCapacity: true)
      rowColumns.append(contentsOf: columns[start..<end])
      rowValues.append(contentsOf: values[start..<end])
      for c in 0..<width {
        rowColumns.append(first + Int32(c))
        rowValues.append(context[s * width + c])
      }
      rowColumns.withUnsafeBufferPointer { cols in
        rowValues.withUnsafeBufferPointer { vals in
          p.withUnsafeMutableBufferPointer { out in
            stage.classifier.probabilities(
              columns: cols, values: vals, into: UnsafeMutableBufferPointer(rebasing: out[(s * k)..<(s * k + k)]))
          }
        }
      }
      start = end
    }
  }
}
