/// What a span of page text looks like, as numbers a linear model can weigh: the evidence that
/// it is page chrome (menus, bylines, timestamps, link lists, captions) rather than prose.
///
/// In the spirit of jusText and trafilatura: length, stop-word density, terminal punctuation,
/// capitals and digits, whether the span stands on a line of its own, link-like text, and the
/// same evidence of its neighbours, since chrome comes in runs ("RELATED" then five titles).
/// Every value is in 0...1 (lengths are squashed), so one regularization strength fits all.
public enum SpanShape {
  /// The names of the features, in the order `features` writes them.
  public static let names: [String] = [
    "words", "one word", "three words or fewer", "terminal punctuation", "stop words", "uppercase letters",
    "title-case words", "digits", "own line", "line breaks inside", "ends with colon", "link-like",
    "parenthesized", "separator characters", "clock time", "first span", "position", "repeated in page",
    "short fragment", "short fragments around", "previous short fragment", "next short fragment",
    "words shared with the body",
  ]

  /// Number of features per span.
  public static var count: Int { names.count }

  /// Per-span measurements that the neighbour features reuse.
  private struct Measure {
    var words = 0
    var stopWords = 0
    var letters = 0
    var upper = 0
    var titleWords = 0
    var digits = 0
    var visible = 0
    var terminal = false
    var lineBreaks = 0
    var colonEnd = false
    var link = false
    var parenthesized = false
    var separator = false
    var clock = false
    var ownLine = false
    var hash: UInt64 = 0
    /// Where the span's content words (4+ letters, not stop words) sit in the document's list.
    var contentWords: Range<Int> = 0..<0

    var shortFragment: Bool { !terminal && words <= 12 }
    /// A sentence of the article's body: long and ended.
    var body: Bool { terminal && words >= 12 }
  }

  /// The features of every span of `text` (`spans.count × count`, row-major).
  ///
  /// - Parameters:
  ///   - text: the document.
  ///   - spans: its sentences as UTF-8 byte ranges, in order (as `SentenceSplitter.split` gives).
  public static func features(_ text: String, spans: [Range<Int>]) -> [Double] {
    var text = text
    var contentWords: [UInt64] = []
    let measures: [Measure] = text.withUTF8 { bytes in spans.map { measure(bytes, $0, contentWords: &contentWords) } }
    // Sorted arrays searched by bisection: no hashing per word on the scoring path.
    let hashes = measures.map(\.hash).sorted()
    // A page's own headline shares words with its body; menus and the titles of other articles
    // mostly do not.
    var bodyWords: [UInt64] = []
    for m in measures where m.body { bodyWords += contentWords[m.contentWords] }
    bodyWords.sort()
    let n = measures.count
    var out = [Double](repeating: 0, count: n * count)
    for (i, m) in measures.enumerated() {
      let words = Double(m.words)
      let letters = Double(max(m.letters, 1))
      // The share of short fragments among the spans at offsets `from...to` (0 left out) that
      // exist; a range rather than a list of offsets, so that no array is made per span.
      func around(_ from: Int, _ to: Int) -> Double {
        var hits = 0
        var seen = 0
        for o in from...to where o != 0 && i + o >= 0 && i + o < n {
          seen += 1
          if measures[i + o].shortFragment { hits += 1 }
        }
        return seen == 0 ? 0 : Double(hits) / Double(seen)
      }
      var j = i * count
      func put(_ v: Double) {
        out[j] = v
        j += 1
      }
      put(min(words, 60) / 60)
      put(m.words == 1 ? 1 : 0)
      put(m.words <= 3 ? 1 : 0)
      put(m.terminal ? 1 : 0)
      put(m.words == 0 ? 0 : Double(m.stopWords) / words)
      put(Double(m.upper) / letters)
      put(m.words == 0 ? 0 : Double(m.titleWords) / words)
      put(m.visible == 0 ? 0 : Double(m.digits) / Double(m.visible))
      put(m.ownLine ? 1 : 0)
      put(min(Double(m.lineBreaks), 3) / 3)
      put(m.colonEnd ? 1 : 0)
      put(m.link ? 1 : 0)
      put(m.parenthesized ? 1 : 0)
      put(m.separator ? 1 : 0)
      put(m.clock ? 1 : 0)
      put(i == 0 ? 1 : 0)
      put(n > 1 ? Double(i) / Double(n - 1) : 0)
      put(Self.count(of: m.hash, inSorted: hashes) > 1 ? 1 : 0)
      put(m.shortFragment ? 1 : 0)
      put(around(-2, 2))
      put(around(-1, -1))
      put(around(1, 1))
      let own = contentWords[m.contentWords]
      // A body sentence would share all its words with the body it is part of: count the others'.
      var shared = 0
      if !m.body { for w in own where Self.count(of: w, inSorted: bodyWords) > 0 { shared += 1 } }
      put(m.body ? 1 : own.isEmpty ? 0 : Double(shared) / Double(own.count))
    }
    return out
  }

  /// The stop words packed as `packed` packs a word (none is longer than 5 letters), sorted.
  private static let stopWords: [UInt64] = stopWordList.map { packed(Array($0.utf8)) }.sorted()

