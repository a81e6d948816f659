/// Counts the vocabulary terms of one document at a time (for `transform` and
/// `TfidfRowBuilder`), reusing its buffers, its word cache and its tally from one document to
/// the next. One counter per worker: it is the worker's state, passed around explicitly.
struct DocumentTermCounter {
  private var analyzer: NGramAnalyzer
  /// The index, boxed: taking a local copy of the struct (needed where `self` is mutated
  /// around it) retained and released each of its ~15 arrays once per document, reference
  /// counts that the threads then contended for; the box is one.
  private let indexBox: IndexBox
  private let wordRange: ClosedRange<Int>?
  private let charRange: ClosedRange<Int>?
  private var cache = WordColumnCache()
  /// The word table shared with the other workers of the same vocabulary (nil: `cache` alone).
  private let shared: SharedWordColumns?
  /// The dense tally, or nil when the vocabulary is too large for one.
  private let dense: ColumnTally?
  private var found: [UInt64] = []
  private var tokenIDs: [Int32] = []
  private var scratch: [UInt64] = []
  /// Per word of a pass: where its columns are in the word cache (see `countCharacters`).
  private var locations: [UInt64] = []
  /// Scalar starts of the word being looked up n-gram by n-gram.
  private var ngramPositions: [Int] = []
  /// Per token position: the node of the word n-gram starting there (see `countWords`).
  private var nodes: [Int32] = []
  /// Keeps the early column loads of `countCharacters` from being optimized away.
  private var touchSink: UInt64 = 0
  /// Words a counter with a shared table learns into its own cache before it adds new words to
  /// the shared one: a short text (a cold `stance score article.txt`, 300-800 distinct words)
  /// then touches a few small pages instead of a page of the 8 MB shared table per word, and
  /// the most frequent words stay in a table that fits the L2 cache.
  static var ownWordsFirst: Int { 2048 }
  /// `ownWordsFirst`, or fewer in tests.
  private let ownWordsFirst: Int
  /// Words looked up together in `countCharacters` (bounds its buffers; a sentence has ~25).
  private static var wordsPerPass: Int { 1024 }
  /// Every column is below `2^columnBits`.
  private let columnBits: Int

  /// A counter for the vocabulary whose lookup index is `index` and whose columns are
  /// `0 ..< columnCount`, with an empty word cache; with `shared` (this vocabulary's table that
  /// the other workers use too), the words met after the first `ownWordsFirst` are learnt
  /// there, and words not in the own cache are looked up there.
  /// Vocabularies of more than `denseLimit` columns count through a sorted list instead of a
  /// `ColumnTally` (the parameter lets tests take that path; `ownWordsFirst` lets them fill
  /// a shared table sooner).
  init(
    settings: FeatureSettings, index: VocabularyIndex, columnCount: Int, shared: SharedWordColumns? = nil,
    denseLimit: Int = ColumnTally.maxColumns, ownWordsFirst: Int = DocumentTermCounter.ownWordsFirst
  ) {
    self.ownWordsFirst = ownWordsFirst
    self.shared = settings.charNGrams == nil ? nil : shared
    analyzer = NGramAnalyzer(settings: settings)
    columnBits = max(1, Int.bitWidth - max(0, columnCount - 1).leadingZeroBitCount)
    dense = columnCount <= denseLimit ? ColumnTally(columnCount: columnCount) : nil
    indexBox = IndexBox(index)
    wordRange = settings.wordNGrams
    charRange = settings.charNGrams
  }

  /// Calls `body(terms)` with every vocabulary term of `document` as `column << 32 | count`,
  /// in increasing column order (the buffer is valid only during the call). Occurrences go
  /// into the counter's `ColumnTally`, which yields them in order without sorting;
  /// vocabularies too large for one use a sorted list instead.
  mutating func count(_ document: String, _ body: (UnsafeBufferPointer<UInt64>) -> Void) {
    analyzer.load(document)
    countLoaded(body)
  }

