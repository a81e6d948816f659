/// Turns one document into its tokens and character n-grams, as byte slices, without building
/// a `String` per n-gram (word n-grams are chained from token ids, see `WordGramTable`). One
/// analyzer per thread: it owns reusable buffers.
///
/// Character
/// n-grams follow `_char_wb_ngrams`: the normalized text is split on whitespace, each word is
/// padded with one space on each side, and n-grams are taken in Unicode scalars; a padded word
/// shorter than n yields itself once.
struct NGramAnalyzer {
  let settings: FeatureSettings
  private(set) var text: [UInt8] = []
  private(set) var tokens: [Int32] = []
  private var scratch: [UInt8] = []
  private var positions: [Int] = []
  /// The loaded document's words after `splitWords`: `padded` is the text with one space
  /// before and after it and the whitespace byte next to each word replaced by a space, so
  /// that padded word w is `padded[wordBounds[2w] ... wordBounds[2w + 1]]`.
  private(set) var padded: [UInt8] = []
  private(set) var wordBounds: [Int32] = []
  /// Number of words found by `splitWords`.
  private(set) var wordCount = 0

  init(settings: FeatureSettings) {
    self.settings = settings
    scratch.reserveCapacity(4096)
  }

  /// Normalizes `document` and finds its tokens (byte ranges into `text`).
  mutating func load(_ document: String) {
    TextNormalizer.normalize(document, pattern: settings.tokenPattern, into: &text)
    scanTokens()
  }

  /// `load` for a document given as valid UTF-8 bytes.
  mutating func load(bytes document: UnsafeBufferPointer<UInt8>) {
    TextNormalizer.normalize(bytes: document, pattern: settings.tokenPattern, into: &text)
    scanTokens()
  }

  private mutating func scanTokens() {
    if settings.wordNGrams != nil {
      let pattern = settings.tokenPattern
      text.withUnsafeBufferPointer { TokenScanner.scan($0, pattern: pattern, into: &tokens) }
    }
  }

  /// Calls `body(bytes, hash)` for every token of the loaded document, in order.
  @inline(__always)
  func forEachToken(_ body: (UnsafeRawBufferPointer, UInt64) -> Void) {
    NGramAnalyzer.forEachToken(text: text, tokens: tokens, body)
  }

  /// `forEachToken` over an analyzer's `text` and `tokens` (taken out of it, so that a caller
  /// that mutates the analyzer's owner around the call need not copy the whole analyzer).
  @inline(__always)
  static func forEachToken(text: [UInt8], tokens: [Int32], _ body: (UnsafeRawBufferPointer, UInt64) -> Void) {
    let seed = TermTable.seed(.word)
    text.withUnsafeBytes { t in
      tokens.withUnsafeBufferPointer { r in
        guard let tb = t.baseAddress else { return }
        var k = 0
        while k < r.count {
          let a = Int(r[k])
          let len = Int(r[k + 1]) - a
          body(UnsafeRawBufferPointer(start: tb + a, count: len), hashBytes(tb + a, len, seed: seed))
          k += 2
        }
      }
    }
  }

  /// Calls `body(bytes, hash)` for every character n-gram occurrence of the loaded document.
  @inline(__always)
  mutating func forEachCharNGram(_ body: (UnsafeRawBufferPointer, UInt64) -> Void) {
    if let range = settings.charNGrams { charNGrams(range) { b, _, h in body(b, h) } }
  }

  @inline(__always)
  private mutating func charNGrams(
    _ range: ClosedRange<Int>, _ body: (UnsafeRawBufferPointer, NGramKind, UInt64) -> Void
  ) {
    forEachPaddedWord { word, pos, scalars in
      NGramAnalyzer.forEachCharNGram(ofWord: word, positions: pos, scalars: scalars, range: range) { b, h in
        body(b, .character, h)
      }
    }
  }

  /// Splits the loaded document into its whitespace-separated words (see `padded`): each
  /// padded word holds the bytes `forEachPaddedWord` gives, all in one buffer, so that callers
  /// can look every word up before counting any (independent lookups overlap their cache
  /// misses). ASCII text is classified eight bytes at a time; other scalars one at a time.
  mutating func splitWords() {
    let n = text.count
    if padded.count < n + 2 { padded = [UInt8](repeating: 0, count: n * 2 + 64) }
    if wordBounds.count < n + 2 { wordBounds = [Int32](repeating: 0, count: n * 2 + 64) }
    let high: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func spread(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }
    // 0x80 in each byte of ASCII `v` within low ... high (per-byte sums never carry).
    @inline(__always) func inRange(_ v: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
      (v &+ spread(0x80 - low)) & ~(v &+ spread(0x7F - high))
    }
    var words = 0
    text.withUnsafeBufferPointer { t in
      padded.withUnsafeMutableBufferPointer { s in
        wordBounds.withUnsafeMutableBufferPointer { bounds in
          guard let tp = t.baseAddress, n > 0 else { return }
          let sp = s.baseAddress!
          let bp = bounds.baseAddress!
          // Text byte j is padded byte j + 1.
          sp[0] = 0x20
          (sp + 1).update(from: tp, count: n)
          sp[n &+ 1] = 0x20
          let raw = UnsafeRawPointer(tp)
          var inWord = false
          var start = 0
          var count = 0
          // A word is text[start ..< end]: the bytes before and after it (whitespace or the
          // padding) become spaces. Everything it changes comes in as a parameter: a nested
          // function that captured a variable of its own had each access checked at run time
          // (swift_beginAccess, 2% of scoring's instructions; issue 20).
          @inline(__always) func close(_ start: Int, _ end: Int, _ count: inout Int) {
            sp[start] = 0x20
            sp[end &+ 1] = 0x20
            bp[2 &* count] = Int32(truncatingIfNeeded: start)
            bp[2 &* count &+ 1] = Int32(truncatingIfNeeded: end &+ 1)
            count &+= 1
          }
          var i = 0
          while i < n {
            if i &+ 8 <= n {
              let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
              if x & high == 0 {
                // Python's ASCII whitespace: 0x09-0x0D, 0x1C-0x20. Bit k: byte k is a word byte.
                let spaces = (inRange(x, 0x09, 0x0D) | inRange(x, 0x1C, 0x20)) & high
                let wordBits = ~(((spaces >> 7) &* 0x0102_0408_1020_4080) >> 56) & 0xFF
                var steps = (wordBits ^ (wordBits << 1 | (inWord ? 1 : 0))) & 0xFF
                while steps != 0 {
                  let k = steps.trailingZeroBitCount
                  steps &= steps &- 1
                  if inWord { close(start, i &+ k, &count) } else { start = i &+ k }
                  inWord.toggle()
                }
                i &+= 8
                continue
              }
            }
            let c = CharacterClasses.classify(tp, i)
            if c.classes & CharacterClasses.space != 0 {
              if inWord { close(start, i, &count) }
              inWord = false
            } else if !inWord {
              start = i
              inWord = true
            }
            i &+= c.length
          }
          if inWord { close(start, n, &count) }
          words = count
        }
      }
    }
    wordCount = words
  }

