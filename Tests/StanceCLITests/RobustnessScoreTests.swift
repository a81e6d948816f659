import Foundation
import XCTest

/// Bad scoring input never crashes `stance score`: odd texts are scored, unreadable files
/// are I/O errors naming the file, and a closed output pipe ends the run quietly.
final class RobustnessScoreTests: ScratchDirectoryTestCase {
  /// Scores `inputs` as JSONL with the fixture model.
  func score(_ inputs: [String], _ extra: [String] = [], stdin: Data? = nil) throws -> RunResult {
    try CLI.run(["score", "--model", CLI.model, "--format", "jsonl"] + extra + inputs, stdin: stdin)
  }

  /// Checks one scored document: probabilities finite and summing to 1.
  func assertWellFormed(_ record: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
    let scores = try XCTUnwrap(record["scores"] as? [String: Double], file: file, line: line)
    XCTAssertEqual(scores.count, 4, file: file, line: line)
    XCTAssertTrue(scores.values.allSatisfy(\.isFinite), "\(scores)", file: file, line: line)
    XCTAssertEqual(scores.values.reduce(0, +), 1, accuracy: 1e-5, file: file, line: line)
  }

  func testEmptyAndWhitespaceOnlyInputsScoreAsNoSentences() throws {
    let empty = try write("empty.txt", [])
    let blank = try write("blank.txt", Array("   \n\t\r\n  \n".utf8))
    let result = try score([empty, blank], ["--sentences"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stderr, "")
    let records = try result.jsonLines()
    XCTAssertEqual(records.count, 2)
    for record in records {
      XCTAssertEqual(record["sentences"] as? Int, 0)
      XCTAssertEqual((record["spans"] as? [Any])?.count, 0)
      try assertWellFormed(record)
    }
    // Empty standard input: one empty document, same answer.
    let stdin = try score([], stdin: Data())
    XCTAssertEqual(stdin.status, 0, stdin.stderr)
    XCTAssertEqual(try stdin.jsonLines().first?["sentences"] as? Int, 0)
  }

  func testTextWithoutSentenceEndingPunctuationIsOneSentence() throws {
    let text = "the allies stand together against hegemony and nobody knows why"
    let path = try write("nopunct.txt", Array(text.utf8))
    let result = try score([path], ["--sentences"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let record = try XCTUnwrap(try result.jsonLines().first)
    XCTAssertEqual(record["sentences"] as? Int, 1)
    let span = try XCTUnwrap((record["spans"] as? [[String: Any]])?.first)
    XCTAssertEqual(span["start"] as? Int, 0)
    XCTAssertEqual(span["end"] as? Int, text.utf8.count)
    try assertWellFormed(record)
  }

  /// A single line of one document with no sentence end: 7 MB in release builds (under the
  /// 8 MiB document limit, `RobustnessHostileInputTests`); debug builds (about 1-2 MB/s for
  /// this input) use 4 MB to keep the suite's time modest.
  func testHugeSingleLine() throws {
    #if DEBUG
      let size = 4 << 20
    #else
      let size = 7 << 20
    #endif
    let url = directory.appendingPathComponent("huge.txt")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    let block = Data(String(repeating: "allies stand together against hegemony ", count: 1 << 14).utf8)
    var written = 0
    while written < size {
      handle.write(block)
      written += block.count
    }
    try handle.close()
    let result = try score([url.path], ["--sentences"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let record = try XCTUnwrap(try result.jsonLines().first)
    XCTAssertEqual(record["sentences"] as? Int, 1)
    // The trailing space is trimmed from the span.
    XCTAssertEqual(((record["spans"] as? [[String: Any]])?.first?["end"] as? Int), written - 1)
    try assertWellFormed(record)
  }

  func testInvalidUTF8IsReplacedWithAWarning() throws {
    // Latin-1 é, a stray continuation byte and a truncated 4-byte sequence beside valid UTF-8 é.
    let bytes =
      Array("Caf".utf8) + [0xE9] + Array(" owners said the alliance is ".utf8) + [0x80, 0xF0, 0x9F, 0x98]
      + Array(" ironclad. Second sentence \u{e9} here.".utf8)
    let path = try write("mixed.txt", bytes)
    let valid = try write("valid.txt", Array("Caf\u{e9} owners agree.".utf8))
    let result = try score([path, valid], ["--sentences"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let warnings = result.stderr.split(separator: "\n")
    XCTAssertEqual(warnings.count, 1, result.stderr)  // only the invalid file warns
    XCTAssertTrue(warnings.first?.hasPrefix("stance: warning: \(path): not valid UTF-8") ?? false, result.stderr)
    let records = try result.jsonLines()
    XCTAssertEqual(records.count, 2)
    XCTAssertEqual(records[0]["sentences"] as? Int, 2)
    for record in records { try assertWellFormed(record) }
    // Standard input is treated the same way.
    let stdin = try score(["-"], stdin: Data([0x61, 0xFF, 0x62]))
    XCTAssertEqual(stdin.status, 0)
    XCTAssertTrue(stdin.stderr.hasPrefix("stance: warning: standard input: not valid UTF-8"), stdin.stderr)
  }

  func testInvalidUTF8InsideJSONLIsALineError() throws {
    let bytes =
      Array("{\"id\": 1, \"text\": \"fine\"}\n{\"id\": 2, \"text\": \"Caf".utf8) + [0xE9]
      + Array("\"}\n".utf8)
    let path = try write("records.jsonl", bytes)
    let result = try score([path])
    // Either scored with the byte replaced, or stopped at line 2 naming it; never a crash.
    if result.status == 0 {
      XCTAssertEqual(try result.jsonLines().count, 2)
    } else {
      XCTAssertEqual(result.status, 1, result.stderr)
      XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(path):2:"), result.stderr)
      XCTAssertEqual(try result.jsonLines().count, 1)
    }
  }

  func testUnreadableFileInDirectoryIsAnIOErrorNamingIt() throws {
    try write("docs/a.txt", Array("Allies stand together.".utf8))
    let link = directory.appendingPathComponent("docs/b.txt").path
    // A dangling symlink cannot be read even by root (chmod 000 can).
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nonexistent/stance/b.txt")
    let result = try score([directory.appendingPathComponent("docs").path])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(link): cannot read"), result.stderr)
    XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    // Files are read a batch ahead of scoring, so the run stops before the batch holding it.
    XCTAssertLessThanOrEqual(try result.jsonLines().count, 1)
  }

  func testChmod000FileIsAnIOErrorUnlessRoot() throws {
    let path = try write("locked/secret.txt", Array("Allies stand together.".utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
    if FileManager.default.isReadableFile(atPath: path) {
      throw XCTSkip("running as root: chmod 000 does not stop reading (the dangling-symlink test covers it)")
    }
    let result = try score([directory.appendingPathComponent("locked").path])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(path): cannot read"), result.stderr)
  }

  func testClosedOutputPipeEndsQuietly() throws {
    // Enough output (2 x 2400 sentence spans, about 700 KB) to overrun the pipe after head exits.
    let line = String(repeating: "Allies stand together. ", count: 40) + "\n"
    let path = try write("many.txt", Array(String(repeating: line, count: 60).utf8))
    let status = directory.appendingPathComponent("status").path
    let errors = directory.appendingPathComponent("stderr").path
    let command =
      "{ '\(CLI.binary.path)' score --model '\(CLI.model)' --format jsonl --sentences '\(path)' '\(path)' '\(path)' "
      + "2>'\(errors)'; echo $? >'\(status)'; } | head -c 100 >/dev/null"
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", command]
    try shell.run()
    shell.waitUntilExit()
    XCTAssertEqual(shell.terminationStatus, 0)
    let code = try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    XCTAssertEqual(code, "0")  // not 141 (SIGPIPE) nor a trap
    XCTAssertEqual(try String(contentsOfFile: errors, encoding: .utf8), "")  // no "Broken pipe" noise
  }
}
