/// Turns one document into its word and character n-grams, as byte slices, without building
/// a `String` per n-gram. One analyzer per thread: it owns reusable buffers.
///
/// Word n-grams follow scikit-learn's `_word_ngrams` (tokens joined by one space). Character
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

  /// Calls `body(bytes, kind, hash)` for every n-gram occurrence of the loaded document.
  @inline(__always)
  mutating func forEachNGram(_ body: (UnsafeRawBufferPointer, NGramKind, UInt64) -> Void) {
    if let range = settings.wordNGrams { wordNGrams(range, body) }
    if let range = settings.charNGrams { charNGrams(range, body) }
  }

  @inline(__always)
  private mutating func wordNGrams(
    _ range: ClosedRange<Int>, _ body: (UnsafeRawBufferPointer, NGramKind, UInt64) -> Void
  ) {
    let tokenCount = tokens.count / 2
    guard tokenCount > 0 else { return }
    let seed = TermTable.seed(.word)
    let maxN = min(range.upperBound, tokenCount)
    guard range.lowerBound <= maxN else { return }
    if scratch.count < text.count + 16 { scratch = [UInt8](repeating: 0, count: text.count * 2 + 64) }
    text.withUnsafeBytes { t in
      tokens.withUnsafeBufferPointer { r in
        scratch.withUnsafeMutableBytes { s in
          let tb = t.baseAddress!
          let sb = s.baseAddress!
          for n in range.lowerBound...maxN {
            if n == 1 {
              for k in 0..<tokenCount {
                let a = Int(r[2 * k])
                let len = Int(r[2 * k + 1]) - a
                let slice = UnsafeRawBufferPointer(start: tb + a, count: len)
                body(slice, .word, hashBytes(tb + a, len, seed: seed))
              }
              continue
            }
            for k in 0...(tokenCount - n) {
              var w = 0
              for m in k..<(k + n) {
                if m > k {
                  sb.storeBytes(of: 0x20, toByteOffset: w, as: UInt8.self)
                  w += 1
                }
                let a = Int(r[2 * m])
                let len = Int(r[2 * m + 1]) - a
                (sb + w).copyMemory(from: tb + a, byteCount: len)
                w += len
              }
              body(UnsafeRawBufferPointer(start: sb, count: w), .word, hashBytes(sb, w, seed: seed))
            }
          }
        }
      }
    }
  }

  @inline(__always)
  private mutating func charNGrams(
    _ range: ClosedRange<Int>, _ body: (UnsafeRawBufferPointer, NGramKind, UInt64) -> Void
  ) {
    let seed = TermTable.seed(.character)
    let n = text.count
    if scratch.count < n + 16 { scratch = [UInt8](repeating: 0, count: n * 2 + 64) }
    if positions.count < n + 3 { positions = [Int](repeating: 0, count: n * 2 + 64) }
    text.withUnsafeBufferPointer { t in
      scratch.withUnsafeMutableBufferPointer { s in
        positions.withUnsafeMutableBufferPointer { pos in
          let tp = t.baseAddress!
          let sb = UnsafeMutableRawPointer(s.baseAddress!)
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
            for size in range {
              var offset = 0
              let end0 = min(size, scalars)
              body(
                UnsafeRawBufferPointer(start: sb, count: pos[end0]), .character,
                hashBytes(sb, pos[end0], seed: seed))
              while offset + size < scalars {
                offset += 1
                let a = pos[offset]
                let len = pos[offset + size] - a
                body(UnsafeRawBufferPointer(start: sb + a, count: len), .character, hashBytes(sb + a, len, seed: seed))
              }
              if offset == 0 { break }
            }
          }
        }
      }
    }
  }
}
