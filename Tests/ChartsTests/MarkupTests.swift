import XCTest

@testable import Charts

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

  func testTicksAreRoundAndCoverTheMaximum() {
    XCTAssertEqual(Ticks.upTo(87), [0, 20, 40, 60, 80, 100])
    XCTAssertEqual(Ticks.upTo(5, count: 5), [0, 1, 2, 3, 4, 5])
    XCTAssertEqual(Ticks.upTo(0), [0, 1])
  }

  func testPercentRounds() {
    XCTAssertEqual(percent(0.426), "43%")
    XCTAssertEqual(percent(1), "100%")
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
