import Features
import XCTest

final class TfidfVectorizerTests: XCTestCase {
  private let documents = [
    "The alliance will deter aggression.",
    "China opposes bloc confrontation and Cold War mentality.",
    "The alliance faces divergent interests.",
    "Officials met on Monday; the alliance met again.",
    "Cold War mentality harms the region.",
  ]

  private func settings(
    _ pattern: TokenPattern = .scikitLearn, word: ClosedRange<Int>? = 1...2, char: ClosedRange<Int>? = nil,
    minDF: DocumentFrequencyBound = .count(1), maxDF: DocumentFrequencyBound = .fraction(1.0),
    maxFeatures: Int? = nil, sublinear: Bool = true
  ) -> FeatureSettings {
    FeatureSettings(
      tokenPattern: pattern, wordNGrams: word, charNGrams: char, minDF: minDF, maxDF: maxDF,
      maxFeatures: maxFeatures, sublinearTF: sublinear)
  }

  func testIDFAndRowsByHand() throws {
    let docs = ["aa bb aa", "bb cc"]
    let (v, x) = try TfidfVectorizer.fitTransform(docs, settings: settings(word: 1...1, sublinear: false), threads: 1)
    XCTAssertEqual(v.vocabulary.terms, ["aa", "bb", "cc"])
    // idf = ln((1 + 2) / (1 + df)) + 1
    let idfAA = log(3.0 / 2.0) + 1
    let idfBB = 1.0
    XCTAssertEqual(Double(v.idf[0]), idfAA, accuracy: 1e-6)
    XCTAssertEqual(Double(v.idf[1]), idfBB, accuracy: 1e-6)
    // Row 0: aa tf 2, bb tf 1, then L2-normalized.
    let w0 = 2 * idfAA
    let w1 = 1 * idfBB
    let norm = (w0 * w0 + w1 * w1).squareRoot()
    XCTAssertEqual(Array(x.row(0).columns), [0, 1])
    XCTAssertEqual(Double(x.row(0).values.first!), w0 / norm, accuracy: 1e-6)
    XCTAssertEqual(Double(x.row(0).values.last!), w1 / norm, accuracy: 1e-6)
  }

  func testSublinearTF() throws {
    let (_, x) = try TfidfVectorizer.fitTransform(["aa aa aa aa bb"], settings: settings(word: 1...1), threads: 1)
    // Both idf = 1; tf 4 -> 1 + ln 4, tf 1 -> 1.
    let a = 1 + log(4.0)
    let norm = (a * a + 1).squareRoot()
    XCTAssertEqual(Double(x.row(0).values[0]), a / norm, accuracy: 1e-6)
  }

  func testMinAndMaxDocumentFrequency() throws {
    let v = try TfidfVectorizer.fit(documents, settings: settings(word: 1...1, minDF: .count(2)), threads: 1)
    // "met" occurs twice but in one document.
    XCTAssertEqual(v.vocabulary.terms, ["alliance", "cold", "mentality", "the", "war"])
    // maxDF 0.5 of 5 documents = 2.5: drops "the" (4 documents) and "alliance" (3).
    let w = try TfidfVectorizer.fit(
      documents, settings: settings(word: 1...1, minDF: .count(2), maxDF: .fraction(0.5)), threads: 1)
    XCTAssertEqual(w.vocabulary.terms, ["cold", "mentality", "war"])
    let c = try TfidfVectorizer.fit(
      documents, settings: settings(word: 1...1, minDF: .fraction(0.5)), threads: 1)
    XCTAssertEqual(c.vocabulary.terms, ["alliance", "the"])
    XCTAssertThrowsError(
      try TfidfVectorizer.fit(documents, settings: settings(minDF: .count(3), maxDF: .count(2)), threads: 1)
    ) { XCTAssertEqual($0 as? FeaturesError, .maxDFBelowMinDF) }
  }

  func testMaxFeaturesKeepsMostFrequentThenSorts() throws {
    let v = try TfidfVectorizer.fit(documents, settings: settings(word: 1...1, maxFeatures: 3), threads: 1)
    // Total counts: the 4, alliance 3, then cold, mentality, met (twice in one document), war 2 each.
    // Ties at 2 (cold, mentality, met, war) go to the term sorting first: "cold".
    XCTAssertEqual(v.vocabulary.terms, ["alliance", "cold", "the"])
  }

