@testable import Features
import XCTest

/// The eight-bytes-at-a-time scanner for ASCII text must find exactly the tokens of the
/// byte-by-byte scanner.
final class TokenScannerTests: XCTestCase {
  private func ranges(_ bytes: [UInt8], ascii: Bool) -> [Int32] {
    var out: [Int32] = []
    bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      if ascii {
        TokenScanner.scanScikitLearnASCII(p, b.count, into: &out)
      } else {
        TokenScanner.scanScikitLearn(p, b.count, into: &out)
      }
    }
    return out
  }

  func testWordMaskMatchesTheTable() {
    for b in 0..<128 {
      let mask = TokenScanner.asciiWordMask(UInt64(b) << 16)
      XCTAssertEqual(mask == 0x80 << 16, CharacterClasses.ascii[b] & CharacterClasses.pythonWord != 0, "byte \(b)")
      XCTAssertEqual(mask & ~(UInt64(0x80) << 16), 0, "byte \(b) leaks into its neighbours")
    }
  }

  func testASCIIScannerAgreesWithByteScanner() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("aZ_09 .-\t\n@[`{/:".utf8)
    for length in [0, 1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 300, 5000] {
      for _ in 0..<20 {
        let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        XCTAssertEqual(ranges(bytes, ascii: true), ranges(bytes, ascii: false), String(decoding: bytes, as: UTF8.self))
      }
    }
    let text = Array("An e-mail: foo_bar@x.org said 42 times -- a b cc ddd; end_of_line9".utf8)
    XCTAssertEqual(ranges(text, ascii: true), ranges(text, ascii: false))
    XCTAssertTrue(TokenScanner.isASCII(text.withUnsafeBufferPointer { $0.baseAddress! }, text.count))
    let latin = Array("caf\u{e9} bar".utf8)
    XCTAssertFalse(TokenScanner.isASCII(latin.withUnsafeBufferPointer { $0.baseAddress! }, latin.count))
  }

  func testASCIILowercasingMatchesFoundation() {
    var generator = SystemRandomNumberGenerator()
    for length in [0, 1, 7, 8, 9, 16, 17, 130] {
      for _ in 0..<20 {
        let text = String(
          decoding: (0..<length).map { _ in UInt8.random(in: 1...127, using: &generator) }, as: UTF8.self)
        var fast: [UInt8] = [9, 9]
        var slow: [UInt8] = []
        TextNormalizer.normalize(text, pattern: .scikitLearn, into: &fast)
        TextNormalizer.normalizeSlowly(text, pattern: .scikitLearn, into: &slow)
        XCTAssertEqual(fast, slow, text)
      }
    }
  }

  /// The news rule's eight-byte steps over ASCII letters, digits and the bytes between tokens
  /// find exactly the tokens of its byte-by-byte scan.
  func testNewsScannerEightByteStepsAgreeWithByteSteps() {
    func news(_ bytes: [UInt8], eightBytes: Bool) -> [Int32] {
      var out: [Int32] = []
      bytes.withUnsafeBufferPointer { b in
        guard let p = b.baseAddress else { return }
        TokenScanner.scanNews(p, b.count, into: &out, eightBytes: eightBytes)
      }
      return out
    }
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("aZ09 .-',\t\n@".utf8) + Array("é".utf8)
    for length in [0, 1, 7, 8, 9, 16, 17, 64, 65, 300] {
      for _ in 0..<40 {
        let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
        XCTAssertEqual(
          news(bytes, eightBytes: true), news(bytes, eightBytes: false), String(decoding: bytes, as: UTF8.self))
      }
    }
    let text = Array("The U.S. and u.k. said 1,000.5 troops' co-op -- don't; internationalization 12345678x".utf8)
    XCTAssertEqual(news(text, eightBytes: true), news(text, eightBytes: false))
  }

  /// `splitWords` (eight bytes at a time over ASCII) gives `forEachPaddedWord`'s words.
  func testSplitWordsAgreesWithPaddedWordsOnRandomText() {
    var generator = SystemRandomNumberGenerator()
    let pieces = ["a", "Z", "0", " ", "  ", "\t", "\n", "\u{0B}", "\u{1C}", "\u{01}", "é", "\u{00A0}", "\u{2003}", "."]
    var analyzer = NGramAnalyzer(settings: FeatureSettings(wordNGrams: nil, charNGrams: 2...5))
    for length in [0, 1, 5, 8, 9, 20, 70, 200] {
      for _ in 0..<40 {
        let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
        analyzer.load(text)
        let words = analyzer.paddedWordsBothWays()
        XCTAssertEqual(words.split, words.padded, text.debugDescription)
      }
    }
  }
}
