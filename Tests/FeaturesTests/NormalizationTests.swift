@testable import Features
import XCTest

/// The byte-level Latin path must give exactly what the Foundation path gives.
final class NormalizationTests: XCTestCase {
  private func slow(_ text: String, _ pattern: TokenPattern) -> [UInt8] {
    var out: [UInt8] = []
    TextNormalizer.normalizeSlowly(text, pattern: pattern, into: &out)
    return out
  }

  private func fast(_ text: String, _ pattern: TokenPattern) -> [UInt8] {
    var out: [UInt8] = []
    TextNormalizer.normalize(text, pattern: pattern, into: &out)
    return out
  }

  func testLatinPathAgreesWithFoundation() throws {
    var texts = try GoldenTfidfTests.sentences()
    // Every character of the handled ranges, in context, capitals included.
    var all = "Ab "
    for v in 0xA0...0xFF { all.unicodeScalars.append(Unicode.Scalar(v)!) }
    for v in 0x2010...0x2030 { all.unicodeScalars.append(Unicode.Scalar(v)!) }
    texts.append(all + " ÀÉÎÕÜ Ça “QUOTED” ‘x’ — – … naïve façade ½ x² ﬁ e\u{301}")
    for v in 0xA0...0xFF { texts.append("Word\(Unicode.Scalar(v)!)Next \(Unicode.Scalar(v)!)") }
    for v in 0x2010...0x2030 { texts.append("Word\(Unicode.Scalar(v)!)Next \(Unicode.Scalar(v)!)") }
    var checked = 0
    for text in texts {
      for pattern in [TokenPattern.news, .scikitLearn] {
        XCTAssertEqual(fast(text, pattern), slow(text, pattern), "\(pattern): \(text)")
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 1000)
  }

  func testLatinPathHandlesNewsPunctuation() {
    var out: [UInt8] = []
    let text = "It’s “so-called” — ‘hegemony’…"
    let handled = text.utf8.withContiguousStorageIfAvailable {
      LatinNormalizer.normalize($0, pattern: .news, into: &out)
    }
    XCTAssertEqual(handled, true)
    XCTAssertEqual(String(decoding: out, as: UTF8.self), "it's \"so-called\" — 'hegemony'...")
  }
}
