/// Splits news text into sentences, returning each as a range of UTF-8 byte offsets into the
/// text, trimmed of surrounding whitespace.
///
/// Rules, in the order they are tried:
/// - A blank line (two line breaks with only whitespace between) always ends a sentence, so do
///   the end of the text and a line break after terminal punctuation.
/// - `.`, `!`, `?`, an ellipsis (`...`, `…`), with any closing quotes or brackets after them,
///   end a sentence when whitespace and then a sentence start follow: an uppercase letter, a
///   digit, or an opening quote or bracket before one. Lowercase after them continues the
///   sentence (`"...end." she said`, "Xi Jingping. talked").
/// - A period after a title ("Mr.", "Gen.", "e.g.", "vs.") never ends a sentence before a word.
///   After "U.S.", "U.K.", "U.N.", a month ("Jan.") or "No." (and a single-letter initial,
///   "J. Smith") it ends one only when a common sentence opener follows ("The", "It", "But"...);
///   "No." before a digit never does.
/// - A period glued to a capitalized word ("hub.Fact", "Hong Kong.Fact", scraping glitches) ends
///   a sentence when the word before it is a plain word of 2+ letters, not an abbreviation
///   ("U.S.Army" stays whole). Periods inside numbers ("$586.72", "3.5") never end one.
/// - A single line break after a line without terminal punctuation (a headline, a byline, a
///   "Level: 13.815" metadata line) ends a sentence when the next line starts like a sentence
///   (as above); a next line starting in lowercase continues it (a hard-wrapped paragraph), and
///   so does a short line that the text then goes on from with lowercase or `,;:).` (a scraped
///   link on a line of its own: "bid to join⏎Brics⏎, a league ...").
///
/// Works on the UTF-8 bytes (no `Character` iteration).
public struct SentenceSplitter: Sendable {
  /// A splitter with the rules above.
  public init() {}

  /// The sentences of `text` as UTF-8 byte ranges (`text.utf8` offsets), in order, non-empty,
  /// without leading or trailing whitespace.
  public func split(_ text: String) -> [Range<Int>] {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress, bytes.count > 0 else { return [] }
      var scanner = SentenceScanner(p: base, n: bytes.count)
      return scanner.run()
    }
  }

  /// The sentences of `text` as strings (convenience over `split`).
  public func sentences(_ text: String) -> [Substring] {
    let utf8 = text.utf8
    return split(text).map { r in
      let a = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
      let b = utf8.index(a, offsetBy: r.count)
      return text[a..<b]
    }
  }
}
