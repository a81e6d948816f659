@testable import Features
import XCTest

/// Counting a block's n-gram keys by sorting every occurrence must give exactly what the
/// per-document hash tables give, and the bucket sort under it must sort and keep order.
final class SortedKeyOccurrencesTests: XCTestCase {
  /// Step 1 of the sorted fit on `documents`: block-local token ids.
  private func blockTokens(_ documents: [String], pattern: TokenPattern) -> BlockTokens {
    var block = BlockTokens()
    var analyzer = NGramAnalyzer(settings: FeatureSettings(tokenPattern: pattern, wordNGrams: 1...1))
    for document in documents {
      analyzer.load(document)
      analyzer.forEachToken { bytes, hash in block.stream.append(block.table.insert(bytes, kind: .word, hash: hash).id)
      }
      block.documentOffsets.append(block.stream.count)
    }
    return block
  }

  private func assertSame(_ a: BlockKeys, _ b: BlockKeys, _ message: String) {
    XCTAssertEqual(a.documentCount, b.documentCount, message)
    XCTAssertEqual(a.uniqueKeys, b.uniqueKeys, message)
    XCTAssertEqual(a.documentFrequency, b.documentFrequency, message)
    XCTAssertEqual(a.totalCount, b.totalCount, message)
    XCTAssertEqual(a.runStarts, b.runStarts, message)
    XCTAssertEqual(a.entries, b.entries, message)
  }

  func testSortingOccurrencesEqualsPerDocumentTables() throws {
    var documents = try GoldenTfidfTests.sentences()
    // Repeats inside a document, an empty one and a one-token one.
    documents += ["war war war war cold war cold war", "", "alone", "aa bb aa bb aa bb"]
    let tokens = blockTokens(documents, pattern: .news)
    XCTAssertGreaterThan(tokens.table.count, 1000)
    // Any distinct ranks from 1 work; reversed ids make key order differ from first sight.
    let ranks = (0..<tokens.table.count).map { UInt64(tokens.table.count - $0) }
    let bits = 64 - UInt64(tokens.table.count).leadingZeroBitCount
    for (minN, maxN) in [(1, 1), (1, 2), (2, 2), (2, 3), (1, 3)] {
      let keyBits = bits * maxN
      let expected = BlockKeys(tokens, ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits)
      let sorted = try XCTUnwrap(
        BlockKeys.bySortingOccurrences(tokens, ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits))
      assertSame(sorted, expected, "\(minN)...\(maxN)")
    }
  }

  func testNilWhenKeyAndDocumentDoNotFit() {
    let tokens = blockTokens(["aa bb cc", "dd ee", "ff"], pattern: .scikitLearn)
    let ranks = (0..<tokens.table.count).map { UInt64($0 + 1) }
    // 3 documents need 2 bits; 63 + 2 > 64.
    XCTAssertNil(BlockKeys.bySortingOccurrences(tokens, ranks: ranks, bits: 21, minN: 1, maxN: 3, keyBits: 63))
    XCTAssertNotNil(BlockKeys.bySortingOccurrences(tokens, ranks: ranks, bits: 20, minN: 1, maxN: 3, keyBits: 60))
  }

  func testSortBucketsSortsTheFieldAndIsStable() {
    var generator = SystemRandomNumberGenerator()
    for (count, shift, bits) in [(0, 3, 10), (1, 0, 5), (40, 8, 20), (3000, 13, 27), (20_000, 10, 36), (5000, 1, 9)] {
      // Field values in the middle, an increasing serial number below, noise above.
      let fieldMask = (UInt64(1) << UInt64(bits)) - 1
      var words: [UInt64] = (0..<count).map { i in
        let field = UInt64.random(in: 0...fieldMask, using: &generator) / 5
        return field << UInt64(shift) | UInt64(i) & ((UInt64(1) << UInt64(shift)) - 1)
      }
      // Two buckets (and an empty one) by the serial number's parity of the top half.
      let half = count / 2
      let field = { (w: UInt64) in (w >> UInt64(shift)) & fieldMask }
      var expected = Array(words[0..<half]).enumerated().sorted {
        field($0.element) != field($1.element) ? field($0.element) < field($1.element) : $0.offset < $1.offset
      }.map(\.element)
      expected += Array(words[half...]).enumerated().sorted {
        field($0.element) != field($1.element) ? field($0.element) < field($1.element) : $0.offset < $1.offset
      }.map(\.element)
      words.withUnsafeMutableBufferPointer {
        KeySorting.sortBuckets($0, bucketStart: [0, half, half, count], shift: shift, bits: bits)
      }
      XCTAssertEqual(words, expected, "\(count) \(shift) \(bits)")
    }
  }

  func testTokenOrderEqualsTermSorter() throws {
    var table = TermTable()
    var tokens = [
      "internationalization", "international", "internationale", "internat", "internal", "inter", "in", "i",
      "zz", "aaaaaaaaab", "aaaaaaaaa", "aaaaaaaa", "aaaaaaaab", "caf\u{e9}", "cafe", "\u{4e2d}\u{56fd}", "_x", "0a",
    ]
    tokens += try GoldenTfidfTests.sentences().flatMap { $0.lowercased().split(separator: " ").map(String.init) }
    for token in tokens {
      var t = token
      t.withUTF8 { b in
        let raw = UnsafeRawBufferPointer(b)
        _ = table.insert(raw, kind: .word, hash: hashBytes(raw.baseAddress!, raw.count, seed: TermTable.seed(.word)))
      }
    }
    XCTAssertGreaterThan(table.count, 1000)
    let expected = TermSorter.sortedOrder(
      arena: table.arena, offsets: table.offsets, wordCount: table.count, limit: nil, totals: [])
    XCTAssertEqual(TokenOrder.sorted(arena: table.arena, offsets: table.offsets), expected)
  }

  func testMergedCountsEqualDictionarySums() {
    var generator = SystemRandomNumberGenerator()
    var blocks: [BlockKeys] = []
    for size in [40_000, 50_000, 0, 30_000, 1] {
      var block = BlockKeys(documentCount: 1)
      block.uniqueKeys = Array(Set((0..<size).map { _ in UInt64.random(in: 1...200_000, using: &generator) })).sorted()
      block.documentFrequency = block.uniqueKeys.map { Int32($0 % 7 + 1) }
      block.totalCount = block.uniqueKeys.map { Int64($0 % 11 + 1) }
      blocks.append(block)
    }
    var expected: [UInt64: (Int64, Int64)] = [:]
    for block in blocks {
      for (u, key) in block.uniqueKeys.enumerated() {
        let old = expected[key] ?? (0, 0)
        expected[key] = (old.0 + Int64(block.documentFrequency[u]), old.1 + block.totalCount[u])
      }
    }
    for order in [Array(blocks.indices), Array(blocks.indices.reversed())] {
      var counts = SortedKeyCounts()
      for b in order { counts.merge(SortedKeyCounts(blocks[b])) }
      XCTAssertEqual(counts.keys, expected.keys.sorted())
      XCTAssertEqual(counts.documentFrequency, counts.keys.map { expected[$0]!.0 })
      XCTAssertEqual(counts.totalCount, counts.keys.map { expected[$0]!.1 })
    }
    // Columns: a key's place among the kept keys, -1 for the others.
    let columnKeys = expected.keys.sorted().enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
    let columnOfKey = Dictionary(uniqueKeysWithValues: columnKeys.enumerated().map { ($0.element, Int32($0.offset)) })
    for block in blocks {
      XCTAssertEqual(block.columns(in: columnKeys), block.uniqueKeys.map { columnOfKey[$0] ?? -1 })
    }
  }
}
