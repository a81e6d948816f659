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
  private var charColumnsContiguous = true

  /// An empty index sized for about `wordTerms` word and `characterTerms` character n-grams.
  init(wordTerms: Int = 0, characterTerms: Int = 0) {
    // Distinct tokens are far fewer than terms once bigrams are in; a guess that saves rehashing.
    words = WordGramTable(tokens: max(1 << 10, wordTerms / 3), pairs: max(1 << 10, wordTerms))
    chars = TermTable(capacity: max(1 << 10, characterTerms))
    columnOfNode.reserveCapacity(wordTerms + wordTerms / 3)
    columnOfChar.reserveCapacity(characterTerms)
  }

  /// The index of `terms`, whose first `wordTermCount` are word n-grams: the same as adding
  /// every term in order, but the word and character halves are built at once on two threads
  /// (they share nothing), which halves the wait on first use of a loaded model.
  static func build(_ terms: [String], wordTermCount: Int) -> VocabularyIndex {
    var wordPart = VocabularyIndex(wordTerms: wordTermCount, characterTerms: 0)
    var charPart = VocabularyIndex(wordTerms: 0, characterTerms: terms.count - wordTermCount)
    func addAll(_ range: Range<Int>, kind: NGramKind, to index: inout VocabularyIndex) {
      for i in range {
        var term = terms[i]
        term.withUTF8 { _ = index.add(UnsafeRawBufferPointer($0), kind: kind, column: Int32(i)) }
      }
    }
    let words = 0..<wordTermCount
    let chars = wordTermCount..<terms.count
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

  /// Adds a term; false when a term of the same kind and bytes is already there.
  mutating func add(_ bytes: UnsafeRawBufferPointer, kind: NGramKind, column: Int32) -> Bool {
    switch kind {
    case .character:
      let hash = hashBytes(
        bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count, seed: TermTable.seed(.character))
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
      let seed = TermTable.seed(.word)
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
}
