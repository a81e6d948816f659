import Dispatch
import XCTest

@testable import Features

/// Each `transform` worker and each `TfidfRowBuilder` keeps a cache of each word's character
/// n-gram columns; these check that the cache never changes a result.
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

/// `TfidfRowBuilder` (rows from byte ranges of a document, one at a time, as scoring builds
/// them) and the word split behind it give what `transform` gives.
final class TfidfRowBuilderTests: XCTestCase {
  /// Sentences as byte ranges of their document give the bits of `transform` on the same
  /// sentences as strings: ASCII, Latin-1, text that needs Foundation (Greek, CJK, a
  /// ligature), words longer than the word cache keeps, words repeated within a sentence,
  /// Unicode spaces, empty and unknown text; word 1-3 grams, any character sizes.
  func testRowsFromByteRangesMatchTransform() throws {
    let document =
      "The alliance met in Manila; the alliance agreed, the alliance said. "
      + "Café naïve façade — the drills\u{00A0}ended\tagain. Σοφία ΣΟΦΟΣ said 北京 ﬁne. "
      + "internationalization counterrevolutionaries met the the the alliance. zzz qqq. "
    let sentences = [
      "The alliance met in Manila; the alliance agreed, the alliance said.",
      "Café naïve façade — the drills\u{00A0}ended\tagain.", "Σοφία ΣΟΦΟΣ said 北京 ﬁne.",
      "internationalization counterrevolutionaries met the the the alliance.", "zzz qqq.", "",
    ]
    for settings in [
      FeatureSettings(wordNGrams: 1...3, charNGrams: 2...5, minDF: .count(1)),
      FeatureSettings(wordNGrams: 2...2, charNGrams: 3...3, minDF: .count(1)),
      FeatureSettings(wordNGrams: nil, charNGrams: 1...4, minDF: .count(1), sublinearTF: false),
      FeatureSettings(tokenPattern: .scikitLearn, wordNGrams: 1...2, charNGrams: 2...4, minDF: .count(1)),
    ] {
      let fitted = try TfidfVectorizer.fit(Array(sentences.prefix(4)), settings: settings, threads: 1)
      let expected = fitted.transform(sentences, threads: 1)
      let builder = TfidfRowBuilder(vectorizer: fitted)
      var text = document
      // Twice: the second time every word comes from the word cache.
      for _ in 0..<2 {
        for (s, sentence) in sentences.enumerated() {
          let range: Range<Int>
          if sentence.isEmpty {
            range = 0..<0
          } else {
            let start = document.utf8.firstRange(of: sentence.utf8)!.lowerBound
            let offset = document.utf8.distance(from: document.utf8.startIndex, to: start)
            range = offset..<(offset + sentence.utf8.count)
          }
          let (columns, values) = text.withUTF8 { bytes in
            builder.row(UnsafeBufferPointer(rebasing: bytes[range])) { (Array($0), Array($1)) }
          }
          let entries = expected.rowOffsets[s]..<expected.rowOffsets[s + 1]
          XCTAssertEqual(columns, Array(expected.columnIndices[entries]), "sentence \(s)")
          XCTAssertEqual(values, Array(expected.values[entries]), "sentence \(s)")
        }
      }
    }
  }

  /// Rows weighted while the tally drains, with a count past one byte (the tally's wide
  /// path), are the same bits as `transform`'s.
  func testBuilderRowsWithLargeCountsMatchTransform() throws {
    let sentences = [
      String(repeating: "the alliance ", count: 300) + "met.", "zzz qqq the", String(repeating: "a ", count: 700),
    ]
    for sublinear in [true, false] {
      let settings = FeatureSettings(wordNGrams: 1...2, charNGrams: 2...4, minDF: .count(1), sublinearTF: sublinear)
      let fitted = try TfidfVectorizer.fit(sentences, settings: settings, threads: 1)
      let expected = fitted.transform(sentences, threads: 1)
      let builder = TfidfRowBuilder(vectorizer: fitted)
      for (s, sentence) in sentences.enumerated() {
        var text = sentence
        let (columns, values) = text.withUTF8 { bytes in builder.row(bytes) { (Array($0), Array($1)) } }
        let entries = expected.rowOffsets[s]..<expected.rowOffsets[s + 1]
        XCTAssertEqual(columns, Array(expected.columnIndices[entries]), "sentence \(s)")
        XCTAssertEqual(values, Array(expected.values[entries]), "sentence \(s)")
      }
    }
  }