  /// Calls `body(word, positions, scalars)` for every whitespace-separated word of the loaded
  /// document, padded with one space on each side: `word` holds its bytes, `positions[k]`
  /// (k in 0 ... `scalars`) where its scalar k starts. The pointers are valid only during
  /// the call.
  @inline(__always)
  mutating func forEachPaddedWord(_ body: (UnsafeRawBufferPointer, UnsafePointer<Int>, Int) -> Void) {
    let n = text.count
    if scratch.count < n + 16 { scratch = [UInt8](repeating: 0, count: n * 2 + 64) }
    if positions.count < n + 3 { positions = [Int](repeating: 0, count: n * 2 + 64) }
    text.withUnsafeBufferPointer { t in
      scratch.withUnsafeMutableBufferPointer { s in
        positions.withUnsafeMutableBufferPointer { pos in
          let tp = t.baseAddress!
          var i = 0
          while i < n {
            // Skip whitespace.
            var c = CharacterClasses.classify(tp, i)
            if c.classes & CharacterClasses.space != 0 {
              i += c.length
              continue
            }
            // Copy one word, padded with spaces, recording each scalar's start.
            s[0] = 0x20
            pos[0] = 0
            var w = 1
            var scalars = 1
            while i < n {
              c = CharacterClasses.classify(tp, i)
              if c.classes & CharacterClasses.space != 0 { break }
              pos[scalars] = w
              scalars += 1
              for k in 0..<c.length { s[w + k] = tp[i + k] }
              w += c.length
              i += c.length
            }
            pos[scalars] = w
            s[w] = 0x20
            w += 1
            scalars += 1
            pos[scalars] = w
            // scalars = length of the padded word in scalars; pos[k] = start of scalar k.
            body(UnsafeRawBufferPointer(start: s.baseAddress!, count: w), UnsafePointer(pos.baseAddress!), scalars)
          }
        }
      }
    }
  }

  /// Calls `body(bytes, hash)` for every character n-gram (sizes in `range`) of one padded
  /// word given by its bytes alone (as `splitWords` makes them); `positions` needs room for
  /// `word.count + 1` entries.
  @inline(__always)
  static func forEachCharNGram(
    ofWord word: UnsafeRawBufferPointer, scratchPositions pos: UnsafeMutablePointer<Int>, range: ClosedRange<Int>,
    _ body: (UnsafeRawBufferPointer, UInt64) -> Void
  ) {
    let bytes = word.baseAddress!.assumingMemoryBound(to: UInt8.self)
    var scalars = 0
    var i = 0
    while i < word.count {
      pos[scalars] = i
      scalars &+= 1
      i &+= CharacterClasses.sequenceLength(bytes[i])
    }
    pos[scalars] = word.count
    forEachCharNGram(ofWord: word, positions: UnsafePointer(pos), scalars: scalars, range: range, body)
  }

  /// Calls `body(bytes, hash)` for every character n-gram (sizes in `range`) of one padded
  /// word as `forEachPaddedWord` gives it; a word shorter than a size yields itself once.
  @inline(__always)
  static func forEachCharNGram(
    ofWord word: UnsafeRawBufferPointer, positions pos: UnsafePointer<Int>, scalars: Int, range: ClosedRange<Int>,
    _ body: (UnsafeRawBufferPointer, UInt64) -> Void
  ) {
    let seed = TermTable.seed(.character)
    let sb = word.baseAddress!
    for size in range {
      var offset = 0
      let end0 = min(size, scalars)
      body(UnsafeRawBufferPointer(start: sb, count: pos[end0]), hashBytes(sb, pos[end0], seed: seed))
      while offset + size < scalars {
        offset += 1
        let a = pos[offset]
        let len = pos[offset + size] - a
        body(UnsafeRawBufferPointer(start: sb + a, count: len), hashBytes(sb + a, len, seed: seed))
      }
      if offset == 0 { break }
    }
  }
}
