/// Words that a period follows without ending the sentence, as the sentence splitter sees
/// them: lowercased ASCII, final period removed, internal periods kept ("u.s").
enum SentenceAbbreviations {
  /// Titles and the like that always precede a name: never a sentence end before a word.
  static let titles: Set<[UInt8]> = bytes([
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "st", "lt", "col", "capt", "sgt", "adm", "maj",
    "rev", "hon", "pres", "amb", "cmdr", "gens", "sens", "reps", "messrs", "mt", "ft", "fig", "vs", "v", "e.g",
    "i.e", "cf", "approx", "dept", "vol", "pp", "nos",
  ])
  /// Abbreviations that usually sit inside a sentence ("U.S. officials", "Jan. 5") but end one
  /// when a typical sentence opener follows ("... in the U.S. The ...").
  static let usuallyInside: Set<[UInt8]> = bytes([
    "u.s", "u.k", "u.n", "u.s.a", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no",
  ])
  /// Abbreviations that often end a sentence ("Apple Inc."): a boundary when a capitalized
  /// word follows, as after any word.
  static let oftenFinal: Set<[UInt8]> = bytes([
    "inc", "corp", "ltd", "co", "etc", "a.m", "p.m", "jr", "sr", "llc", "plc",
  ])

  /// Capitalized words that open sentences far more often than they follow "U.S." or an
  /// initial inside one.
  static let sentenceOpeners: Set<[UInt8]> = bytes([
    "the", "this", "that", "these", "those", "it", "he", "she", "we", "they", "i", "but", "and", "in", "on", "at",
    "a", "an", "as", "however", "meanwhile", "yet", "so", "if", "when", "while", "there", "its", "his", "her", "our",
    "their", "what", "why", "how", "for", "after", "since", "both", "such", "according",
  ])

  private static func bytes(_ words: [String]) -> Set<[UInt8]> { Set(words.map { Array($0.utf8) }) }
}
