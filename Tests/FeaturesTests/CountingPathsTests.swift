@testable import Features
import XCTest

/// The sorted-key fit (word n-grams alone) and the general hashed fit must choose the same
/// vocabulary and idf; the general path is otherwise only used with character n-grams.
final class CountingPathsTests: XCTestCase {
  func testSortedAndHashedCountingAgree() throws {
    let documents = try GoldenTfidfTests.sentences()
    for (pattern, range, minDF, maxFeatures) in [
      (TokenPattern.scikitLearn, 1...2, 2, nil), (.news, 1...3, 1, nil), (.news, 2...3, 1, 500),
      (.scikitLearn, 1...1, 3, 100),
    ] {
      let settings = FeatureSettings(
        tokenPattern: pattern, wordNGrams: range, charNGrams: nil, minDF: .count(minDF), maxFeatures: maxFeatures,
        sublinearTF: true)
      let fast = try TfidfVectorizer.fit(documents, settings: settings, threads: 2)
      // The general path, on three blocks of documents.
      let blocks = [0..<100, 100..<250, 250..<documents.count].map {
        TermCounts(documents: documents, range: $0, settings: settings, keepRows: false)
      }
      let selection = try VocabularySelection(blocks: blocks, documentCount: documents.count, settings: settings)
      XCTAssertEqual(fast.vocabulary, selection.vocabulary, "\(pattern) \(range)")
      let n = Double(documents.count)
      let idf = selection.documentFrequency.map { Float(log((1 + n) / (1 + Double($0))) + 1) }
      XCTAssertEqual(fast.idf, idf)
      if let maxFeatures { XCTAssertEqual(fast.vocabulary.count, maxFeatures) }
    }
  }

  func testRadixSortIsSortedAndStable() {
    var generator = SystemRandomNumberGenerator()
    for (count, bits) in [(0, 10), (1, 5), (1000, 7), (50_000, 34), (20_000, 9), (30_000, 20)] {
      var keys = (0..<count).map { _ in UInt64.random(in: 0..<(UInt64(1) << UInt64(bits)), using: &generator) / 3 }
      var payload = (0..<UInt64(count)).map { $0 }
      let expected = zip(keys, payload).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
      KeySorting.radixSort(keys: &keys, payload: &payload, bits: bits)
      XCTAssertEqual(keys, expected.map(\.0), "\(count) \(bits)")
      XCTAssertEqual(payload, expected.map(\.1), "\(count) \(bits)")
    }
    var small: [UInt64] = [5, 3, 9, 3, 1, 0, 7]
    small.withUnsafeMutableBufferPointer { KeySorting.sort($0) }
    XCTAssertEqual(small, [0, 1, 3, 3, 5, 7, 9])
  }
}
