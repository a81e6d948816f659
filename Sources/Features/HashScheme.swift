/// The seeds of `hashBytes`, one per n-gram kind, under which a `VocabularyIndex` files its
/// terms. A stored index (model file format 2 and later) records the scheme it was written
/// under in every term's stored hash; lookups always hash with `current`, so an index filed
/// under another scheme would miss every term. `VocabularyIndex.findsTerms` detects that, and
/// the loader then builds the index afresh.
struct HashScheme: Equatable, Sendable {
  /// Seed of word n-gram tokens.
  var word: UInt64
  /// Seed of character n-grams.
  var character: UInt64

  /// The scheme of this build: what `transform` and every lookup hash with.
  static let current = HashScheme(word: TermTable.seed(.word), character: TermTable.seed(.character))

  /// The seed of `kind`.
  func seed(_ kind: NGramKind) -> UInt64 { kind == .word ? word : character }
}