  /// `count` for a document given as valid UTF-8 bytes.
  mutating func count(bytes document: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt64>) -> Void) {
    analyzer.load(bytes: document)
    countLoaded(body)
  }

  /// The counter's tally, when the vocabulary is small enough for one (see `init`).
  var tally: ColumnTally? { dense }

  /// Counts the terms of a document given as valid UTF-8 bytes into `tally` (which must not
  /// be nil), for the caller to drain: what `count(bytes:_:)` hands over, undrained.
  mutating func countIntoTally(bytes document: UnsafeBufferPointer<UInt8>) {
    analyzer.load(bytes: document)
    countTerms(into: dense!.counter)
  }

  @inline(__always)
  private mutating func countLoaded(_ body: (UnsafeBufferPointer<UInt64>) -> Void) {
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
    let box = indexBox
    // The per-n-gram callbacks see only raw pointers (`TermFinder`, the column buffers): a
    // callback that captured the index would copy it, retaining and releasing its arrays once
    // per n-gram, which cost more than the lookups and made threads contend.
    if let range = wordRange {
      var ids = tokenIDs
      tokenIDs = []
      ids.removeAll(keepingCapacity: true)
      let text = analyzer.text
      let tokens = analyzer.tokens
      box.index.words.tokens.withFinder { finder in
        NGramAnalyzer.forEachToken(text: text, tokens: tokens) { bytes, hash in
          ids.append(finder.find(bytes, kind: .word, hash: hash))
        }
      }
      countWords(ids, range: range, index: box, into: &sink)
      tokenIDs = ids
    }
    if let charRange {
      countCharacters(range: charRange, index: box, into: &sink)
    }
  }

  /// As `countTerms(into: &sink)` for a sink that is a value with reference semantics.
  @inline(__always)
  private mutating func countTerms(into counter: ColumnCounter) {
    var sink = counter
    countTerms(into: &sink)
  }

  /// Adds the columns of the loaded document's character n-grams to `tally` through the word
  /// tables (a word's `char_wb` n-grams depend on the word alone, so the found multiset is the
  /// same as looking every n-gram up): this counter's own `cache` for its first
  /// `ownWordsFirst` words, then the table `shared` with the other workers, and once that is
  /// full (or without one) the own cache again.
  ///
  /// In passes over up to `wordsPerPass` words at a time: every word is looked up in the tables
  /// first, then the words not found are looked up n-gram by n-gram (and learnt), then every
  /// word's columns are counted. The tables and their column lists are larger than the L2 cache,
  /// so most lookups miss; done back to back, with nothing depending on the one before, the
  /// processor overlaps those misses instead of waiting for each in turn.
  private mutating func countCharacters<Sink: ColumnSink>(
    range: ClosedRange<Int>, index box: IndexBox, into tally: inout Sink
  ) {
    var cache = self.cache
    self.cache = WordColumnCache()
    analyzer.splitWords()
    let wordCount = analyzer.wordCount
    let longest = analyzer.padded.count
    if locations.count < min(wordCount, Self.wordsPerPass) {
      locations = [UInt64](repeating: 0, count: Self.wordsPerPass)
    }
    if ngramPositions.count < longest + 1 { ngramPositions = [Int](repeating: 0, count: longest + 64) }
    let first = box.index.firstCharColumn
    var touched: UInt64 = 0
    let padded = analyzer.padded
    let wordBounds = analyzer.wordBounds
    let shared = self.shared
    // A location with this bit is in `cache.columns`, else in the shared table's.
    let ownBit: UInt64 = 1 << 63
    let absent = WordColumnCache.absent
    /// Where a word's columns are, in either table, or `absent`. The own cache first: it holds
    /// the first words met (the frequent ones) in a table small enough for the L2 cache. The
    /// cache comes in as a parameter: captured, each access was checked at run time.
    @inline(__always) func location(_ bytes: UnsafeRawBufferPointer, hash: UInt64, in cache: WordColumnCache) -> UInt64
    {
      let own = cache.location(bytes, hash: hash)
      if own != absent { return own | ownBit }
      guard let shared, !shared.isEmpty else { return absent }
      return shared.location(bytes, hash: hash)
    }
    box.index.columnOfChar.withUnsafeBufferPointer { columnOfChar in
      box.index.chars.withFinder { finder in
        padded.withUnsafeBytes { text in
          wordBounds.withUnsafeBufferPointer { bounds in
            locations.withUnsafeMutableBufferPointer { found in
              ngramPositions.withUnsafeMutableBufferPointer { positions in
                let base = text.baseAddress!
                @inline(__always) func word(_ w: Int) -> UnsafeRawBufferPointer {
                  let a = Int(truncatingIfNeeded: bounds[2 &* w])
                  let b = Int(truncatingIfNeeded: bounds[2 &* w &+ 1])
                  return UnsafeRawBufferPointer(start: base + a, count: b &- a &+ 1)
                }
                @inline(__always) func column(_ id: Int32) -> Int32 { first >= 0 ? first &+ id : columnOfChar[Int(id)] }
                var passStart = 0
                while passStart < wordCount {
                  let passEnd = min(wordCount, passStart + Self.wordsPerPass)
                  cache.makeRoom(forWords: passEnd - passStart)
                  // 1. Every word's slot.
                  for w in passStart..<passEnd {
                    let bytes = word(w)
                    found[w &- passStart] = location(bytes, hash: WordColumnCache.hash(bytes), in: cache)
                  }
                  // 2. The words not known: their n-grams in the vocabulary.
                  for w in passStart..<passEnd where found[w &- passStart] == absent {
                    let bytes = word(w)
                    if bytes.count > WordColumnCache.maxBytes {
                      // Too long to keep (0.5% of news words): count its n-grams directly.
                      NGramAnalyzer.forEachCharNGram(
                        ofWord: bytes, scratchPositions: positions.baseAddress!, range: range
                      ) { gram, h in
                        let id = finder.find(gram, kind: .character, hash: h)
                        if id >= 0 { tally.bump(column(id)) }
                      }
                      found[w &- passStart] = 0
                      continue
                    }
                    let hash = WordColumnCache.hash(bytes)
                    // An earlier occurrence (here or on another worker) may have added it.
                    var known = location(bytes, hash: hash, in: cache)
                    if known == absent {
                      NGramAnalyzer.forEachCharNGram(
                        ofWord: bytes, scratchPositions: positions.baseAddress!, range: range
                      ) { gram, h in
                        let id = finder.find(gram, kind: .character, hash: h)
                        if id >= 0 { cache.append(column(id)) }
                      }
                      if let shared, cache.count >= ownWordsFirst {
                        known = cache.withPendingColumns { shared.add(bytes, hash: hash, columns: $0, count: $1) }
                      }
                      if known == absent {
                        known = cache.finishWord(bytes, hash: hash) | ownBit
                      } else {
                        cache.discardPendingWord()
                      }
                    }
                    found[w &- passStart] = known
                  }
                  cache.columns.withUnsafeBufferPointer { c in
                    let sp = shared?.columns
                    let cp = c.baseAddress ?? sp
                    @inline(__always) func columns(_ location: UInt64) -> (UnsafePointer<Int32>, Int) {
                      let start = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: location))
                      let count = Int(truncatingIfNeeded: (location & ~ownBit) >> 32)
                      guard count > 0 else { return (UnsafePointer(bitPattern: 4)!, 0) }
                      return ((location & ownBit != 0 ? cp! : sp!) + start, count)
                    }
                    // 3. The first column of every word (starts its line's load early).
                    for k in 0..<(passEnd &- passStart) {
                      let (p, count) = columns(found[k])
                      if count != 0 { touched &+= UInt64(truncatingIfNeeded: p[0]) }
                    }
                    // 4. Every word's columns.
                    for k in 0..<(passEnd &- passStart) {
                      let (p, count) = columns(found[k])
                      var j = 0
                      while j < count {
                        tally.bump(p[j])
                        j &+= 1
                      }
                    }
                  }
                  passStart = passEnd
                }
              }
            }
          }
        }
      }
    }
    touchSink = touched
    self.cache = cache
  }

  /// Counts the word n-grams (sizes in `range`) of a document given as token ids (-1 for a
  /// token outside the vocabulary), chaining each n-gram from its prefix's node.
  ///
  /// One size at a time over all positions, each step its own loop (the n-gram nodes, then
  /// their columns, then the counts), so that the lookups of different positions, which
  /// miss the cache and depend on nothing before them, overlap.
  private mutating func countWords<Sink: ColumnSink>(
    _ tokenIDs: [Int32], range: ClosedRange<Int>, index box: IndexBox, into sink: inout Sink
  ) {

    let n = tokenIDs.count
    if nodes.count < n { nodes = [Int32](repeating: 0, count: 2 * n + 64) }
    box.index.columnOfNode.withUnsafeBufferPointer { columnOfNode in
      box.index.words.nodeOfToken.withUnsafeBufferPointer { nodeOfToken in
        tokenIDs.withUnsafeBufferPointer { ids in
          nodes.withUnsafeMutableBufferPointer { node in
            // node[i]: the node of the n-gram of the current size starting at token i, or -1.
            for i in 0..<n {
              let id = ids[i]
              node[i] = id >= 0 ? nodeOfToken[Int(truncatingIfNeeded: id)] : -1
            }
            var size = 1
            while true {
              let starts = n &- size &+ 1
              if size >= range.lowerBound {
                for i in 0..<starts where node[i] >= 0 {
                  let column = columnOfNode[Int(truncatingIfNeeded: node[i])]
                  if column >= 0 { sink.bump(column) }
                }
              }
              size &+= 1
              if size > range.upperBound || size > n { break }
              for i in 0..<(n &- size &+ 1) {
                let prefix = node[i]
                let last = ids[i &+ size &- 1]
                node[i] = prefix >= 0 && last >= 0 ? box.index.words.findExtension(prefix, last) : -1
              }
            }
          }
        }
      }
    }
  }
}

/// A vocabulary index shared by reference (see `DocumentTermCounter.indexBox`).
private final class IndexBox {
  let index: VocabularyIndex

  init(_ index: VocabularyIndex) { self.index = index }
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
