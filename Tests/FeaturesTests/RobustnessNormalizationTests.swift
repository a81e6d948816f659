import XCTest

@testable import Features

/// Issue 15, case 6: long texts go through Foundation's normalization piece by piece (linear
/// time), and the pieces give exactly the bytes of the whole.
final class RobustnessNormalizationTests: XCTestCase {
  func testPiecewiseNormalizationEqualsTheWhole() {
    let parts = [
      "Les allie\u{301}s ame\u{301}ricains ", "ΟΔΥΣΣΕΥΣ ", "ΣΑΣ, ", "Σ1 ", "aΣ(b) ", "ﬁne ½ ", "e\u{301}\u{323}\u{301}",
      "한국어 ", "\u{1100}\u{1161} ", "x\u{308}\n", "“quoted” ", "word‐word; ", "İstanbul ", "ΣΣ. ", "!?",
    ]
    var text = ""
    var i = 0
    while text.utf8.count < 3 * TextNormalizer.pieceBytes + 100 {
      text += parts[i % parts.count]
      i += 7
    }
    for pattern in [TokenPattern.news, .scikitLearn] {
      var pieces: [UInt8] = []
      var whole: [UInt8] = []
      TextNormalizer.normalizeSlowly(text, pattern: pattern, into: &pieces)
      TextNormalizer.normalizePiece(text, pattern: pattern, into: &whole)
      XCTAssertEqual(pieces, whole, "\(pattern)")
    }
  }

  func testDecomposedTextNormalizesInLinearTime() {
    // 1.3 MB of decomposed text without a sentence end.
    let text = String(repeating: "Les allie\u{301}s ame\u{301}ricains a\u{300} Gene\u{300}ve ", count: 40_000)
    let start = Date()
    var out: [UInt8] = []
    TextNormalizer.normalizeSlowly(text, pattern: .news, into: &out)
    XCTAssertLessThan(Date().timeIntervalSince(start), 1.5)  // was about 3 s (quadratic)
    XCTAssertTrue(out.starts(with: Array("les alliés".utf8)))
  }
}