  /// Builders on two threads learning words into one `SharedWordColumns` at once (after the
  /// first few in their own caches), and a table too small for the text (words past its end go
  /// to each builder's own cache again), give the rows of `transform` on every pass.
  func testSharedWordTableGivesTransformsRowsOnManyThreads() throws {
    var sentences: [String] = []
    for i in 0..<300 {
      sentences.append("Word\(i % 97) alliance\(i % 13) met Manila-\(i) the drills café \(i * 7919 % 1000) again.")
    }
    let settings = FeatureSettings(wordNGrams: 1...2, charNGrams: 2...5, minDF: .count(1))
    let fitted = try TfidfVectorizer.fit(Array(sentences.prefix(150)), settings: settings, threads: 1)
    let expected = fitted.transform(sentences, threads: 1)
    XCTAssertEqual(fitted.transform(sentences, threads: 2), expected)
    for (small, table) in [
      SharedWordColumns(vectorizer: fitted),
      SharedWordColumns(owner: fitted.vocabulary.identity, maxWords: 64, maxColumns: 64 * 48),
    ].enumerated() {
      // The own caches take only 8 words each before the shared table.
      let builders = (0..<2).map { _ in
        TfidfRowBuilder(vectorizer: fitted, words: table, ownWordsFirst: 8)
      }
      var mismatches = [Int](repeating: 0, count: 2)
      mismatches.withUnsafeMutableBufferPointer { mismatches in
        DispatchQueue.concurrentPerform(iterations: 2) { t in
          for pass in 0..<2 {
            for s in sentences.indices where (s + pass + t) % 2 == 0 || pass == 1 {
              var text = sentences[s]
              let entries = expected.rowOffsets[s]..<expected.rowOffsets[s + 1]
              let (columns, values) = text.withUTF8 { bytes in builders[t].row(bytes) { (Array($0), Array($1)) } }
              if columns != Array(expected.columnIndices[entries]) || values != Array(expected.values[entries]) {
                mismatches[t] += 1
              }
            }
          }
        }
      }
      XCTAssertEqual(mismatches, [0, 0])
      XCTAssertEqual(table.isFull, small == 1, "only the small table fills up")
    }
  }

  /// `splitWords` gives the padded words `forEachPaddedWord` gives, in one buffer.
  func testSplitWordsMatchesPaddedWords() {
    let text = "  Two\u{00A0}words\u{2003}and\ttabs\n\nCafé  ΣΟΦΟΣ x "
    var analyzer = NGramAnalyzer(settings: FeatureSettings(wordNGrams: nil, charNGrams: 2...5))
    analyzer.load(text)
    let words = analyzer.paddedWordsBothWays()
    XCTAssertEqual(words.split, words.padded)
    XCTAssertEqual(words.split.count, 7)
    analyzer.load(" \t ")
    analyzer.splitWords()
    XCTAssertEqual(analyzer.wordCount, 0)
  }
}

/// `SharedWordColumns` finds the words added to it, with their columns, and nothing else.
final class SharedWordColumnsTests: XCTestCase {
  func testAddedWordsAreFound() throws {
    let fitted = try TfidfVectorizer.fit(
      ["alliance drills"], settings: FeatureSettings(wordNGrams: nil, charNGrams: 2...3, minDF: .count(1)),
      threads: 1)
    let table = SharedWordColumns(vectorizer: fitted)
    XCTAssertTrue(table.isEmpty)
    let words = [" alliance ", " drills ", " a ", " counterrevolution "]
    var locations: [UInt64] = []
    for (i, word) in words.enumerated() {
      let columns: [Int32] = (0..<Int32(i + 2)).map { $0 * 3 + Int32(i) }
      let location = Array(word.utf8).withUnsafeBytes { bytes in
        columns.withUnsafeBufferPointer {
          table.add(bytes, hash: WordColumnCache.hash(bytes), columns: $0.baseAddress!, count: $0.count)
        }
      }
      locations.append(location)
    }
    XCTAssertFalse(table.isEmpty)
    for (i, word) in words.enumerated() {
      let found = Array(word.utf8).withUnsafeBytes { table.location($0, hash: WordColumnCache.hash($0)) }
      XCTAssertEqual(found, locations[i], word)
      if word.utf8.count > WordColumnCache.maxBytes {
        XCTAssertEqual(found, WordColumnCache.absent, "too long to keep")
        continue
      }
      let start = Int(UInt32(truncatingIfNeeded: found))
      let count = Int(found >> 32)
      XCTAssertEqual((0..<count).map { table.columns[start + $0] }, (0..<Int32(i + 2)).map { $0 * 3 + Int32(i) })
    }
    let missing = Array(" drill ".utf8).withUnsafeBytes { table.location($0, hash: WordColumnCache.hash($0)) }
    XCTAssertEqual(missing, WordColumnCache.absent)
  }
}
