import Foundation

/// The terms (n-grams) a vectorizer knows, in column order.
///
/// Word n-grams come first, sorted by their UTF-8 bytes (Unicode scalar order, as Python sorts
/// strings, so columns match scikit-learn's one for one); then character n-grams, sorted the
/// same way. `wordTermCount` marks the boundary, since a word and a character n-gram may be
/// spelled alike; a model file must store it beside the terms.
public struct Vocabulary: Equatable, Sendable {
  /// `terms[0 ..< wordTermCount]` are word n-grams (tokens joined by single spaces), the rest
  /// character n-grams.
  public let wordTermCount: Int
  private let storage: VocabularyTerms
  private let cache: VocabularyIndexCache

  /// All terms; column `i` is `terms[i]`. A vocabulary read from a model file makes these
  /// `String`s on first use (scoring does not need them; explanations and `inspect` do).
  public var terms: [String] { storage.strings() }

  /// The lookup structure, built from the terms on first use (fitting does not need it)
  /// unless a model file supplied it.
  var index: VocabularyIndex {
    cache.value {
      let packed = storage.packed()
      return VocabularyIndex.build(bytes: packed.bytes, offsets: packed.offsets, wordTermCount: wordTermCount)
    }
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

  /// A vocabulary from terms packed back to back, as a model file stores them.
  /// - Parameters:
  ///   - bytes: the terms' UTF-8 bytes, back to back (invalid UTF-8 is repaired when the
  ///     terms are turned into `String`s).
  ///   - offsets: `count + 1` little-endian `UInt64` byte offsets into `bytes` (any alignment):
  ///     term `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
  ///   - wordTermCount: how many leading terms are word n-grams, 0 ... `count`.
  ///   - indexImage: the bytes of `indexImage()` of the same terms, or nil to build the index on
  ///     first use (as happens too when the image was written under another hashing scheme).
  ///   - owner: when given, the vocabulary keeps it alive and points into `bytes`, `offsets`
  ///     and `indexImage` instead of copying them (the terms and the largest lookup tables),
  ///     so they must stay valid and unchanged while `owner` lives (a read-only file mapping).
  ///     When nil, everything is copied.
  /// - Returns: nil when the offsets do not describe `bytes` (first not 0, decreasing, last not
  ///   `bytes.count`), `wordTermCount` is out of range, or `indexImage` is not a consistent image.
  public init?(
    packedTerms bytes: UnsafeRawBufferPointer, offsets: UnsafeRawBufferPointer, wordTermCount: Int,
    indexImage: UnsafeRawBufferPointer?, owner: AnyObject? = nil
  ) {
    let count = offsets.count / 8 - 1
    func offset(_ i: Int) -> UInt64 {
      UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: 8 &* i, as: UInt64.self))
    }
    guard count >= 0, offsets.count % 8 == 0, offset(0) == 0, offset(count) == UInt64(bytes.count),
      (0...count).contains(wordTermCount)
    else { return nil }
    for i in 0..<count where offset(i) > offset(i + 1) { return nil }
    var index: VocabularyIndex?
    if let indexImage {
      guard let decoded = VocabularyIndexImage.decode(indexImage, columnCount: count, keeper: owner) else {
        return nil
      }
      // Filed under another hashing scheme, the stored index would miss every lookup: it is
      // then left out, and built afresh from the terms on first use.
      let findsTerms = decoded.findsTerms(count: count, wordTermCount: wordTermCount) { i in
        UnsafeRawBufferPointer(rebasing: bytes[Int(offset(i))..<Int(offset(i + 1))])
      }
      if findsTerms { index = decoded }
    }
    self.wordTermCount = wordTermCount
    if let owner {
      self.storage = VocabularyTerms(borrowing: bytes, offsets: offsets, keeper: owner)
    } else {
      self.storage = VocabularyTerms(bytes: Array(bytes), offsets: (0...count).map { Int(offset($0)) })
    }
    self.cache = VocabularyIndexCache(index)
  }

  /// Internal: `index`, when given, must be an index of `terms` (what `VocabularyIndex.build` makes, or one giving
  /// the same lookups).
  init(terms: [String], wordTermCount: Int, index: VocabularyIndex?) {
    self.storage = VocabularyTerms(terms)
    self.wordTermCount = wordTermCount
    self.cache = VocabularyIndexCache(index)
  }

  /// The terms' UTF-8 bytes back to back and `count + 1` offsets into them (term `i` is
  /// `bytes[offsets[i] ..< offsets[i + 1]]`): what a model file stores.
  public var packedTerms: (bytes: [UInt8], offsets: [Int]) { storage.packed() }

  /// The lookup index of these terms as bytes (length a multiple of 8, little-endian), for
  /// `init(packedTerms:offsets:wordTermCount:indexImage:)`. The bytes depend only on the terms
  /// and `wordTermCount` (the index is built afresh, the same way whatever built this one).
  public func indexImage() -> [UInt8] {
    let packed = storage.packed()
    return VocabularyIndexImage.encode(
      VocabularyIndex.build(bytes: packed.bytes, offsets: packed.offsets, wordTermCount: wordTermCount))
  }

  /// Term `column` (0 ..< `count`) as a `String`, without making the others.
  public func term(_ column: Int) -> String { storage.string(column) }

  /// An object unique to this vocabulary and its copies (the index holder), for tables that
  /// must not mix up vocabularies (`SharedWordColumns`).
  var identity: AnyObject { cache }

  /// Number of terms (columns).
  public var count: Int { storage.count }

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
    guard a.wordTermCount == b.wordTermCount, a.count == b.count else { return false }
    let (x, y) = (a.storage.packed(), b.storage.packed())
    return x.offsets == y.offsets && x.bytes == y.bytes
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

