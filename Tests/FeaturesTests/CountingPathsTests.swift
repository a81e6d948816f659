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
        tokenPattern: pattern, wordNGrams: range, minDF: .count(minDF), maxFeatures: maxFeatures, sublinearTF: true)
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
}
