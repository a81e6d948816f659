/// Counts the vocabulary terms of one document at a time (for `transform`), reusing buffers.
struct DocumentTermCounter {
  private var analyzer: NGramAnalyzer
  private let index: VocabularyIndex
  private let wordRange: ClosedRange<Int>?
  private let countsCharacters: Bool
  private var found: [UInt64] = []
  private var tokenIDs: [Int32] = []
  private var scratch: [UInt64] = []
  /// Every column is below `2^columnBits`.
  private let columnBits: Int

  /// A counter for the vocabulary whose lookup index is `index` and whose columns are
  /// `0 ..< columnCount`.
  init(settings: FeatureSettings, index: VocabularyIndex, columnCount: Int) {
    analyzer = NGramAnalyzer(settings: settings)
    columnBits = max(1, Int.bitWidth - max(0, columnCount - 1).leadingZeroBitCount)
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
    // The per-n-gram callbacks see only raw pointers (`TermFinder`, the column buffers): a
    // callback that captured `index` would copy it, retaining and releasing its arrays once
    // per n-gram, which cost more than the lookups and made threads contend.
    if let range = wordRange {
      var ids = tokenIDs
      tokenIDs = []
      ids.removeAll(keepingCapacity: true)
      index.words.tokens.withFinder { finder in
        analyzer.forEachToken { bytes, hash in ids.append(finder.find(bytes, kind: .word, hash: hash)) }
      }
      tally.countWords(ids, range: range, index: index)
      tokenIDs = ids
    }
    if countsCharacters {
      let first = index.firstCharColumn
      index.columnOfChar.withUnsafeBufferPointer { columnOfChar in
        index.chars.withFinder { finder in
          if first >= 0 {
            analyzer.forEachCharNGram { bytes, hash in
              let id = finder.find(bytes, kind: .character, hash: hash)
              if id >= 0 { tally.bump(first &+ id) }
            }
          } else {
            analyzer.forEachCharNGram { bytes, hash in
              let id = finder.find(bytes, kind: .character, hash: hash)
              if id >= 0 { tally.bump(columnOfChar[Int(id)]) }
            }
          }
        }
      }
    }
    if scratch.count < tally.found.count { scratch = [UInt64](repeating: 0, count: tally.found.count * 2) }
    let bits = columnBits
    tally.found.withUnsafeMutableBufferPointer { f in
      scratch.withUnsafeMutableBufferPointer { KeySorting.sort(f, scratch: $0, bits: bits) }
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
