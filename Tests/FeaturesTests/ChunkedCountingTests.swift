@testable import Features
import XCTest

/// The word-only fit counts documents in fixed chunks; the vocabulary, idf and matrix must not
/// depend on the chunk size or the thread count, and must equal `transform`'s rows.
final class ChunkedCountingTests: XCTestCase {
  func testAnyChunkSizeGivesTheSameFitAndMatrix() throws {
    var documents = try GoldenTfidfTests.sentences()
    // Documents without tokens, alone and as a whole chunk, and repeats across chunks.
    documents.insert("", at: 3)
    documents += ["...", "", "!!", ""] + documents[0..<40]
    for (pattern, range, minDF, maxFeatures) in [
      (TokenPattern.scikitLearn, 1...2, 2, nil), (.news, 1...3, 1, nil), (.news, 2...3, 1, 300),
      (.scikitLearn, 1...1, 3, nil),
    ] {
      let settings = FeatureSettings(
        tokenPattern: pattern, wordNGrams: range, charNGrams: nil, minDF: .count(minDF), maxFeatures: maxFeatures,
        sublinearTF: true)
      let whole = try XCTUnwrap(
        SortedWordCounting.fit(documents, settings: settings, threads: 1, keepRows: true, chunkSize: documents.count))
      let matrix = try XCTUnwrap(whole.matrix)
      XCTAssertEqual(matrix.rowCount, documents.count)
      XCTAssertEqual(whole.vectorizer.transform(documents, threads: 1), matrix, "\(pattern) \(range)")
      for (chunkSize, threads) in [(1, 1), (7, 2), (64, 3), (1000, 2)] {
        let chunked = try XCTUnwrap(
          SortedWordCounting.fit(documents, settings: settings, threads: threads, keepRows: true, chunkSize: chunkSize))
        XCTAssertEqual(chunked.vectorizer, whole.vectorizer, "\(pattern) \(range) chunks of \(chunkSize)")
        XCTAssertEqual(chunked.matrix, matrix, "\(pattern) \(range) chunks of \(chunkSize)")
        let fitOnly = try XCTUnwrap(
          SortedWordCounting.fit(documents, settings: settings, threads: threads, keepRows: false, chunkSize: chunkSize)
        )
        XCTAssertEqual(fitOnly.vectorizer, whole.vectorizer)
        XCTAssertNil(fitOnly.matrix)
      }
    }
  }

  func testNoTokensInAnyChunkIsAnEmptyVocabulary() {
    let settings = FeatureSettings(wordNGrams: 1...2, charNGrams: nil, minDF: .count(1))
    XCTAssertThrowsError(
      try SortedWordCounting.fit(["", "...", "!"], settings: settings, threads: 2, keepRows: true, chunkSize: 1)
    ) { XCTAssertEqual($0 as? FeaturesError, .emptyVocabulary) }
  }

  func testChunksAreAtMostTheLargestAndEvenPerThread() {
    XCTAssertEqual(SortedWordCounting.chunkSize(documents: 800_000, threads: 2), 57_143)
    for (documents, threads) in [(0, 2), (1, 4), (10, 3), (65_536, 1), (200_000, 2), (8_000_000, 2), (1_000_003, 7)] {
      let size = SortedWordCounting.chunkSize(documents: documents, threads: threads)
      XCTAssertGreaterThanOrEqual(size, 1)
      XCTAssertLessThanOrEqual(size, SortedWordCounting.largestChunk)
      let chunks = FixedChunks.ranges(count: documents, chunkSize: size).count
      if documents >= threads * SortedWordCounting.largestChunk { XCTAssertEqual(chunks % threads, 0, "\(documents)") }
    }
  }
}
