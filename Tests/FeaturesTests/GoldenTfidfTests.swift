import Features
import XCTest

/// Compares `TfidfVectorizer` with scikit-learn's on committed golden files
/// (made by tools/make-golden-features.sh; no Python needed here).
final class GoldenTfidfTests: XCTestCase {
  struct CSR: Decodable {
    var indptr: [Int]
    var indices: [Int32]
    var data: [Double]
  }

  struct Golden: Decodable {
    var documents: Int
    var vocabulary: [String]
    var idf: [Double]
    var rows: CSR?
    var rowsOfFirst100: CSR?
  }

  struct TokenCase: Decodable {
    var text: String
    var tokens: [String]
    var charWB1to4: [String]?
  }

  static func sentences() throws -> [String] {
    try FixtureFiles.text("golden_sentences.txt").split(separator: "\n", omittingEmptySubsequences: false)
      .dropLast().map(String.init)
  }

  static func golden(_ name: String) throws -> Golden {
    try JSONDecoder().decode(Golden.self, from: FixtureFiles.data(name))
  }

  private func assertMatches(
    _ matrix: SparseMatrix, _ expected: CSR, rows: Int, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(Array(matrix.rowOffsets[0...rows]), expected.indptr, "row offsets", file: file, line: line)
    let n = expected.indptr[rows]
    XCTAssertEqual(Array(matrix.columnIndices[0..<n]), expected.indices, "columns", file: file, line: line)
    var worst = 0.0
    for k in 0..<min(n, expected.data.count) where k < matrix.values.count {
      worst = max(worst, abs(Double(matrix.values[k]) - expected.data[k]))
    }
    XCTAssertLessThan(worst, 1e-6, "largest value difference", file: file, line: line)
  }

  private func assertIDF(_ idf: [Float], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(idf.count, expected.count, file: file, line: line)
    let worst = zip(idf, expected).map { abs(Double($0) - $1) }.max() ?? 0
    XCTAssertLessThan(worst, 1e-6, "largest idf difference", file: file, line: line)
  }

  func testWordUnigramsAndBigramsMatchScikitLearn() throws {
    let documents = try Self.sentences()
    let golden = try Self.golden("golden_tfidf_word.json")
    XCTAssertEqual(documents.count, golden.documents)
    XCTAssertGreaterThanOrEqual(documents.count, 300)
    let settings = FeatureSettings(
      tokenPattern: .scikitLearn, wordNGrams: 1...2, charNGrams: nil, minDF: .count(2), sublinearTF: true)
    let (vectorizer, matrix) = try TfidfVectorizer.fitTransform(documents, settings: settings, threads: 2)
    XCTAssertEqual(vectorizer.vocabulary.terms.map { Array($0.utf8) }, golden.vocabulary.map { Array($0.utf8) })
    XCTAssertEqual(vectorizer.vocabulary.wordTermCount, golden.vocabulary.count)
    guard vectorizer.vocabulary.count == golden.vocabulary.count else { return }
    assertIDF(vectorizer.idf, golden.idf)
    assertMatches(matrix, golden.rows!, rows: documents.count)
    XCTAssertEqual(vectorizer.transform(documents, threads: 1), matrix)
  }

  func testCharacterNGramsInWordBoundariesMatchScikitLearn() throws {
    let documents = try Self.sentences()
    let golden = try Self.golden("golden_tfidf_char.json")
    let settings = FeatureSettings(
      tokenPattern: .scikitLearn, wordNGrams: nil, charNGrams: 2...5, minDF: .count(2), sublinearTF: true)
    let vectorizer = try TfidfVectorizer.fit(documents, settings: settings, threads: 2)
    XCTAssertEqual(vectorizer.vocabulary.terms.map { Array($0.utf8) }, golden.vocabulary.map { Array($0.utf8) })
    XCTAssertEqual(vectorizer.vocabulary.wordTermCount, 0)
    guard vectorizer.vocabulary.count == golden.vocabulary.count else { return }
    assertIDF(vectorizer.idf, golden.idf)
    let matrix = vectorizer.transform(Array(documents[0..<100]), threads: 3)
    assertMatches(matrix, golden.rowsOfFirst100!, rows: 100)
  }

  func testScikitLearnTokenPatternMatchesPython() throws {
    let cases = try JSONDecoder().decode([TokenCase].self, from: FixtureFiles.data("golden_tokens.json"))
    XCTAssertGreaterThan(cases.count, 300)
    let tokenizer = Tokenizer(pattern: .scikitLearn)
    for c in cases {
      XCTAssertEqual(tokenizer.tokens(c.text).map { Array($0.utf8) }, c.tokens.map { Array($0.utf8) }, c.text)
    }
  }

  func testCharacterNGramsOfTrickyTextMatchPython() throws {
    let cases = try JSONDecoder().decode([TokenCase].self, from: FixtureFiles.data("golden_tokens.json"))
    let settings = FeatureSettings(tokenPattern: .scikitLearn, wordNGrams: nil, charNGrams: 1...4, sublinearTF: false)
    var checked = 0
    for c in cases {
      guard let grams = c.charWB1to4 else { continue }
      let vectorizer = try TfidfVectorizer.fit([c.text], settings: settings, threads: 1)
      // Compare bytes: Swift's String equality would merge "é" and "e\u{301}", Python's does not.
      var counts: [[UInt8]: Int] = [:]
      for g in grams { counts[Array(g.utf8), default: 0] += 1 }
      let expected = counts.keys.sorted { $0.lexicographicallyPrecedes($1) }
      let terms = vectorizer.vocabulary.terms.map { Array($0.utf8) }
      XCTAssertEqual(terms, expected, c.text)
      guard terms == expected else { continue }
      // Counts: with one document and raw tf, values are proportional to the n-gram counts.
      let matrix = vectorizer.transform([c.text], threads: 1)
      let row = matrix.row(0)
      let scale = Double(row.values.first!) / Double(counts[expected[Int(row.columns.first!)]]!)
      for (column, value) in zip(row.columns, row.values) {
        XCTAssertEqual(Double(value), scale * Double(counts[expected[Int(column)]]!), accuracy: 1e-6)
      }
      checked += 1
    }
    XCTAssertEqual(checked, 9)
  }
}
