/// Counts the vocabulary terms of one document at a time (for `transform`), reusing buffers.
struct DocumentTermCounter {
  private var analyzer: NGramAnalyzer
  private let index: VocabularyIndex
  private let wordRange: ClosedRange<Int>?
  private let charRange: ClosedRange<Int>?
  private var cache: WordColumnCache
  private let owner: AnyObject
  private var found: [UInt64] = []
  private var tokenIDs: [Int32] = []
  private var scratch: [UInt64] = []
  /// Every column is below `2^columnBits`.
  private let columnBits: Int

  /// A counter for the vocabulary whose lookup index is `index` and whose columns are
  /// `0 ..< columnCount`.
  /// `owner` identifies the vocabulary (for the per-thread word cache); call `finish` when done.
  init(settings: FeatureSettings, index: VocabularyIndex, columnCount: Int, owner: AnyObject) {
    self.owner = owner
    cache = settings.charNGrams == nil ? WordColumnCache() : WordColumnCache.takeThreadCache(owner: owner)
    analyzer = NGramAnalyzer(settings: settings)
    columnBits = max(1, Int.bitWidth - max(0, columnCount - 1).leadingZeroBitCount)
    self.index = index
    wordRange = settings.wordNGrams
    charRange = settings.charNGrams
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
    if let charRange {
      countCharacters(range: charRange, index: index, into: &tally)
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

  /// Hands the word cache back to this thread for the next `transform` call.
  mutating func finish() {
    if charRange != nil { WordColumnCache.returnThreadCache(cache, owner: owner) }
    cache = WordColumnCache()
  }

  /// Adds the columns of the loaded document's character n-grams to `tally`, word by word
  /// through `cache` (the found multiset is the same as looking every n-gram up).
  private mutating func countCharacters(range: ClosedRange<Int>, index: VocabularyIndex, into tally: inout Tally) {
    var cache = self.cache
    self.cache = WordColumnCache()
    let first = index.firstCharColumn
    index.columnOfChar.withUnsafeBufferPointer { columnOfChar in
      index.chars.withFinder { finder in
        analyzer.forEachPaddedWord { word, positions, scalars in
          let hash = WordColumnCache.hash(word)
          if let cached = cache.find(word, hash: hash) {
            cache.columns.withUnsafeBufferPointer { c in
              for k in cached { tally.bump(c[k]) }
            }
            return
          }
          let start = cache.columns.count
          NGramAnalyzer.forEachCharNGram(ofWord: word, positions: positions, scalars: scalars, range: range) {
            bytes, h in
            let id = finder.find(bytes, kind: .character, hash: h)
            if id >= 0 { cache.append(first >= 0 ? first &+ id : columnOfChar[Int(id)]) }
          }
          cache.columns.withUnsafeBufferPointer { c in
            for k in start..<c.count { tally.bump(c[k]) }
          }
          if cache.hasRoom { cache.finishWord(word, hash: hash) } else { cache.dropPending() }
        }
      }
    }
    self.cache = cache
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
