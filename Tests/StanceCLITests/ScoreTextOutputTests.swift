import Foundation
import XCTest

@testable import stance

/// Text output keeps one line per sentence whatever line breaks or control characters the
/// sentences hold.
final class ScoreTextOutputTests: ScratchDirectoryTestCase {
  func testOneLineFoldsBreaksAndReplacesControls() {
    XCTAssertEqual(ScoreFormatter.oneLine("plain text"), "plain text")
    XCTAssertEqual(ScoreFormatter.oneLine("two\nlines"), "two lines")
    XCTAssertEqual(ScoreFormatter.oneLine("a  \r\n\n  b\tc"), "a b c")
    XCTAssertEqual(ScoreFormatter.oneLine("\nlead and trail\n"), "lead and trail")
    XCTAssertEqual(ScoreFormatter.oneLine("u\u{2028}v\u{85}w\u{0B}x\u{0C}y"), "u v w x y")
    XCTAssertEqual(ScoreFormatter.oneLine("bell\u{7} esc\u{1B}[31m"), "bell\u{FFFD} esc\u{FFFD}[31m")
  }

  func testSentencesWithLineBreaksStayOneLineEach() throws {
    let text =
      "China firmly opposes\nthe so-called Indo-Pacific\r\nstrategy. The ministers met \n  on Monday\u{2028}in Tokyo.\n"
      + "Allies stand together\u{1B}[2J against coercion."
    let file = try write("broken\nname.txt", text)
    let result = try CLI.run(["score", "--model", CLI.model, "--format", "text", "--sentences", file])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
    // The header, scores, sentence count, one line per sentence, and the blank line after the document.
    let json = try CLI.run(["score", "--model", CLI.model, "--sentences", file]).jsonLines()
    let spans = try XCTUnwrap(json.first?["spans"] as? [Any]).count
    XCTAssertEqual(spans, 3)
    XCTAssertEqual(lines.count, 3 + spans + 2, result.output)
    XCTAssertTrue(lines[0].hasPrefix(file.replacingOccurrences(of: "\n", with: " ") + ": "), result.output)
    XCTAssertTrue(lines[3].hasSuffix("China firmly opposes the so-called Indo-Pacific strategy."), result.output)
    XCTAssertTrue(lines[4].hasSuffix("The ministers met on Monday in Tokyo."), result.output)
    XCTAssertTrue(lines[5].hasSuffix("Allies stand together\u{FFFD}[2J against coercion."), result.output)
    XCTAssertFalse(result.output.contains("\r"))
    XCTAssertFalse(result.output.contains("\u{1B}"))
  }
}
