/// The byte-level state machine behind `SentenceSplitter` (see there for the rules).
struct SentenceScanner {
  let p: UnsafePointer<UInt8>
  let n: Int
  private var sentences: [Range<Int>] = []
  private var start: Int? = nil

  init(p: UnsafePointer<UInt8>, n: Int) {
    self.p = p
    self.n = n
  }

  mutating func run() -> [Range<Int>] {
    var i = 0
    while i < n {
      let b = p[i]
      if start == nil {
        let w = spaceLength(at: i)
        if w > 0 {
          i += w
          continue
        }
        start = i
      }
      switch b {
      case 0x0A:  // line break
        i = lineBreak(at: i)
      case 0x2E, 0x21, 0x3F:  // . ! ?
        i = terminal(at: i)
      case 0xE2 where i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0xA6:  // …
        i = terminal(at: i)
      default:
        // Inside a sentence every other byte only moves on: skip to the next that matters.
        i = nextSpecial(from: i + 1)
      }
    }
    emit(end: n)
    return sentences
  }

  /// The first index from `i` on whose byte the loop in `run` handles (a line break, `.`, `!`,
  /// `?`, or 0xE2, which starts `…`), or `n`. Eight bytes at a time: news sentences run about
  /// 120 bytes between such bytes, and a byte-by-byte loop cost ~20 instructions a byte.
  @inline(__always)
  private func nextSpecial(from i: Int) -> Int {
    var i = i
    let raw = UnsafeRawPointer(p)
    while i &+ 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if SentenceScanner.hasByte(x, 0x0A) | SentenceScanner.hasByte(x, 0x2E) | SentenceScanner.hasByte(x, 0x21)
        | SentenceScanner.hasByte(x, 0x3F) | SentenceScanner.hasByte(x, 0xE2) != 0
      {
        break
      }
      i &+= 8
    }
    while i < n {
      let b = p[i]
      if b == 0x0A || b == 0x2E || b == 0x21 || b == 0x3F || b == 0xE2 { return i }
      i &+= 1
    }
    return n
  }

  /// Nonzero exactly when one of the eight bytes of `x` is `b` (the high bit of some byte set).
  @inline(__always)
  private static func hasByte(_ x: UInt64, _ b: UInt8) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let y = x ^ (ones &* UInt64(b))
    return (y &- ones) & ~y & 0x8080_8080_8080_8080
  }

  // MARK: Boundaries

  private mutating func emit(end: Int) {
    guard let s = start else { return }
    var e = end
    while e > s {
      let w = trailingSpaceLength(before: e)
      if w == 0 { break }
      e -= w
    }
    if e > s { sentences.append(s..<e) }
    start = nil
  }

  /// Handles a line break at `i`; returns where scanning goes on.
  private mutating func lineBreak(at i: Int) -> Int {
    let (j, breaks) = spaceRun(from: i)
    if breaks >= 2 || j >= n || (startsSentence(at: j) && !isInlineLine(at: j)) {
      emit(end: i)
      return j
    }
    return j
  }

  /// A short line that the text goes on from, as scraped links come out: "bid to join⏎Brics⏎,
  /// a league of ...". True when the line at `j` is at most 60 bytes and the next line starts
  /// with a lowercase letter or with `,` `;` `:` `)` `.`.
  private func isInlineLine(at j: Int) -> Bool {
    var e = j
    while e < n && p[e] != 0x0A {
      e += 1
      if e - j > 60 { return false }
    }
    guard e < n else { return false }
    var k = e + 1
    while k < n && (p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0D) { k += 1 }
    guard k < n else { return false }
    let b = p[k]
    return isLowercaseASCII(b) || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x29 || b == 0x2E
  }

  /// Handles terminal punctuation starting at `i`; returns where scanning goes on.
  private mutating func terminal(at i: Int) -> Int {
    var k = i
    var dots = 0
    var isEllipsis = false
    // The run of terminal marks: "...", "?!", "…".
    while k < n {
      if p[k] == 0x2E {
        dots += 1
        k += 1
      } else if p[k] == 0x21 || p[k] == 0x3F {
        k += 1
      } else if p[k] == 0xE2 && k + 2 < n && p[k + 1] == 0x80 && p[k + 2] == 0xA6 {
        isEllipsis = true
        k += 3
      } else {
        break
      }
    }
    let singlePeriod = dots == 1 && k == i + 1
    if dots >= 2 { isEllipsis = true }
    // A period inside a number or a domain ("3.5", "news.com") is not an end.
    if singlePeriod && k < n && (isDigit(p[k]) || isLowercaseASCII(p[k])) { return k }
    let afterMarks = k
    k = skipClosers(from: k)
    if k >= n {
      emit(end: k)
      return k
    }
    let space = spaceLength(at: k)
    if space == 0 {
      // Glued to the next word: "hub.Fact".
      if singlePeriod && k == afterMarks && isUppercaseLetter(at: k) && isPlainWordBefore(period: i) {
        emit(end: k)
      }
      return k
    }
    let (j, breaks) = spaceRun(from: k)
    if j >= n || breaks >= 2 {
      emit(end: k)
      return j
    }
    if singlePeriod && !isEllipsis {
      let word = wordBefore(period: i)
      if SentenceAbbreviations.titles.contains(word) { return j }
      if word == Array("no".utf8) && isDigit(p[j]) { return j }
      if SentenceAbbreviations.usuallyInside.contains(word) || isInitial(word, period: i) {
        if breaks == 0 && !opensSentence(at: j) { return j }
      }
    }
    if breaks >= 1 || startsSentence(at: j) {
      emit(end: k)
    }
    return j
  }

  // MARK: Character tests

  private func skipClosers(from i: Int) -> Int {
    // " ' ) ]  and the closing curly quotes ” ’ and guillemet »
    skipMarks(from: i, ascii: [0x22, 0x27, 0x29, 0x5D], curly: [0x9D, 0x99], guillemet: 0xBB)
  }

  /// Skips quote and bracket marks from `i`: the given ASCII bytes, the curly quotes
  /// U+2018...U+201D whose last UTF-8 byte is in `curly`, and the guillemet U+00AB/U+00BB
  /// whose second byte is `guillemet`.
  private func skipMarks(from i: Int, ascii: [UInt8], curly: [UInt8], guillemet: UInt8) -> Int {
    var k = i
    while k < n {
      let b = p[k]
      if ascii.contains(b) {
        k += 1
      } else if b == 0xE2 && k + 2 < n && p[k + 1] == 0x80 && curly.contains(p[k + 2]) {
        k += 3
      } else if b == 0xC2 && k + 1 < n && p[k + 1] == guillemet {
        k += 2
      } else {
        break
      }
    }
    return k
  }

  /// Whether a sentence can start at `j`: opening quotes or brackets, then an uppercase or
  /// caseless letter or a digit.
  private func startsSentence(at j: Int) -> Bool {
    // " ' ( [  and the opening curly quotes “ ‘ and guillemet «
    let k = skipMarks(from: j, ascii: [0x22, 0x27, 0x28, 0x5B], curly: [0x9C, 0x98], guillemet: 0xAB)
    guard k < n else { return false }
    if isDigit(p[k]) { return true }
    return isUppercaseLetter(at: k)
  }

  /// Whether the word at `j` (after optional opening quotes) is a common sentence opener.
  private func opensSentence(at j: Int) -> Bool {
    guard startsSentence(at: j) else { return false }
    var a = j
    while a < n && !isLetterASCII(p[a]) && spaceLength(at: a) == 0 { a += 1 }
    var word: [UInt8] = []
    var k = a
    while k < n && isLetterASCII(p[k]) && word.count < 16 {
      word.append(p[k] | 0x20)
      k += 1
    }
    return SentenceAbbreviations.sentenceOpeners.contains(word)
  }

  private func isUppercaseLetter(at k: Int) -> Bool {
    let b = p[k]
    if b < 0x80 { return b >= 0x41 && b <= 0x5A }
    let (v, _) = CharacterClasses.decode(p, k)
    guard let s = Unicode.Scalar(v) else { return false }
    switch s.properties.generalCategory {
    case .uppercaseLetter, .titlecaseLetter, .otherLetter: return true
    default: return false
    }
  }

  /// The lowercased ASCII word before the period at `i` (back to whitespace or an opening
  /// quote or bracket), without the period; empty when it holds non-ASCII.
  private func wordBefore(period i: Int) -> [UInt8] {
    var a = i
    while a > 0 {
      let b = p[a - 1]
      if b <= 0x20 || b == 0x22 || b == 0x28 || b == 0x5B || b == 0x27 || b >= 0x80 { break }
      a -= 1
    }
    if a > 0 && p[a - 1] >= 0x80 && trailingSpaceLength(before: a) == 0 { return [] }
    return (a..<i).map { p[$0] >= 0x41 && p[$0] <= 0x5A ? p[$0] | 0x20 : p[$0] }
  }

  /// Initials before the period: one uppercase letter ("J. Smith") or several joined by
  /// periods ("H.R. McMaster", "J.R.R. Tolkien").
  /// An initial after a hyphen counts too ("China-S. Korea").
  private func isInitial(_ word: [UInt8], period i: Int) -> Bool {
    if let hyphen = word.lastIndex(of: 0x2D) { return isInitial(Array(word[(hyphen + 1)...]), period: i) }
    guard word.count % 2 == 1 else { return false }
    let start = i - word.count
    for (k, b) in word.enumerated() {
      if k % 2 == 1 {
        if b != 0x2E { return false }
      } else if !(isLetterASCII(b) && p[start + k] >= 0x41 && p[start + k] <= 0x5A) {
        return false
      }
    }
    return true
  }

  /// For a period glued to the next word: the word before is 2+ letters with no period and
  /// not an abbreviation.
  private func isPlainWordBefore(period i: Int) -> Bool {
    let word = wordBefore(period: i)
    if word.count < 2 || !word.allSatisfy(isLetterASCII) { return false }
    return !SentenceAbbreviations.titles.contains(word) && !SentenceAbbreviations.usuallyInside.contains(word)
  }

  private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  private func isLowercaseASCII(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
  private func isLetterASCII(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

  /// The end of the run of spaces (line breaks among them) that starts at `i`, and how many
  /// line breaks it holds: two or more end a paragraph.
  private func spaceRun(from i: Int) -> (end: Int, breaks: Int) {
    var j = i
    var breaks = 0
    while j < n {
      if p[j] == 0x0A { breaks += 1 }
      let w = spaceLength(at: j)
      if w == 0 { break }
      j += w
    }
    return (j, breaks)
  }

  /// Byte length of the whitespace character at `i`, or 0 when it is not whitespace.
  private func spaceLength(at i: Int) -> Int {
    let b = p[i]
    if b < 0x80 { return (b == 0x20 || (b >= 0x09 && b <= 0x0D)) ? 1 : 0 }
    let c = CharacterClasses.classify(p, i)
    return c.classes & CharacterClasses.space != 0 ? c.length : 0
  }

  /// Byte length of the whitespace character that ends just before `e`, or 0.
  private func trailingSpaceLength(before e: Int) -> Int {
    var a = e - 1
    while a > 0 && p[a] & 0xC0 == 0x80 && e - a < 4 { a -= 1 }
    return spaceLength(at: a) == e - a ? e - a : 0
  }
}
