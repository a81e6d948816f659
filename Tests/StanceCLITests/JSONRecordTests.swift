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

  func testOtherMembersKeptAsWrittenInOrder() throws {
    let line = Array(#"{"b": [1, {"c": "}"}], "id": 3, "a": "x\"y", "text": "t", "d": null, "e": -0.5E+2}"#.utf8)
    let record = try JSONRecord.parse(line)
    XCTAssertEqual(record.metadata.members.map(\.name), ["b", "a", "d", "e"])
    XCTAssertEqual(
      record.metadata.members.map { String(decoding: $0.json, as: UTF8.self) },
      [#"[1, {"c": "}"}]"#, #""x\"y""#, "null", "-0.5E+2"])
    XCTAssertEqual(record.metadata["a"]?.plainText, "x\"y")
    XCTAssertEqual(record.metadata["d"]?.plainText, "")
    XCTAssertEqual(record.metadata["b"]?.plainText, #"[1, {"c": "}"}]"#)
    XCTAssertNil(record.metadata["text"])
    var out: [UInt8] = []
    record.metadata.appendMembers(to: &out, reserved: ["b"])
    XCTAssertEqual(String(decoding: out, as: UTF8.self), #","input_b":[1, {"c": "}"}],"a":"x\"y","d":null,"e":-0.5E+2"#)
    XCTAssertTrue(try JSONRecord.parse(Array(#"{"text": "t", "id": 1}"#.utf8)).metadata.isEmpty)
  }

  func testMembersNestedPastTheLimitAreWrittenAsStrings() throws {
    func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
    let limit = RecordMetadata.maxDepth
    let record = try JSONRecord.parse(
      Array(#"{"text": "t", "ok": \#(nested(limit)), "deep": \#(nested(limit + 1)), "o": {"a": [{}]}}"#.utf8))
    XCTAssertEqual(record.metadata.members.map(\.deep), [false, true, false])
    var out: [UInt8] = []
    record.metadata.appendMembers(to: &out, reserved: [])
    XCTAssertEqual(
      String(decoding: out, as: UTF8.self),
      #","ok":\#(nested(limit)),"deep":"\#(nested(limit + 1))","o":{"a": [{}]}"#)
  }

  func testLiteralsAreChecked() throws {
    for good in ["0", "-0", "12", "1.5", "1e9", "1E-2", "-0.0e+0", "true", "false", "null"] {
      XCTAssertNoThrow(try parse(#"{"text": "t", "x": \#(good)}"#), good)
    }
    for bad in ["01", "1.", ".5", "+1", "1e", "-", "tru", "nul", "True", "0x1", "1.5.2", "e5"] {
      XCTAssertThrowsError(try parse(#"{"text": "t", "x": \#(bad)}"#), bad)
      XCTAssertThrowsError(try parse(#"{"text": "t", "x": [\#(bad)]}"#), bad)
    }
  }

  func testControlCharactersInMembersAreEscapedOnOutput() throws {
    var out: [UInt8] = []
    RecordMetadata.appendJSON(ArraySlice(Array("[\"a\tb\\\"\u{1}\",\t1]".utf8)), to: &out)
    XCTAssertEqual(String(decoding: out, as: UTF8.self), "[\"a\\u0009b\\\"\\u0001\",\t1]")
    XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(out)))
  }

  func testLoneSurrogateEscapesBecomeReplacementCharacters() throws {
    // Written as read, "\ud800" is valid JSON syntax but no Unicode text: strict readers refuse it.
    var out: [UInt8] = []
    let input = #"{"a": "x\ud800y", "b": "\ud83d\ude00", "c": ["\udc00", "\\ud800", "\u00e9\ud800"], "d": 1}"#
    RecordMetadata.appendJSON(ArraySlice(Array(input.utf8)), to: &out)
    XCTAssertEqual(
      String(decoding: out, as: UTF8.self),
      #"{"a": "x\ufffdy", "b": "\ud83d\ude00", "c": ["\ufffd", "\\ud800", "\u00e9\ufffd"], "d": 1}"#)
    let back = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
    XCTAssertEqual(back["b"] as? String, "😀")
    XCTAssertEqual(back["c"] as? [String], ["\u{FFFD}", "\\ud800", "é\u{FFFD}"])
  }

  func testQuotedOutputReadsBack() throws {
    let text = "quote \" backslash \\ newline \n tab \t bell \u{7} é"
    let quoted = JSONText.quoted(text)
    let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
    XCTAssertEqual(back, [text])
  }
}
