import Foundation
import XCTest

@testable import stance

final class JSONRecordTests: XCTestCase {
  func parse(_ line: String) throws -> JSONRecord {
    try Array(line.utf8).withUnsafeBufferPointer { try JSONRecord.parse($0) }
  }

  func testIdKeptAsWrittenAndTextUnescaped() throws {
    let r = try parse(
      #"{"meta": {"a": [1, {"b": null}], "c": "}"}, "id": "x\"1", "text": "A\tb \u00e9 \ud83d\ude00 \\ \/ end"}"#)
    XCTAssertEqual(r.rawID, #""x\"1""#)
    XCTAssertEqual(r.plainID, "x\"1")
    XCTAssertEqual(r.text, "A\tb é 😀 \\ / end")
    let n = try parse(#"  {"text":"t","id":-12.5e3}  "#)
    XCTAssertEqual(n.rawID, "-12.5e3")
    XCTAssertEqual(n.plainID, "-12.5e3")
    XCTAssertNil(try parse(#"{"text": ""}"#).rawID)
  }

  func testEscapesBetweenRunsOfPlainBytes() throws {
    // Escapes first, last, back to back and between long runs (copied a run at a time).
    let run = String(repeating: "plain é text ", count: 40)
    let cases: [(String, String)] = [
      (#"\"a"#, "\"a"), (#"a\n"#, "a\n"), (#"\\\"\/"#, "\\\"/"),
      (#"\n\#(run)\u2019\#(run)\t"#, "\n\(run)\u{2019}\(run)\t"), (#"\\"#, "\\"),
    ]
    for (escaped, expected) in cases {
      XCTAssertEqual(try parse(#"{"text": "\#(escaped)", "id": 1}"#).text, expected, escaped)
    }
    // The quote or backslash at every offset within an eight-byte word.
    for pad in 0..<17 {
      let plain = String(repeating: "x", count: pad)
      XCTAssertEqual(try parse(#"{"text": "\#(plain)"}"#).text, plain)
      XCTAssertEqual(try parse(#"{"text": "\#(plain)\"\#(plain)"}"#).text, plain + "\"" + plain)
    }
    for line in [#"{"text": "a\n"#, #"{"text": "a\"#, #"{"text": "\t\#(run)"#] {
      XCTAssertThrowsError(try parse(line), line)
    }
  }

  func testMalformedLinesAreRefused() {
    for line in [
      #"{"text": "a""#, #"{"text": 3}"#, #"{"id": 1}"#, #"["text"]"#, #"{"text": "a"} x"#, #"{"text": "\q"}"#,
    ] {
      XCTAssertThrowsError(try parse(line), line)
    }
  }

  func testQuotedOutputReadsBack() throws {
    let text = "quote \" backslash \\ newline \n tab \t bell \u{7} é"
    let quoted = JSONText.quoted(text)
    let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
    XCTAssertEqual(back, [text])
  }
}