  func testBigramsJoinTokensWithOneSpace() throws {
    let v = try TfidfVectorizer.fit(["Cold  War,\tmentality"], settings: settings(word: 2...2), threads: 1)
    XCTAssertEqual(v.vocabulary.terms, ["cold war", "war mentality"])
    XCTAssertEqual(v.vocabulary.index(of: "war mentality"), 1)
    XCTAssertNil(v.vocabulary.index(of: "war"))
    XCTAssertEqual(v.featureName(0), "cold war")
  }

  func testIdenticalBitsForAnyThreadCount() throws {
    var docs: [String] = []
    for i in 0..<700 { docs.append(documents[i % documents.count] + " item\(i % 37) extra\(i % 11)") }
    for s in [settings(word: 1...3, minDF: .count(2)), settings(.news, word: 1...2, char: 2...4)] {
      let (v1, x1) = try TfidfVectorizer.fitTransform(docs, settings: s, threads: 1)
      for threads in [2, 3] {
        let (v, x) = try TfidfVectorizer.fitTransform(docs, settings: s, threads: threads)
        XCTAssertEqual(v, v1)
        XCTAssertEqual(x, x1)
        XCTAssertEqual(v1.transform(docs, threads: threads), x1)
      }
    }
  }

  func testWordAndCharacterNGramsShareOneSpace() throws {
    let v = try TfidfVectorizer.fit(["ab cd"], settings: settings(word: 1...1, char: 2...2), threads: 1)
    // Word terms first, then character terms; "ab" is both a word and a character bigram.
    XCTAssertEqual(v.vocabulary.terms, ["ab", "cd", " a", " c", "ab", "b ", "cd", "d "])
    XCTAssertEqual(v.vocabulary.wordTermCount, 2)
    XCTAssertEqual(v.vocabulary.index(of: "ab", kind: .word), 0)
    XCTAssertEqual(v.vocabulary.index(of: "ab", kind: .character), 4)
    XCTAssertEqual(v.vocabulary.kind(of: 5), .character)
    let x = v.transform(["ab"], threads: 1)
    XCTAssertEqual(Array(x.row(0).columns), [0, 2, 4, 5])
    var norm = 0.0
    for value in x.row(0).values { norm += Double(value) * Double(value) }
    XCTAssertEqual(norm, 1, accuracy: 1e-6)
  }

  func testRebuiltVectorizerTransformsTheSame() throws {
    let (v, x) = try TfidfVectorizer.fitTransform(documents, settings: settings(.news), threads: 2)
    let rebuilt = TfidfVectorizer(
      settings: v.settings,
      vocabulary: Vocabulary(terms: v.vocabulary.terms, wordTermCount: v.vocabulary.wordTermCount),
      idf: v.idf)
    XCTAssertEqual(rebuilt, v)
    XCTAssertEqual(rebuilt.transform(documents, threads: 1), x)
  }

  func testUnknownTermsAndEmptyDocuments() throws {
    let v = try TfidfVectorizer.fit(documents, settings: settings(), threads: 1)
    let x = v.transform(["", "zzz qqq", "the alliance"], threads: 2)
    XCTAssertEqual(x.rowCount, 3)
    XCTAssertEqual(x.row(0).columns.count, 0)
    XCTAssertEqual(x.row(1).columns.count, 0)
    XCTAssertEqual(x.row(2).columns.count, 3)  // "alliance", "the", "the alliance"
  }

  func testErrors() {
    XCTAssertThrowsError(try TfidfVectorizer.fit([], settings: settings(), threads: 1)) {
      XCTAssertEqual($0 as? FeaturesError, .noDocuments)
    }
    XCTAssertThrowsError(try TfidfVectorizer.fit(["a b", "."], settings: settings(), threads: 1)) {
      XCTAssertEqual($0 as? FeaturesError, .emptyVocabulary)
    }
    XCTAssertThrowsError(try TfidfVectorizer.fit(["aa"], settings: settings(word: nil), threads: 1))
    XCTAssertThrowsError(try TfidfVectorizer.fit(["aa bb", "cc dd"], settings: settings(minDF: .count(2)), threads: 1))
    {
      XCTAssertEqual($0 as? FeaturesError, .emptyVocabulary)
    }
  }

  func testSettingsAreCodable() throws {
    let s = settings(.news, word: 1...3, char: 2...5, minDF: .fraction(0.01), maxFeatures: 1000)
    let data = try JSONEncoder().encode(s)
    XCTAssertEqual(try JSONDecoder().decode(FeatureSettings.self, from: data), s)
    let defaults = FeatureSettings()
    XCTAssertEqual(defaults.tokenPattern, .news)
    XCTAssertEqual(defaults.wordNGrams, 1...2)
    XCTAssertEqual(defaults.charNGrams, 2...5)
  }
}