  /// How often `key` occurs in the ascending array `sorted`.
  private static func count(of key: UInt64, inSorted sorted: [UInt64]) -> Int {
    var (low, high) = (0, sorted.count)
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid] < key { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < sorted.count && sorted[end] == key { end += 1 }
    return end - low
  }

  /// Up to the first 8 bytes of a word, little-endian, in a UInt64 (0 for longer words).
  private static func packed(_ bytes: [UInt8]) -> UInt64 {
    bytes.count > 8 ? 0 : bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
  }

  private static let stopWordList: [String] = [
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "not", "no", "will", "would", "can",
    "could", "should", "may", "which", "who", "what", "when", "than", "also", "said", "says", "if", "into",
    "about", "there", "more", "after", "over", "such", "so",
  ]

  /// Measures one span of the document's bytes.
  private static func measure(_ bytes: UnsafeBufferPointer<UInt8>, _ span: Range<Int>, contentWords: inout [UInt64])
    -> Measure
  {
    var m = Measure()
    let firstWord = contentWords.count
    let lower = max(0, min(span.lowerBound, bytes.count))
    let upper = max(lower, min(span.upperBound, bytes.count))
    m.ownLine = (lower == 0 || bytes[lower - 1] == 0x0A) && (upper == bytes.count || bytes[upper] == 0x0A)
    // The current word: its length in bytes and its first 8 bytes packed (lowercased ASCII).
    var wordLength = 0
    var wordKey: UInt64 = 0
    var wordStartsUpper = false
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func endWord() {
      guard wordLength > 0 else { return }
      m.words += 1
      if wordStartsUpper { m.titleWords += 1 }
      if wordLength <= 5, count(of: wordKey, inSorted: stopWords) > 0 {
        m.stopWords += 1
      } else if wordLength >= 4 {
        contentWords.append(wordKey)
      }
      wordLength = 0
      wordKey = 0
    }
    func append(_ b: UInt8) {
      if wordLength < 8 { wordKey |= UInt64(b) << (8 * UInt64(wordLength)) }
      wordLength += 1
    }
    var last: UInt8 = 0
    var previous: UInt8 = 0
    var i = lower
    while i < upper {
      let b = bytes[i]
      hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
      // Most bytes of a body sentence are lowercase ASCII letters and spaces; for them only the
      // word, the letter and visible counts and the last bytes change, as in the full path
      // below ("w" takes that path: it may start "www.").
      if b >= 0x61 && b <= 0x7A && b != 0x77 {
        if wordLength == 0 { wordStartsUpper = false }
        append(b)
        m.letters += 1
        m.visible += 1
        previous = b
        last = b
        i += 1
        continue
      }
      if b == 0x20 {
        endWord()
        i += 1
        continue
      }
      let isUpper = b >= 0x41 && b <= 0x5A
      let isLower = b >= 0x61 && b <= 0x7A
      let isLetter = isUpper || isLower || b >= 0xC0
      if isLetter {
        if wordLength == 0 { wordStartsUpper = isUpper }
        append(isUpper ? b | 0x20 : b)
        m.letters += 1
        if isUpper { m.upper += 1 }
      } else if b >= 0x80 {
        // continuation bytes of a non-ASCII letter or symbol: part of the word, not counted again
        if wordLength > 0 { append(b) }
      } else {
        endWord()
      }
      if b >= 0x30 && b <= 0x39 { m.digits += 1 }
      if b == 0x0A { m.lineBreaks += 1 }
      if b > 0x20 {
        m.visible += 1
        // "|", and "©" or "»" (C2 A9, C2 BB: the second bytes alone also end "é", "л", ...).
        if b == 0x7C || ((b == 0xA9 || b == 0xBB) && previous == 0xC2) { m.separator = true }
        // Link-like: an address ("//", "www.", ".com") or an e-mail ("@"), found in this one pass.
        if b == 0x40 || (b == 0x2F && previous == 0x2F) { m.link = true }
        if (b == 0x2E || b == 0x77) && i + 3 < upper {
          let next = (bytes[i + 1], bytes[i + 2], bytes[i + 3])
          if (b == 0x2E && next == (0x63, 0x6F, 0x6D)) || (b == 0x77 && next == (0x77, 0x77, 0x2E)) { m.link = true }
        }
        if b == 0x3A, i + 1 < upper, previous >= 0x30, previous <= 0x39, bytes[i + 1] >= 0x30, bytes[i + 1] <= 0x39 {
          m.clock = true
        }
        previous = b
        last = b
      }
      i += 1
    }
    endWord()
    m.contentWords = firstWord..<contentWords.count
    m.hash = hash
    m.colonEnd = last == 0x3A
    m.parenthesized = upper > lower && bytes[lower] == 0x28 && last == 0x29
    // A sentence end, possibly followed by closing quotes or brackets (ASCII or curly).
    var j = upper - 1
    while j >= lower {
      let b = bytes[j]
      if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x20 || b == 0x0A {
        j -= 1
      } else if b == 0x9D || b == 0x99, j >= lower + 2, bytes[j - 2] == 0xE2, bytes[j - 1] == 0x80 {
        j -= 3
      } else {
        break
      }
    }
    if j >= lower {
      let b = bytes[j]
      m.terminal =
        b == 0x2E || b == 0x21 || b == 0x3F || (b == 0xA6 && j >= lower + 2 && bytes[j - 2] == 0xE2)
    }

    return m
  }
}
