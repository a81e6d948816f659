import Foundation

/// The terms (n-grams) a vectorizer knows, in column order.
///
/// Word n-grams come first, sorted by their UTF-8 bytes (Unicode scalar order, as Python sorts
/// strings, so columns match scikit-learn's one for one); then character n-grams, sorted the
/// same way. `wordTermCount` marks the boundary, since a word and a character n-gram may be
/// spelled alike; a model file must store it beside the terms.
public struct Vocabulary: Equatable, Sendable {
  /// All terms; column `i` is `terms[i]`.
  public private(set) var terms: [String]
  /// `terms[0 ..< wordTermCount]` are word n-grams (tokens joined by single spaces), the rest
  /// character n-grams.
  public let wordTermCount: Int
  private let cache: VocabularyIndexCache

  /// The lookup structure, built from `terms` on first use (fitting does not need it).
  var index: VocabularyIndex {
    cache.value { Vocabulary.buildIndex(terms, wordTermCount: wordTermCount) }
  }

  /// Builds a vocabulary from terms in column order.
  /// - Parameters:
  ///   - terms: word n-grams then character n-grams; a duplicate within a kind is kept as a
  ///     column, but lookups and `transform` use its first column.
  ///   - wordTermCount: how many leading terms are word n-grams, 0 ... `terms.count`;
  ///     nil means all of them.
  public init(terms: [String], wordTermCount: Int? = nil) {
    let words = min(max(wordTermCount ?? terms.count, 0), terms.count)
    self.init(terms: terms, wordTermCount: words, index: nil)
  }

  /// Internal: `index`, when given, must be what `buildIndex` would make of `terms`.
  init(terms: [String], wordTermCount: Int, index: VocabularyIndex?) {
    self.terms = terms
    self.wordTermCount = wordTermCount
    self.cache = VocabularyIndexCache(index)
  }

  private static func buildIndex(_ terms: [String], wordTermCount: Int) -> VocabularyIndex {
    VocabularyIndex.build(terms, wordTermCount: wordTermCount)
  }

  /// An object unique to this vocabulary and its copies (the index holder), for caches
  /// that must not outlive or mix up vocabularies.
  var identity: AnyObject { cache }

  /// Number of terms (columns).
  public var count: Int { terms.count }

  /// The column of `term`: a word n-gram if there is one spelled so, else a character n-gram.
  public func index(of term: String) -> Int32? {
    index(of: term, kind: .word) ?? index(of: term, kind: .character)
  }

  /// The column of `term` among the n-grams of `kind`, or nil.
  public func index(of term: String, kind: NGramKind) -> Int32? {
    var term = term
    let column = term.withUTF8 { index.column(of: UnsafeRawBufferPointer($0), kind: kind) }
    return column >= 0 ? column : nil
  }

  /// Whether column `column` (0 ..< `count`) is a word or a character n-gram.
  public func kind(of column: Int32) -> NGramKind { Int(column) < wordTermCount ? .word : .character }

  /// Vocabularies are equal when they list the same terms (byte for byte) with the same boundary.
  public static func == (a: Vocabulary, b: Vocabulary) -> Bool {
    a.wordTermCount == b.wordTermCount && a.terms.count == b.terms.count
      && zip(a.terms, b.terms).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
  }
}

/// Holds a vocabulary's index once built; shared by copies of the vocabulary, built once under a lock.
final class VocabularyIndexCache: @unchecked Sendable {
  private let lock = NSLock()
  private var index: VocabularyIndex?

  init(_ index: VocabularyIndex?) { self.index = index }

  func value(_ build: () -> VocabularyIndex) -> VocabularyIndex {
    lock.lock()
    defer { lock.unlock() }
    if let index { return index }
    let built = build()
    index = built
    return built
  }
}
