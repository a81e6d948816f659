import XCTest

@testable import Features

/// The dense column tally and the word-column cache behind `transform`: same terms as the
/// sorted path, in column order, and a cache that starts over when full.
final class ColumnTallyTests: XCTestCase {
  /// Drained entries come in increasing column order with their counts, and the tally is
  /// empty afterwards (the next document starts from zero).
  func testDrainIsOrderedCountedAndResets() {
    let tally = ColumnTally(columnCount: 70_000)
    let counter = tally.counter
    for column: Int32 in [69_999, 5, 4096, 5, 63, 64, 0, 4095, 69_999, 5] { counter.bump(column) }
    var n = counter.drain(into: tally.packed)
    let drained = (0..<n).map { (Int32(tally.packed[$0] >> 32), Int32(truncatingIfNeeded: tally.packed[$0])) }
    XCTAssertEqual(drained.map(\.0), [0, 5, 63, 64, 4095, 4096, 69_999])
    XCTAssertEqual(drained.map(\.1), [1, 3, 1, 1, 1, 1, 2])
    XCTAssertEqual(counter.drain(into: tally.packed), 0)
    counter.bump(7)
    n = counter.drain(into: tally.packed)
    XCTAssertEqual(n, 1)
    XCTAssertEqual(tally.packed[0], 7 << 32 | 1)
  }

  /// Counts past 255 (kept in one byte a column, wraps counted apart) drain whole, and the
  /// next document starts from zero.
  func testCountsPastOneByteDrainWhole() {
    let tally = ColumnTally(columnCount: 5000)
    let counter = tally.counter
    for _ in 0..<256 { counter.bump(4) }
    for _ in 0..<700 { counter.bump(4999) }
    for _ in 0..<255 { counter.bump(17) }
    counter.bump(0)
    var n = counter.drain(into: tally.packed)
    let expected: [UInt64] = [0 << 32 | 1, 4 << 32 | 256, 17 << 32 | 255, 4999 << 32 | 700]
    XCTAssertEqual((0..<n).map { tally.packed[$0] }, expected)
    for _ in 0..<3 { counter.bump(4) }
    counter.bump(4999)
    n = counter.drain(into: tally.packed)
    let next: [UInt64] = [4 << 32 | 3, 4999 << 32 | 1]
    XCTAssertEqual((0..<n).map { tally.packed[$0] }, next)
  }

  /// The dense tally and the sorted list (for vocabularies too large for a tally) give the
  /// same terms for every document.
  func testDenseAndSortedPathsAgree() throws {
    let documents = [
      "The alliance met in Manila; the alliance agreed, the alliance said.",
      "Beijing said the drills were routine. The drills ended.",
      "Café naïve façade — the alliance, the drills, Manila again.",
      "",
    ]
    let settings = FeatureSettings(wordNGrams: 1...2, charNGrams: 2...5, minDF: .count(1))
    let fitted = try TfidfVectorizer.fit(documents, settings: settings, threads: 1)
    let vocabulary = fitted.vocabulary
    func terms(denseLimit: Int) -> [[UInt64]] {
      var counter = DocumentTermCounter(
        settings: settings, index: vocabulary.index, columnCount: vocabulary.count,
        denseLimit: denseLimit)
      return documents.map { document in
        var out: [UInt64] = []
        counter.count(document) { out = Array($0) }
        return out
      }
    }
    let dense = terms(denseLimit: Int.max)
    XCTAssertEqual(dense, terms(denseLimit: 0))
    XCTAssertFalse(dense[0].isEmpty)
    XCTAssertTrue(dense[3].isEmpty)
    for row in dense { XCTAssertEqual(row, row.sorted()) }
  }

  /// At `maxWords` words the cache forgets the old words and keeps the new one's columns.
  func testWordCacheStartsOverWhenFull() {
    var cache = WordColumnCache()
    func add(_ text: String, columns: [Int32]) {
      let word = Array(text.utf8)
      word.withUnsafeBytes { bytes in
        for c in columns { cache.append(c) }
        cache.finishWord(bytes, hash: WordColumnCache.hash(bytes))
      }
    }
    func columns(_ text: String) -> [Int32]? {
      let word = Array(text.utf8)
      return word.withUnsafeBytes { bytes in
        cache.find(bytes, hash: WordColumnCache.hash(bytes)).map { Array(cache.columns[$0]) }
      }
    }
    for i in 0..<WordColumnCache.maxWords { add(" w\(i) ", columns: [Int32(i), 1]) }
    XCTAssertEqual(cache.count, WordColumnCache.maxWords)
    XCTAssertEqual(columns(" w0 "), [0, 1])
    add(" new ", columns: [5, 6, 7])
    XCTAssertEqual(cache.count, 1)
    XCTAssertNil(columns(" w0 "))
    XCTAssertEqual(columns(" new "), [5, 6, 7])
    add(" next ", columns: [8])
    XCTAssertEqual(columns(" next "), [8])
    XCTAssertEqual(columns(" new "), [5, 6, 7])
    // Longer words than `maxBytes` are not kept; the words around them are.
    let long = " " + String(repeating: "x", count: WordColumnCache.maxBytes) + " "
    add(long, columns: [9, 10])
    XCTAssertNil(columns(long))
    add(" after ", columns: [11])
    XCTAssertEqual(columns(" after "), [11])
    XCTAssertEqual(columns(" next "), [8])
    // Words sharing their first 8 or 16 bytes stay apart.
    add(" alliances ", columns: [12])
    add(" alliance ", columns: [13])
    add(" alliancesxyz ", columns: [14])
    XCTAssertEqual(columns(" alliances "), [12])
    XCTAssertEqual(columns(" alliance "), [13])
    XCTAssertEqual(columns(" alliancesxyz "), [14])
    XCTAssertNil(columns(" alliancesxy "))
  }
}
