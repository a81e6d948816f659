/// Counts the vocabulary terms of one document at a time (for `transform`), reusing buffers.
struct DocumentTermCounter {
  private var analyzer: NGramAnalyzer
  private let index: VocabularyIndex
  private let wordRange: ClosedRange<Int>?
  private let charRange: ClosedRange<Int>?
  private var cache: WordColumnCache
  private let owner: AnyObject
  /// This thread's dense tally, or nil when the vocabulary is too large for one.
  private let dense: ColumnTally?
  private var found: [UInt64] = []
  private var tokenIDs: [Int32] = []
  private var scratch: [UInt64] = []
  /// Every column is below `2^columnBits`.
  private let columnBits: Int

  /// A counter for the vocabulary whose lookup index is `index` and whose columns are
  /// `0 ..< columnCount`.
  /// `owner` identifies the vocabulary (for the per-thread word cache); call `finish` when done.
  /// Vocabularies of more than `denseLimit` columns count through a sorted list instead of a
  /// `ColumnTally` (the parameter lets tests take that path).
  init(
    settings: FeatureSettings, index: VocabularyIndex, columnCount: Int, owner: AnyObject,
    denseLimit: Int = ColumnTally.maxColumns
  ) {
    self.owner = owner
    cache = settings.charNGrams == nil ? WordColumnCache() : WordColumnCache.takeThreadCache(owner: owner)
    analyzer = NGramAnalyzer(settings: settings)
    columnBits = max(1, Int.bitWidth - max(0, columnCount - 1).leadingZeroBitCount)
    dense = columnCount <= denseLimit ? ColumnTally.threadTally(columnCount: columnCount) : nil
    self.index = index
    wordRange = settings.wordNGrams
    charRange = settings.charNGrams
  }

  /// Calls `body(terms)` with every vocabulary term of `document` as `column << 32 | count`,
  /// in increasing column order (the buffer is valid only during the call). Occurrences go
  /// into this thread's `ColumnTally`, which yields them in order without sorting;
  /// vocabularies too large for one use a sorted list instead.
  mutating func count(_ document: String, _ body: (UnsafeBufferPointer<UInt64>) -> Void) {
    analyzer.load(document)
    if let dense {
      let counter = dense.counter
      countTerms(into: counter)
      let n = counter.drain(into: dense.packed)
      body(UnsafeBufferPointer(start: dense.packed, count: n))
      withExtendedLifetime(dense) {}
      return
    }
    // Work on a local so the analyzer's callbacks can update it (exclusive access).
    var tally = Tally(found: found)
    found = []
    tally.found.removeAll(keepingCapacity: true)
    countTerms(into: &tally)
    if scratch.count < tally.found.count { scratch = [UInt64](repeating: 0, count: tally.found.count * 2) }
    let bits = columnBits
    tally.found.withUnsafeMutableBufferPointer { f in
      scratch.withUnsafeMutableBufferPointer { s in
        KeySorting.sort(f, scratch: s, bits: bits)
        // Runs of equal columns become `column << 32 | count`, written over the sorted keys.
        var n = 0
        var k = 0
        while k < f.count {
          var j = k + 1
          while j < f.count && f[j] == f[k] { j += 1 }
          f[n] = f[k] << 32 | UInt64(j - k)
          n += 1
          k = j
        }
        body(UnsafeBufferPointer(rebasing: f[0..<n]))
      }
    }
    found = tally.found
  }

  /// Counts the loaded document's word and character n-grams into `sink`.
  @inline(__always)
  private mutating func countTerms<Sink: ColumnSink>(into sink: inout Sink) {
    let index = self.index
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
      countWords(ids, range: range, index: index, into: &sink)
      tokenIDs = ids
    }
    if let charRange {
      countCharacters(range: charRange, index: index, into: &sink)
    }
  }

  /// As `countTerms(into: &sink)` for a sink that is a value with reference semantics.
  @inline(__always)
  private mutating func countTerms(into counter: ColumnCounter) {
    var sink = counter
    countTerms(into: &sink)
  }

  /// Hands the word cache back to this thread for the next `transform` call.
  mutating func finish() {
    if charRange != nil { WordColumnCache.returnThreadCache(cache, owner: owner) }
    cache = WordColumnCache()
  }

  /// Adds the columns of the loaded document's character n-grams to `tally`, word by word
  /// through `cache` (the found multiset is the same as looking every n-gram up).
  private mutating func countCharacters<Sink: ColumnSink>(
    range: ClosedRange<Int>, index: VocabularyIndex, into tally: inout Sink
  ) {
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
          cache.finishWord(word, hash: hash)
        }
      }
    }
    self.cache = cache
  }

  /// Counts the word n-grams (sizes in `range`) of a document given as token ids (-1 for a
  /// token outside the vocabulary), chaining each n-gram from its prefix's node.
  @inline(__always)
  private func countWords<Sink: ColumnSink>(
    _ tokenIDs: [Int32], range: ClosedRange<Int>, index: VocabularyIndex, into sink: inout Sink
  ) {
    let words = index.words
    let n = tokenIDs.count
    index.columnOfNode.withUnsafeBufferPointer { columnOfNode in
      words.nodeOfToken.withUnsafeBufferPointer { nodeOfToken in
        tokenIDs.withUnsafeBufferPointer { ids in
          for i in 0..<n {
            let first = ids[i]
            if first < 0 { continue }
            var node = nodeOfToken[Int(first)]
            if range.lowerBound == 1 {
              let column = columnOfNode[Int(node)]
              if column >= 0 { sink.bump(column) }
            }
            var length = 2
            while length <= range.upperBound && i + length <= n {
              let token = ids[i + length - 1]
              if token < 0 { break }
              node = words.findExtension(node, token)
              if node < 0 { break }
              if length >= range.lowerBound {
                let column = columnOfNode[Int(node)]
                if column >= 0 { sink.bump(column) }
              }
              length += 1
            }
          }
        }
      }
    }
  }
}

/// Where `DocumentTermCounter` puts the column of each n-gram occurrence.
protocol ColumnSink {
  /// Counts one occurrence of `column` (>= 0).
  mutating func bump(_ column: Int32)
}

extension ColumnCounter: ColumnSink {}

/// The columns found in one document, one entry per occurrence (for vocabularies too large
/// for a `ColumnTally`).
private struct Tally: ColumnSink {
  var found: [UInt64]

  @inline(__always)
  mutating func bump(_ column: Int32) { found.append(UInt64(UInt32(bitPattern: column))) }
}
