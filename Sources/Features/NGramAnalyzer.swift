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

  init(settings: FeatureSettings) {
    self.settings = settings
    scratch.reserveCapacity(4096)
  }

  /// Normalizes `document` and finds its tokens (byte ranges into `text`).
  mutating func load(_ document: String) {
    TextNormalizer.normalize(document, pattern: settings.tokenPattern, into: &text)
    if settings.wordNGrams != nil {
      let pattern = settings.tokenPattern
      text.withUnsafeBufferPointer { TokenScanner.scan($0, pattern: pattern, into: &tokens) }
    }
  }

  /// Calls `body(bytes, hash)` for every token of the loaded document, in order.
  @inline(__always)
  func forEachToken(_ body: (UnsafeRawBufferPointer, UInt64) -> Void) {
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
