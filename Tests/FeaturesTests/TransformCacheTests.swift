import XCTest

@testable import Features

/// `transform` keeps a per-thread cache of each word's character n-gram columns between calls;
/// these check that the cache never changes a result.
final class TransformCacheTests: XCTestCase {
  private let documents = [
    "The alliance met in Manila; the alliance agreed.",
    "Beijing said the drills were routine. The drills ended.",
    "Café naïve façade — the alliance, the drills, Manila again.",
  ]

  /// Many small calls (warm cache) give the same bits as one call on a fresh vectorizer.
  func testRepeatedSmallCallsMatchOneCall() throws {
    let settings = FeatureSettings(wordNGrams: 1...2, charNGrams: 2...5, minDF: .count(1))
    let fitted = try TfidfVectorizer.fit(documents, settings: settings, threads: 1)
    let whole = fitted.transform(documents, threads: 1)
    for _ in 0..<3 {
      for (d, text) in documents.enumerated() {
        let row = fitted.transform([text], threads: 1)
        let a = whole.rowOffsets[d]..<whole.rowOffsets[d + 1]
        XCTAssertEqual(row.columnIndices, Array(whole.columnIndices[a]))
        XCTAssertEqual(row.values, Array(whole.values[a]))
      }
    }
    let rebuilt = TfidfVectorizer(
      settings: settings,
      vocabulary: Vocabulary(terms: fitted.vocabulary.terms, wordTermCount: fitted.vocabulary.wordTermCount),
      idf: fitted.idf)
    XCTAssertEqual(rebuilt.transform(documents, threads: 2), whole)
  }

  /// Two vocabularies used alternately on one thread never see each other's cached columns.
  func testVocabulariesDoNotShareCachedColumns() throws {
    let settings = FeatureSettings(wordNGrams: nil, charNGrams: 2...3, minDF: .count(1))
    let first = try TfidfVectorizer.fit([documents[0]], settings: settings, threads: 1)
    let second = try TfidfVectorizer.fit([documents[1], documents[2]], settings: settings, threads: 1)
    let expectedFirst = first.transform([documents[2]], threads: 1)
    let expectedSecond = second.transform([documents[0]], threads: 1)
    for _ in 0..<2 {
      XCTAssertEqual(second.transform([documents[0]], threads: 1), expectedSecond)
      XCTAssertEqual(first.transform([documents[2]], threads: 1), expectedFirst)
    }
    XCTAssertNotEqual(expectedFirst.columnIndices, expectedSecond.columnIndices)
  }
}
