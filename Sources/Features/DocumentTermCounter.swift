/// Counts the vocabulary terms of one document at a time (for `transform`), reusing buffers.
struct DocumentTermCounter {
  private var analyzer: NGramAnalyzer
  private let index: VocabularyIndex
  private let wordRange: ClosedRange<Int>?
  private let countsCharacters: Bool
  private var found: [UInt64] = []
  private var tokenIDs: [Int32] = []

  init(settings: FeatureSettings, index: VocabularyIndex) {
    analyzer = NGramAnalyzer(settings: settings)
    self.index = index
    wordRange = settings.wordNGrams
    countsCharacters = settings.charNGrams != nil
  }

  /// Calls `body(column, count)` once for every vocabulary term in `document`, in increasing
  /// column order. (Columns are collected and sorted per document: no array the size of the
  /// vocabulary, so short documents and large vocabularies cost nothing extra.)
  mutating func count(_ document: String, _ body: (Int32, Int32) -> Void) {
    analyzer.load(document)
    let index = self.index
    // Work on locals so the analyzer's callbacks can update them (exclusive access).
    var tally = Tally(found: found)
    found = []
    tally.found.removeAll(keepingCapacity: true)
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
    tally.found.withUnsafeMutableBufferPointer { f in
      KeySorting.sort(f)
      var k = 0
      while k < f.count {
        var j = k + 1
        while j < f.count && f[j] == f[k] { j += 1 }
        body(Int32(truncatingIfNeeded: f[k]), Int32(j - k))
        k = j
      }
    }
    found = tally.found
  }
}

/// The columns found in one document, one entry per occurrence.
private struct Tally {
  var found: [UInt64]

  @inline(__always)
  mutating func bump(_ column: Int32) {
    if column >= 0 { found.append(UInt64(UInt32(bitPattern: column))) }
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
