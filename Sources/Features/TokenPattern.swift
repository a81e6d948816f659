/// Which rule splits preprocessed text into word tokens.
public enum TokenPattern: String, Codable, Sendable {
  /// The news tokenizer: NFKC normalization, curly quotes folded to ASCII, lowercase, Unicode
  /// words of any length. Keeps negations and every other word (no stop words), abbreviations
  /// written with single letters and periods ("u.s.", "u.k.", "e.g.") as one token, internal
  /// hyphens and apostrophes ("cold-war", "china's") and numbers with internal "." or ","
  /// ("8.3", "586.72", "1,000").
  case news
  /// scikit-learn's default `token_pattern` `(?u)\b\w\w+\b` applied to lowercased text:
  /// maximal runs of at least two Python-`\w` characters (letters, numbers, underscore).
  case scikitLearn
}
