import Dispatch

/// Finds the column of an n-gram given as token ids or bytes; what `transform` looks up.
struct VocabularyIndex: Sendable {
  private(set) var words: WordGramTable
  /// Column of each word node, or -1 for a node that is only a prefix of a kept n-gram.
  private(set) var columnOfNode: [Int32] = []
  private(set) var chars: TermTable
  private(set) var columnOfChar: [Int32] = []
  /// When every character n-gram's column is `firstCharColumn + id` (the usual case: distinct
  /// terms added in column order), `transform` computes the column instead of loading it from
  /// `columnOfChar`, which saves one cache miss per n-gram; otherwise -1.
  private(set) var firstCharColumn: Int32 = -1
  private(set) var charColumnsContiguous = true

  /// An empty index sized for about `wordTerms` word and `characterTerms` character n-grams,
  /// each table for at least `minimumCapacity` entries.
  init(wordTerms: Int = 0, characterTerms: Int = 0, minimumCapacity: Int = 1 << 10) {
    // Distinct tokens are far fewer than terms once bigrams are in; a guess that saves rehashing.
    words = WordGramTable(
      tokens: max(minimumCapacity, wordTerms / 3), pairs: max(minimumCapacity, wordTerms))
    chars = TermTable(capacity: max(minimumCapacity, characterTerms))
    columnOfNode.reserveCapacity(wordTerms + wordTerms / 3)
    columnOfChar.reserveCapacity(characterTerms)
  }

  /// An index from the parts of another (see `image`), or nil when they are inconsistent
  /// with each other or with a vocabulary of `columnCount` columns.
  init?(
    words: WordGramTable, columnOfNode: [Int32], chars: TermTable, columnOfChar: [Int32],
    firstCharColumn: Int32, charColumnsContiguous: Bool, columnCount: Int
  ) {
    guard columnOfNode.count == words.nodeCount, columnOfChar.count == chars.count else { return nil }
    for c in columnOfNode where c < -1 || Int(c) >= columnCount { return nil }
    for c in columnOfChar where c < 0 || Int(c) >= columnCount { return nil }
    if firstCharColumn >= 0 {
      guard charColumnsContiguous, Int(firstCharColumn) + chars.count <= columnCount else { return nil }
    } else {
      guard firstCharColumn == -1 else { return nil }
    }
    self.words = words
    self.columnOfNode = columnOfNode
    self.chars = chars
    self.columnOfChar = columnOfChar
    self.firstCharColumn = firstCharColumn
    self.charColumnsContiguous = charColumnsContiguous
  }

