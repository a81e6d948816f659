/// N-gram counts over a block of documents: each distinct term once, with the number of
/// documents it occurs in and its total count, plus (optionally) every document's terms.
struct TermCounts {
  var table = TermTable(capacity: 1 << 14)
  /// Documents containing term `id`.
  var documentFrequency: [Int32] = []
  /// Occurrences of term `id` over all documents.
  var totalCount: [Int64] = []
  /// Row `d` of the block: term ids `rowTerms[rowOffsets[d] ..< rowOffsets[d + 1]]` with
  /// counts `rowCounts[...]`. Filled only when rows are kept.
  var rowOffsets: [Int] = [0]
  var rowTerms: [Int32] = []
  var rowCounts: [Int32] = []

  /// Counts the n-grams of `documents[range]`.
  init(documents: [String], range: Range<Int>, settings: FeatureSettings, keepRows: Bool) {
    var analyzer = NGramAnalyzer(settings: settings)
    var lastDocument: [Int32] = []
    var countInDocument: [Int32] = []
    var touched: [Int32] = []
    for d in range {
      analyzer.load(documents[d])
      let doc = Int32(truncatingIfNeeded: d)
      touched.removeAll(keepingCapacity: true)
      analyzer.forEachNGram { bytes, kind, hash in
        let (id, inserted) = table.insert(bytes, kind: kind, hash: hash)
        let k = Int(id)
        if inserted {
          documentFrequency.append(1)
          totalCount.append(1)
          lastDocument.append(doc)
          countInDocument.append(1)
          touched.append(id)
        } else {
          totalCount[k] &+= 1
          if lastDocument[k] != doc {
            lastDocument[k] = doc
            documentFrequency[k] &+= 1
            countInDocument[k] = 1
            touched.append(id)
          } else {
            countInDocument[k] &+= 1
          }
        }
      }
      if keepRows {
        for id in touched {
          rowTerms.append(id)
          rowCounts.append(countInDocument[Int(id)])
        }
        rowOffsets.append(rowTerms.count)
      }
    }
  }
}
