import Foundation
import XCTest

@testable import Charts

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class MarkupTests: XCTestCase {
  func testEscapesEverySpecialCharacter() {
    XCTAssertEqual(Markup.escape(#"a < b & c > "d" 'e'"#), "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;")
  }

  func testEntitiesInTheSourceStayVisible() {
    // The text the model scored holds "&amp;": the reader must see "&amp;", not "&".
    XCTAssertEqual(Markup.escape("AT&amp;T"), "AT&amp;amp;T")
    XCTAssertEqual(Markup.escape("&nbsp;"), "&amp;nbsp;")
  }

  func testForbiddenControlCharactersBecomeReplacementCharacters() {
    XCTAssertEqual(Markup.escape("a\u{0}b\u{1B}c\td\ne"), "a\u{FFFD}b\u{FFFD}c\td\ne")
  }

  func testNoncharactersFFFEAndFFFFBecomeReplacementCharacters() throws {
    // Not XML characters: an XML parser stops at them.
    let text = "a\u{FFFE}b\u{FFFF}c\u{FFFD}d\u{FF0C}e\u{F000}\u{FFBF}f"
    let escaped = Markup.escape(text)
    XCTAssertEqual(escaped, "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FF0C}e\u{F000}\u{FFBF}f")
    var out: [UInt8] = []
    Markup.append(text, to: &out)
    XCTAssertEqual(String(decoding: out, as: UTF8.self), escaped)
    let parser = XMLParser(data: Data("<p>\(escaped)</p>".utf8))
    XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
  }

  func testPlainTextIsReturnedAsIs() {
    XCTAssertEqual(Markup.escape("Cold War mentality — 冷战"), "Cold War mentality — 冷战")
  }

  func testNumbers() {
    XCTAssertEqual(SVGNumber.format(12), "12")
    XCTAssertEqual(SVGNumber.format(12.5), "12.5")
    XCTAssertEqual(SVGNumber.format(3.14159), "3.14")
    XCTAssertEqual(SVGNumber.format(0.05), "0.05")
    XCTAssertEqual(SVGNumber.format(-2.1), "-2.1")
    XCTAssertEqual(SVGNumber.format(-0.001), "0")
    XCTAssertEqual(SVGNumber.format(.nan), "0")
    XCTAssertEqual(SVGNumber.format(.infinity), "0")
  }

  func testPercentRounds() {
    XCTAssertEqual(Percent.format(0.426), "43%")
    XCTAssertEqual(Percent.format(1), "100%")
    XCTAssertEqual(Percent.format(.nan), "-")
  }

  func testTextColourKeepsContrast() {
    // Okabe-Ito blue and vermillion take white text, orange and light grey black.
    XCTAssertEqual(ChartColor.text(on: "#0072B2"), "#FFFFFF")
    XCTAssertEqual(ChartColor.text(on: "#E69F00"), "#000000")
    XCTAssertEqual(ChartColor.text(on: "#BBBBBB"), "#000000")
    for color in ["#0072B2", "#E69F00", "#D55E00", "#BBBBBB"] {
      XCTAssertGreaterThanOrEqual(ChartColor.contrast(color, ChartColor.text(on: color)), 4.5, color)
    }
  }
}