  /// The index of the terms packed in `bytes` (term `i` is `bytes[offsets[i] ..< offsets[i + 1]]`),
  /// whose first `wordTermCount` are word n-grams: the same as adding every term in order, but
  /// the word and character halves are built at once on two threads (they share nothing),
  /// which halves the wait on first use of a vocabulary that has no stored index. `scheme` is
  /// what the terms are filed under: only a test of a foreign index passes another than `current`.
  static func build(bytes: [UInt8], offsets: [Int], wordTermCount: Int, scheme: HashScheme = .current)
    -> VocabularyIndex
  {
    let termCount = offsets.count - 1
    // Sized for the known counts, so that a small vocabulary's index image stays small.
    var wordPart = VocabularyIndex(wordTerms: wordTermCount, characterTerms: 0, minimumCapacity: 8)
    var charPart = VocabularyIndex(wordTerms: 0, characterTerms: termCount - wordTermCount, minimumCapacity: 8)
    func addAll(_ range: Range<Int>, kind: NGramKind, to index: inout VocabularyIndex) {
      bytes.withUnsafeBytes { b in
        for i in range {
          let term = UnsafeRawBufferPointer(rebasing: b[offsets[i]..<offsets[i + 1]])
          _ = index.add(term, kind: kind, column: Int32(i), scheme: scheme)
        }
      }
    }
    let words = 0..<wordTermCount
    let chars = wordTermCount..<termCount
    if words.count < 4096 || chars.count < 4096 {
      addAll(words, kind: .word, to: &wordPart)
      addAll(chars, kind: .character, to: &charPart)
    } else {
      withUnsafeMutablePointer(to: &wordPart) { w in
        withUnsafeMutablePointer(to: &charPart) { c in
          // Each thread writes only its own half.
          DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
              addAll(words, kind: .word, to: &w.pointee)
            } else {
              addAll(chars, kind: .character, to: &c.pointee)
            }
          }
        }
      }
    }
    wordPart.chars = charPart.chars
    wordPart.columnOfChar = charPart.columnOfChar
    wordPart.firstCharColumn = charPart.firstCharColumn
    wordPart.charColumnsContiguous = charPart.charColumnsContiguous
    return wordPart
  }

  /// Adds a term, filed under `scheme` (lookups find it only under `HashScheme.current`); false
  /// when a term of the same kind and bytes is already there.
  mutating func add(
    _ bytes: UnsafeRawBufferPointer, kind: NGramKind, column: Int32, scheme: HashScheme = .current
  ) -> Bool {
    switch kind {
    case .character:
      let hash = hashBytes(
        bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count, seed: scheme.seed(.character))
      let (id, inserted) = chars.insert(bytes, kind: .character, hash: hash)
      if inserted {
        if columnOfChar.isEmpty { firstCharColumn = column }
        if charColumnsContiguous && Int(column) != Int(columnOfChar.first ?? column) + Int(id) {
          charColumnsContiguous = false
          firstCharColumn = -1
        }
        columnOfChar.append(column)
      } else if charColumnsContiguous {
        // A duplicate takes a column of its own that lookups never return.
        charColumnsContiguous = false
        firstCharColumn = -1
      }
      return inserted
    case .word:
      var node: Int32 = -1
      var start = 0
      let seed = scheme.seed(.word)
      let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
      for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
        let token = UnsafeRawBufferPointer(start: base + start, count: i - start)
        let (t, unigram) = words.insertToken(token, hash: hashBytes(base + start, i - start, seed: seed))
        node = node < 0 ? unigram : words.extend(node, t)
        start = i + 1
      }
      if columnOfNode.count < words.nodeCount {
        columnOfNode.append(contentsOf: repeatElement(-1, count: words.nodeCount - columnOfNode.count))
      }
      guard columnOfNode[Int(node)] < 0 else { return false }
      columnOfNode[Int(node)] = column
      return true
    }
  }

  /// The column of a term given as bytes, or -1.
  func column(of bytes: UnsafeRawBufferPointer, kind: NGramKind) -> Int32 {
    let base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
    switch kind {
    case .character:
      let id = chars.find(bytes, kind: .character, hash: hashBytes(base, bytes.count, seed: TermTable.seed(.character)))
      return id < 0 ? -1 : columnOfChar[Int(id)]
    case .word:
      var node: Int32 = -1
      var start = 0
      let seed = TermTable.seed(.word)
      for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
        let token = UnsafeRawBufferPointer(start: base + start, count: i - start)
        let t = words.findToken(token, hash: hashBytes(base + start, i - start, seed: seed))
        if t < 0 { return -1 }
        node = node < 0 ? words.nodeOfToken[Int(t)] : words.findExtension(node, t)
        if node < 0 { return -1 }
        start = i + 1
      }
      return columnOfNode[Int(node)]
    }
  }

  /// Whether lookups in this index find its terms, checked on up to `samples` terms of each
  /// kind spread over the columns (first and last among them): `term(i)` gives column `i`'s
  /// bytes, the first `wordTermCount` of `count` being word n-grams. An index filed under
  /// another `HashScheme` than this build's (a stored index from a build whose `hashBytes` or
  /// seeds differ) fails, since every lookup then misses; it must be built afresh.
  func findsTerms(count: Int, wordTermCount: Int, samples: Int = 8, term: (Int) -> UnsafeRawBufferPointer) -> Bool {
    for (range, kind) in [(0..<wordTermCount, NGramKind.word), (wordTermCount..<count, .character)] {
      let n = min(samples, range.count)
      for s in 0..<n {
        let i = range.lowerBound + (n == 1 ? 0 : (range.count - 1) * s / (n - 1))
        let bytes = term(i)
        let found = Int(column(of: bytes, kind: kind))
        // A term listed twice answers with its first column.
        guard found == i || (found >= 0 && found < i && term(found).elementsEqual(bytes)) else { return false }
      }
    }
    return true
  }
}
