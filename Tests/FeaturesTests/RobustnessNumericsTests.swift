import XCTest

@testable import Features

/// Size limits and degenerate inputs of the feature pipeline: errors, never traps.
final class RobustnessNumericsTests: XCTestCase {
  /// Row offsets are `Int` (no 2^31 non-zero limit); column indices are `Int32`, so the column
  /// count is checked when a matrix is built from parts and when a vocabulary is chosen.
  func testColumnLimitThrowsInsteadOfTrapping() throws {
    let offsets: [Int] = SparseMatrix(columnCount: 3).rowOffsets  // compile-time: offsets are Int
    XCTAssertEqual(offsets, [0])
    XCTAssertThrowsError(
      try SparseMatrix(columnCount: Int(Int32.max) + 1, rowOffsets: [0], columnIndices: [], values: [])
    ) { XCTAssertEqual($0 as? SparseMatrix.ValidationError, .tooManyColumns) }
    XCTAssertNoThrow(try SparseMatrix(columnCount: Int(Int32.max), rowOffsets: [0], columnIndices: [], values: []))
    XCTAssertThrowsError(
      try SparseMatrix(columnCount: 2, rowOffsets: [0, 1], columnIndices: [2], values: [1])
    ) { XCTAssertEqual($0 as? SparseMatrix.ValidationError, .badColumn(row: 0)) }
    // The vocabulary guard, run before any term id becomes an Int32.
    XCTAssertNoThrow(try VocabularySelection.checkTermCount(Int(Int32.max)))
    XCTAssertThrowsError(try VocabularySelection.checkTermCount(Int(Int32.max) + 1)) { error in
      guard case .invalidSettings(let text)? = error as? FeaturesError else { return XCTFail("\(error)") }
      XCTAssertTrue(text.contains("distinct terms"), text)
    }
  }

  func testRowsEmptyAfterMinDFAreZeroRowsNotNaN() throws {
    let documents = ["apple pie", "apple tart", "qqq", "", "   ", "zebra apple"]
    var settings = FeatureSettings(wordNGrams: 1...1, charNGrams: nil)
    settings.minDF = .count(2)
    let vectorizer = try TfidfVectorizer.fit(documents, settings: settings, threads: 2)
    XCTAssertEqual(vectorizer.vocabulary.terms, ["apple"])
    let x = vectorizer.transform(documents + ["no known words"], threads: 2)
    XCTAssertEqual(x.rowCount, 7)
    XCTAssertTrue(x.values.allSatisfy(\.isFinite))
    for row in [2, 3, 4, 6] { XCTAssertEqual(x.rowOffsets[row + 1] - x.rowOffsets[row], 0, "row \(row)") }
  }

  func testAllEmptyOrFilteredDocumentsThrow() {
    var settings = FeatureSettings(wordNGrams: 1...1, charNGrams: nil)
    XCTAssertThrowsError(try TfidfVectorizer.fit([], settings: settings, threads: 1)) {
      XCTAssertEqual($0 as? FeaturesError, .noDocuments)
    }
    XCTAssertThrowsError(try TfidfVectorizer.fit(["", " \n", "!!"], settings: settings, threads: 1)) {
      XCTAssertEqual($0 as? FeaturesError, .emptyVocabulary)
    }
    settings.minDF = .count(2)
    XCTAssertThrowsError(try TfidfVectorizer.fit(["uno", "dos", "tres"], settings: settings, threads: 1)) {
      XCTAssertEqual($0 as? FeaturesError, .emptyVocabulary)
    }
  }

  func testOddTextsSplitAndTokenizeWithoutTrapping() {
    let splitter = SentenceSplitter()
    let tokenizer = Tokenizer(pattern: .news)
    let texts = [
      "", " ", "\n\n\n", "...", "?!?!", "\u{FFFD}\u{FFFD}", String(repeating: "a", count: 100_000),
      String(repeating: ". ", count: 10_000), "\u{0}\u{1}\u{7F}", "e\u{301}\u{301}\u{301}", "🇺🇸🇨🇳 flags.",
    ]
    for text in texts {
      let spans = splitter.split(text)
      for span in spans {
        XCTAssertTrue(span.lowerBound >= 0 && span.lowerBound < span.upperBound && span.upperBound <= text.utf8.count)
      }
      _ = tokenizer.tokens(text)
    }
    XCTAssertEqual(splitter.split(String(repeating: "a", count: 100_000)), [0..<100_000])
  }
}
