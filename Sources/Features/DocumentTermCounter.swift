/// Counts the vocabulary terms of one document at a time (for `transform`), reusing buffers.
struct DocumentTermCounter {
  private var analyzer: NGramAnalyzer
  private let index: VocabularyIndex
  private let wordRange: ClosedRange<Int>?
  private let countsCharacters: Bool
  private var counts: [Int32]
  private var touched: [Int32] = []
  private var tokenIDs: [Int32] = []

  init(settings: FeatureSettings, index: VocabularyIndex, columnCount: Int) {
    analyzer = NGramAnalyzer(settings: settings)
    self.index = index
    wordRange = settings.wordNGrams
    countsCharacters = settings.charNGrams != nil
    counts = [Int32](repeating: 0, count: columnCount)
  }

  /// Calls `body(column, count)` once for every vocabulary term in `document` (any order).
  mutating func count(_ document: String, _ body: (Int32, Int32) -> Void) {
    analyzer.load(document)
    let index = self.index
    // Work on locals so the analyzer's callbacks can update them (exclusive access).
    var tally = Tally(counts: counts, touched: touched)
    counts = []
    touched = []
    if let range = wordRange {
      var ids = tokenIDs
      tokenIDs = []
      ids.removeAll(keepingCapacity: true)
      analyzer.forEachToken { bytes, hash in ids.append(index.words.findToken(bytes, hash: hash)) }
      tally.countWords(ids, range: range, index: index)
      tokenIDs = ids
    }
    if countsCharacters {
      analyzer.forEachCharNGram { bytes, hash in
        let id = index.chars.find(bytes, kind: .character, hash: hash)
        if id >= 0 { tally.bump(index.columnOfChar[Int(id)]) }
      }
    }
    for column in tally.touched {
      body(column, tally.counts[Int(column)])
      tally.counts[Int(column)] = 0
    }
    tally.touched.removeAll(keepingCapacity: true)
    counts = tally.counts
    touched = tally.touched
  }
}

/// Per-document counts by column, with the list of columns seen.
private struct Tally {
  var counts: [Int32]
  var touched: [Int32]

  @inline(__always)
  mutating func bump(_ column: Int32) {
    if column < 0 { return }
    counts.withUnsafeMutableBufferPointer { c in
      if c[Int(column)] == 0 { touched.append(column) }
      c[Int(column)] &+= 1
    }
  }

  mutating func countWords(_ tokenIDs: [Int32], range: ClosedRange<Int>, index: VocabularyIndex) {
    let words = index.words
    let columnOfNode = index.columnOfNode
    let n = tokenIDs.count
    for i in 0..<n {
      let first = tokenIDs[i]
      if first < 0 { continue }
      var node = words.nodeOfToken[Int(first)]
      if range.lowerBound == 1 { bump(columnOfNode[Int(node)]) }
      var length = 2
      while length <= range.upperBound && i + length <= n {
        let token = tokenIDs[i + length - 1]
        if token < 0 { break }
        node = words.findExtension(node, token)
        if node < 0 { break }
        if length >= range.lowerBound { bump(columnOfNode[Int(node)]) }
        length += 1
      }
    }
  }
}
