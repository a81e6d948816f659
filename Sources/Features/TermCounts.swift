/// How often one term occurs in a block of documents.
struct TermStats {
  /// Documents containing the term.
  var documentFrequency: Int32 = 0
  /// The last document (index) that contained it, to count each document once.
  var lastDocument: Int32 = -1
  /// Occurrences in `lastDocument`.
  var countInDocument: Int32 = 0
  /// Occurrences over all documents.
  var totalCount: Int64 = 0
}

/// N-gram counts over a block of documents: each distinct term once, with its statistics, and
/// (optionally) every document's terms with their counts.
struct TermCounts {
  var words = WordGramTable()
  var wordStats: [TermStats] = []
  var chars = TermTable(capacity: 1 << 12)
  var charStats: [TermStats] = []
  /// Row `d` of the block: terms `rowTerms[rowOffsets[d] ..< rowOffsets[d + 1]]` (a word node,
  /// or `-(id + 1)` for character term `id`) with counts `rowCounts[...]`. Only when rows are kept.
  var rowOffsets: [Int] = [0]
  var rowTerms: [Int32] = []
  var rowCounts: [Int32] = []

  /// Counts the n-grams of `documents[range]`.
  init(documents: [String], range: Range<Int>, settings: FeatureSettings, keepRows: Bool) {
    var analyzer = NGramAnalyzer(settings: settings)
    var touched: [Int32] = []
    var tokenIDs: [Int32] = []
    var unigramNodes: [Int32] = []
    let wordRange = settings.wordNGrams
    for d in range {
      analyzer.load(documents[d])
      let doc = Int32(truncatingIfNeeded: d)
      touched.removeAll(keepingCapacity: true)
      if let wordRange {
        tokenIDs.removeAll(keepingCapacity: true)
        unigramNodes.removeAll(keepingCapacity: true)
        analyzer.forEachToken { bytes, hash in
          let (token, node) = words.insertToken(bytes, hash: hash)
          tokenIDs.append(token)
          unigramNodes.append(node)
        }
        countWordNGrams(wordRange, tokens: tokenIDs, unigrams: unigramNodes, doc: doc, touched: &touched)
      }
      if settings.charNGrams != nil {
        analyzer.forEachCharNGram { bytes, hash in
          let (id, inserted) = chars.insert(bytes, kind: .character, hash: hash)
          if inserted { charStats.append(TermStats()) }
          if TermCounts.bump(&charStats, Int(id), doc: doc) { touched.append(-(id + 1)) }
        }
      }
      if keepRows {
        for term in touched {
          rowTerms.append(term)
          rowCounts.append(term >= 0 ? wordStats[Int(term)].countInDocument : charStats[Int(-term - 1)].countInDocument)
        }
        rowOffsets.append(rowTerms.count)
      }
    }
  }

  /// Counts one occurrence of a term in `doc`; true when it is the term's first in `doc`.
  @inline(__always)
  static func bump(_ stats: inout [TermStats], _ id: Int, doc: Int32) -> Bool {
    stats.withUnsafeMutableBufferPointer { s in
      s[id].totalCount &+= 1
      if s[id].lastDocument != doc {
        s[id].lastDocument = doc
        s[id].documentFrequency &+= 1
        s[id].countInDocument = 1
        return true
      }
      s[id].countInDocument &+= 1
      return false
    }
  }

  private mutating func countWordNGrams(
    _ range: ClosedRange<Int>, tokens: [Int32], unigrams: [Int32], doc: Int32, touched: inout [Int32]
  ) {
    let count = tokens.count
    if wordStats.count < words.nodeCount {
      wordStats.append(contentsOf: repeatElement(TermStats(), count: words.nodeCount - wordStats.count))
    }
    let minN = range.lowerBound
    let maxN = range.upperBound
    for i in 0..<count {
      var node = unigrams[i]
      if minN == 1 && TermCounts.bump(&wordStats, Int(node), doc: doc) { touched.append(node) }
      var n = 2
      while n <= maxN && i + n <= count {
        node = words.extend(node, tokens[i + n - 1])
        if Int(node) == wordStats.count { wordStats.append(TermStats()) }
        if n >= minN && TermCounts.bump(&wordStats, Int(node), doc: doc) { touched.append(node) }
        n += 1
      }
    }
  }
}
