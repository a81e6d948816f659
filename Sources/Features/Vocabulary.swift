/// The terms (n-grams) a vectorizer knows, in column order.
///
/// Word n-grams come first, sorted by their UTF-8 bytes (Unicode scalar order, as Python sorts
/// strings, so columns match scikit-learn's one for one); then character n-grams, sorted the
/// same way. `wordTermCount` marks the boundary, since a word and a character n-gram may be
/// spelled alike.
public struct Vocabulary: Equatable, Sendable {
  /// All terms; column `i` is `terms[i]`.
  public private(set) var terms: [String]
  /// `terms[0 ..< wordTermCount]` are word n-grams, the rest character n-grams.
  public let wordTermCount: Int
  let table: TermTable
  /// Column of each table id when `terms` held duplicates; empty when ids are columns.
  let columnOfID: [Int32]

  /// Builds a vocabulary from terms in column order.
  /// - Parameters:
  ///   - terms: word n-grams then character n-grams; should hold no duplicate within a kind
  ///     (a duplicate is kept as a column, but lookups find its first column).
  ///   - wordTermCount: how many leading terms are word n-grams, 0 ... `terms.count`;
  ///     nil means all of them.
  public init(terms: [String], wordTermCount: Int? = nil) {
    let words = min(max(wordTermCount ?? terms.count, 0), terms.count)
    var table = TermTable(capacity: terms.count)
    var columnOfID: [Int32] = []
    var hasDuplicates = false
    for (i, term) in terms.enumerated() {
      var term = term
      let kind: NGramKind = i < words ? .word : .character
      term.withUTF8 { bytes in
        let raw = UnsafeRawBufferPointer(bytes)
        let hash = hashBytes(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, raw.count, seed: TermTable.seed(kind))
        let (id, inserted) = table.insert(raw, kind: kind, hash: hash)
        if inserted {
          columnOfID.append(Int32(i))
        } else {
          hasDuplicates = true
          _ = id
        }
      }
    }
    self.terms = terms
    self.wordTermCount = words
    self.table = table
    self.columnOfID = hasDuplicates ? columnOfID : []
  }

  /// Internal: `table` ids must equal term positions (no duplicates).
  init(terms: [String], wordTermCount: Int, table: TermTable) {
    self.terms = terms
    self.wordTermCount = wordTermCount
    self.table = table
    self.columnOfID = []
  }

  /// Number of terms (columns).
  public var count: Int { terms.count }

  /// The column of `term`: a word n-gram if there is one spelled so, else a character n-gram.
  public func index(of term: String) -> Int32? {
    index(of: term, kind: .word) ?? index(of: term, kind: .character)
  }

  /// The column of `term` among the n-grams of `kind`, or nil.
  public func index(of term: String, kind: NGramKind) -> Int32? {
    var term = term
    let id = term.withUTF8 { bytes -> Int32 in
      let raw = UnsafeRawBufferPointer(bytes)
      let hash = hashBytes(raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, raw.count, seed: TermTable.seed(kind))
      return table.find(raw, kind: kind, hash: hash)
    }
    guard id >= 0 else { return nil }
    return columnOfID.isEmpty ? id : columnOfID[Int(id)]
  }

  /// Whether column `column` (0 ..< `count`) is a word or a character n-gram.
  public func kind(of column: Int32) -> NGramKind { Int(column) < wordTermCount ? .word : .character }

  /// Vocabularies are equal when they list the same terms with the same boundary.
  public static func == (a: Vocabulary, b: Vocabulary) -> Bool {
    a.wordTermCount == b.wordTermCount && a.terms == b.terms
  }
}