/// A vocabulary's terms, kept as `String`s, as packed bytes, or both: each form is made from
/// the other on first use, once, under a lock, and shared by copies of the vocabulary. Packed
/// bytes may be borrowed from a model file mapping, so loading a model copies no term.
final class VocabularyTerms: @unchecked Sendable {
  private let lock = NSLock()
  private var made: [String]?
  private var bytes: [UInt8]?
  private var offsets: [Int]?
  /// Terms and `UInt64` offsets in memory that `keeper` keeps valid (a model file mapping).
  private let borrowed: (bytes: UnsafeRawBufferPointer, offsets: UnsafeRawBufferPointer)?
  private let keeper: AnyObject?
  /// Number of terms.
  let count: Int

  init(_ terms: [String]) {
    made = terms
    count = terms.count
    borrowed = nil
    keeper = nil
  }

  init(bytes: [UInt8], offsets: [Int]) {
    self.bytes = bytes
    self.offsets = offsets
    count = offsets.count - 1
    borrowed = nil
    keeper = nil
  }

  /// Terms in memory that stays valid while `keeper` lives; `offsets` as in
  /// `Vocabulary.init(packedTerms:offsets:wordTermCount:indexImage:owner:)`, already checked.
  init(borrowing bytes: UnsafeRawBufferPointer, offsets: UnsafeRawBufferPointer, keeper: AnyObject) {
    borrowed = (bytes, offsets)
    self.keeper = keeper
    count = offsets.count / 8 - 1
  }

  /// The byte range of term `i` (0 ..< `count`).
  private func range(_ i: Int) -> Range<Int> {
    if let offsets { return offsets[i]..<offsets[i + 1] }
    let raw = borrowed!.offsets
    let start = raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
    let end = raw.loadUnaligned(fromByteOffset: 8 * i + 8, as: UInt64.self)
    return Int(UInt64(littleEndian: start))..<Int(UInt64(littleEndian: end))
  }

  /// Calls `body` with the packed bytes, wherever they are (not for terms made as `String`s).
  private func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let bytes { return bytes.withUnsafeBytes(body) }
    return body(borrowed!.bytes)
  }

  /// The terms as `String`s.
  func strings() -> [String] {
    lock.lock()
    defer { lock.unlock() }
    if let made { return made }
    var strings: [String] = []
    strings.reserveCapacity(count)
    withBytes { b in
      for i in 0..<count {
        strings.append(String(decoding: UnsafeRawBufferPointer(rebasing: b[range(i)]), as: UTF8.self))
      }
    }
    made = strings
    return strings
  }

  /// Term `i` as a `String`.
  func string(_ i: Int) -> String {
    lock.lock()
    defer { lock.unlock() }
    if let made { return made[i] }
    return withBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[range(i)]), as: UTF8.self) }
  }

  /// The terms packed back to back, with `count + 1` offsets.
  func packed() -> (bytes: [UInt8], offsets: [Int]) {
    lock.lock()
    defer { lock.unlock() }
    if let bytes, let offsets { return (bytes, offsets) }
    if let borrowed {
      let copied = (
        Array(borrowed.bytes), (0...count).map { i in i == count ? borrowed.bytes.count : range(i).lowerBound }
      )
      (bytes, offsets) = copied
      return copied
    }
    let strings = self.made!
    var packed: [UInt8] = []
    packed.reserveCapacity(strings.reduce(0) { $0 + $1.utf8.count })
    var ends = [0]
    ends.reserveCapacity(count + 1)
    for term in strings {
      packed.append(contentsOf: term.utf8)
      ends.append(packed.count)
    }
    (bytes, offsets) = (packed, ends)
    return (packed, ends)
  }
}
