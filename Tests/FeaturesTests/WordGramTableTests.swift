import XCTest

@testable import Features

/// Word n-grams as chains of token ids: the nodes, their texts, lookups (also when token
/// hashes collide) and the round trip through the table's parts.
final class WordGramTableTests: XCTestCase {
  /// Inserts the n-gram `text` (tokens separated by single spaces) and returns its node.
  @discardableResult
  func insert(_ text: String, into table: inout WordGramTable, hash: ((String) -> UInt64)? = nil) -> Int32 {
    var node: Int32 = -1
    for token in text.split(separator: " ").map(String.init) {
      let (t, unigram) = Array(token.utf8).withUnsafeBytes { b in
        table.insertToken(b, hash: hash?(token) ?? hashBytes(b.baseAddress!, b.count, seed: TermTable.seed(.word)))
      }
      node = node < 0 ? unigram : table.extend(node, t)
    }
    return node
  }

  /// The node of `text`, or -1, by lookups only.
  func find(_ text: String, in table: WordGramTable, hash: ((String) -> UInt64)? = nil) -> Int32 {
    var node: Int32 = -1
    for token in text.split(separator: " ").map(String.init) {
      let t = Array(token.utf8).withUnsafeBytes { b in
        table.findToken(b, hash: hash?(token) ?? hashBytes(b.baseAddress!, b.count, seed: TermTable.seed(.word)))
      }
      if t < 0 { return -1 }
      node = node < 0 ? table.nodeOfToken[Int(t)] : table.findExtension(node, t)
      if node < 0 { return -1 }
    }
    return node
  }

  func text(of node: Int32, in table: WordGramTable) -> String {
    var bytes: [UInt8] = []
    table.appendBytes(of: node, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  let grams = [
    "cold war", "cold war mentality", "war", "bloc confrontation", "cold", "mentality cold war",
    "zürich café", "a", "a a", "a a a", "hegemony", "so-called hegemony", "war cold",
  ]

  func testNodesRebuildTheirTextAndAreFoundAgain() {
    var table = WordGramTable(tokens: 4, pairs: 4)
    var nodes: [String: Int32] = [:]
    for gram in grams { nodes[gram] = insert(gram, into: &table) }
    // Inserting again finds the same nodes and adds none.
    let count = table.nodeCount
    for gram in grams { XCTAssertEqual(insert(gram, into: &table), nodes[gram]) }
    XCTAssertEqual(table.nodeCount, count)
    for gram in grams {
      let node = nodes[gram]!
      XCTAssertEqual(text(of: node, in: table), gram)
      XCTAssertEqual(find(gram, in: table), node)
    }
    // Every prefix of an inserted n-gram is a node, and a node's prefix is an earlier node.
    XCTAssertEqual(text(of: table.prefixOfNode[Int(nodes["cold war mentality"]!)], in: table), "cold war")
    for i in 0..<table.nodeCount { XCTAssertLessThan(table.prefixOfNode[i], Int32(i)) }
    // Distinct n-grams have distinct nodes; word order matters.
    XCTAssertEqual(Set(nodes.values).count, grams.count)
    XCTAssertEqual(find("war mentality", in: table), -1)
    XCTAssertEqual(find("cold peace", in: table), -1)
    let trigram = Int(nodes["mentality cold war"]!)
    XCTAssertEqual(find("mentality", in: table), table.prefixOfNode[Int(table.prefixOfNode[trigram])])
    XCTAssertEqual(find("mentality cold", in: table), table.prefixOfNode[trigram])
    XCTAssertNotEqual(find("war cold", in: table), find("cold war", in: table))
  }

  func testCollidingTokenHashesStayApart() {
    // Every token hashed alike: one probe chain, told apart by length and bytes (short tokens
    // by their inline word, long ones by the arena, also when their first 8 bytes agree).
    let same: (String) -> UInt64 = { _ in 0xDEAD_BEEF_0000_0001 }
    let tokens = ["ab", "ba", "abc", "confrontation", "confrontatioN", "confront", "confronts", "x"]
    var table = WordGramTable(tokens: 4, pairs: 4)
    let nodes = tokens.map { insert($0, into: &table, hash: same) }
    XCTAssertEqual(Set(nodes).count, tokens.count)
    for (token, node) in zip(tokens, nodes) {
      XCTAssertEqual(find(token, in: table, hash: same), node)
      XCTAssertEqual(text(of: node, in: table), token)
    }
    XCTAssertEqual(find("confrontatioX", in: table, hash: same), -1)
    XCTAssertEqual(find("abd", in: table, hash: same), -1)
  }

  func testRoundTripThroughItsParts() {
    var table = WordGramTable(tokens: 2, pairs: 2)
    for gram in grams { insert(gram, into: &table) }
    let copy = WordGramTable(
      tokens: table.tokens, nodeOfToken: table.nodeOfToken, pairs: SlotWords(table.pairs.storage.array),
      prefixOfNode: table.prefixOfNode, lastTokenOfNode: table.lastTokenOfNode)
    XCTAssertNotNil(copy)
    for gram in grams {
      XCTAssertEqual(find(gram, in: copy!), find(gram, in: table))
      XCTAssertEqual(text(of: find(gram, in: copy!), in: copy!), gram)
    }
  }

  func testInconsistentPartsAreRefused() {
    var table = WordGramTable(tokens: 2, pairs: 2)
    for gram in grams { insert(gram, into: &table) }
    func make(nodeOfToken: [Int32]? = nil, prefixOfNode: [Int32]? = nil, lastTokenOfNode: [Int32]? = nil)
      -> WordGramTable?
    {
      WordGramTable(
        tokens: table.tokens, nodeOfToken: nodeOfToken ?? table.nodeOfToken, pairs: table.pairs.storage,
        prefixOfNode: prefixOfNode ?? table.prefixOfNode, lastTokenOfNode: lastTokenOfNode ?? table.lastTokenOfNode)
    }
    XCTAssertNotNil(make())
    // A prefix that is not an earlier node could make `appendBytes` recurse forever.
    var loop = table.prefixOfNode
    loop[1] = 1
    XCTAssertNil(make(prefixOfNode: loop))
    var badToken = table.lastTokenOfNode
    badToken[0] = Int32(table.tokens.count)
    XCTAssertNil(make(lastTokenOfNode: badToken))
    var badNode = table.nodeOfToken
    badNode[0] = Int32(table.nodeCount)
    XCTAssertNil(make(nodeOfToken: badNode))
    XCTAssertNil(make(nodeOfToken: Array(table.nodeOfToken.dropLast())))
  }
}
