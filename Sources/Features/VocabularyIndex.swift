/// Finds the column of an n-gram given as token ids or bytes; what `transform` looks up.
struct VocabularyIndex: Sendable {
  private(set) var words: WordGramTable
  /// Column of each word node, or -1 for a node that is only a prefix of a kept n-gram.
  private(set) var columnOfNode: [Int32] = []
  private(set) var chars: TermTable
  private(set) var columnOfChar: [Int32] = []

  /// An empty index sized for about `wordTerms` word and `characterTerms` character n-grams.
  init(wordTerms: Int = 0, characterTerms: Int = 0) {
    // Distinct tokens are far fewer than terms once bigrams are in; a guess that saves rehashing.
    words = WordGramTable(tokens: max(1 << 10, wordTerms / 3), pairs: max(1 << 10, wordTerms))
    chars = TermTable(capacity: max(1 << 10, characterTerms))
    columnOfNode.reserveCapacity(wordTerms + wordTerms / 3)
    columnOfChar.reserveCapacity(characterTerms)
  }

  /// Adds a term; false when a term of the same kind and bytes is already there.
  mutating func add(_ bytes: UnsafeRawBufferPointer, kind: NGramKind, column: Int32) -> Bool {
    switch kind {
    case .character:
      let hash = hashBytes(
        bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count, seed: TermTable.seed(.character))
      let (id, inserted) = chars.insert(bytes, kind: .character, hash: hash)
      if inserted { columnOfChar.append(column) }
      _ = id
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
