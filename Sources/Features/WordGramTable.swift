/// Word n-grams as chains of ids, so that counting a bigram or trigram never builds its text.
///
/// Every distinct token gets a token id (its bytes live in `tokens`) and a node; an n-gram's
/// node is found from its (n-1)-gram prefix node and its last token id through an integer
/// pair table. A node's text is rebuilt (tokens joined by single spaces, as scikit-learn joins
/// them) only for the terms that end up in the vocabulary.
struct WordGramTable: Sendable {
  private(set) var tokens: TermTable
  /// Node of the unigram of each token id.
  private(set) var nodeOfToken: [Int32] = []
  private(set) var pairs: IntPairTable
  /// For each node: its prefix node (-1 for a unigram) and its last token id.
  private(set) var prefixOfNode: [Int32] = []
  private(set) var lastTokenOfNode: [Int32] = []

  var nodeCount: Int { prefixOfNode.count }

  /// An empty table sized for about `tokens` distinct tokens and `pairs` n-grams of 2+ tokens.
  init(tokens: Int = 1 << 12, pairs: Int = 1 << 14) {
    self.tokens = TermTable(capacity: tokens)
    self.pairs = IntPairTable(capacity: pairs)
    nodeOfToken.reserveCapacity(tokens)
    prefixOfNode.reserveCapacity(tokens + pairs)
    lastTokenOfNode.reserveCapacity(tokens + pairs)
  }

  /// A table from the parts of another (see `VocabularyIndex.image`), or nil when they are
  /// inconsistent: node and token ids out of range, or a prefix that is not an earlier node.
  init?(
    tokens: TermTable, nodeOfToken: [Int32], pairs: SlotWords, prefixOfNode: [Int32], lastTokenOfNode: [Int32]
  ) {
    let nodes = prefixOfNode.count
    guard nodeOfToken.count == tokens.count, lastTokenOfNode.count == nodes,
      let pairs = IntPairTable(storage: pairs, valueLimit: nodes)
    else { return nil }
    for node in nodeOfToken where node < 0 || Int(node) >= nodes { return nil }
    for i in 0..<nodes where prefixOfNode[i] < -1 || Int(prefixOfNode[i]) >= i {
      return nil
    }
    for t in lastTokenOfNode where t < 0 || Int(t) >= tokens.count { return nil }
    self.tokens = tokens
    self.nodeOfToken = nodeOfToken
    self.pairs = pairs
    self.prefixOfNode = prefixOfNode
    self.lastTokenOfNode = lastTokenOfNode
  }

  /// The token id and unigram node of the token with these bytes, inserting it if new.
  @inline(__always)
  mutating func insertToken(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> (token: Int32, node: Int32) {
    let (token, inserted) = tokens.insert(bytes, kind: .word, hash: hash)
    if inserted {
      let node = Int32(prefixOfNode.count)
      nodeOfToken.append(node)
      prefixOfNode.append(-1)
      lastTokenOfNode.append(token)
      return (token, node)
    }
    return (token, nodeOfToken[Int(token)])
  }

  /// The token id of these bytes, or -1.
  @inline(__always)
  func findToken(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
    tokens.find(bytes, kind: .word, hash: hash)
  }

  /// The node of `prefix` followed by `token`, inserting it if new.
  @inline(__always)
  mutating func extend(_ prefix: Int32, _ token: Int32) -> Int32 {
    let node = Int32(prefixOfNode.count)
    let (found, inserted) = pairs.insert(IntPairTable.key(prefix, token), value: node)
    if inserted {
      prefixOfNode.append(prefix)
      lastTokenOfNode.append(token)
    }
    return found
  }

  /// The node of `prefix` followed by `token`, or -1.
  @inline(__always)
  func findExtension(_ prefix: Int32, _ token: Int32) -> Int32 {
    pairs.find(IntPairTable.key(prefix, token))
  }

  /// Appends the text of `node` (tokens joined by single spaces) to `out`.
  func appendBytes(of node: Int32, to out: inout [UInt8]) {
    let prefix = prefixOfNode[Int(node)]
    if prefix >= 0 {
      appendBytes(of: prefix, to: &out)
      out.append(0x20)
    }
    out.append(contentsOf: tokens.bytes(of: Int(lastTokenOfNode[Int(node)])))
  }
}
