import Foundation
import XCTest

/// Bad labels input never crashes `stance train`: each case exits with the documented
/// status and one stderr line naming the file (and the line), or recovers with a warning.
final class RobustnessLabelsTests: ScratchDirectoryTestCase {
  var modelPath: String { path("out.model") }

  /// Trains on `labels` with extra arguments and returns the run.
  func train(_ labels: [String], _ extra: [String] = ["--folds", "0"]) throws -> RunResult {
    try CLI.run(["train"] + labels + ["-o", modelPath] + extra)
  }

  /// The stderr lines that are errors (warnings and reports excluded).
  func errorLine(_ result: RunResult) -> String {
    result.stderr.split(separator: "\n").first { $0.hasPrefix("stance: error:") }.map(String.init) ?? ""
  }

  /// Asserts a failed run: `status`, exactly one error line on stderr containing `expected`, no model written.
  func assertFails(
    _ result: RunResult, status: Int32, _ expected: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.status, status, result.stderr, file: file, line: line)
    let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("stance: error:") }
    XCTAssertEqual(errors.count, 1, result.stderr, file: file, line: line)
    XCTAssertTrue(errorLine(result).contains(expected), "\(result.stderr) lacks \(expected)", file: file, line: line)
    XCTAssertFalse(result.stderr.contains("Fatal error"), file: file, line: line)
    XCTAssertFalse(FileManager.default.fileExists(atPath: modelPath), file: file, line: line)
  }

  func testEmptyFile() throws {
    let path = try write("empty.tsv", "")
    assertFails(try train([path]), status: 1, "\(path): no labelled examples found")
  }

  func testEmptyDirectoryAndDirectoryWithoutLabelsFiles() throws {
    let empty = directory.appendingPathComponent("none").path
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    assertFails(try train([empty]), status: 1, "\(empty): no labelled examples found")
    let other = directory.appendingPathComponent("other").path
    try write("other/notes.xlsx", "a,b\n")
    try write("other/.hidden.tsv", "a\tb\n")
    assertFails(try train([other]), status: 1, "\(other): no labelled examples found")
    // Named directly, an unknown kind of file is a usage error naming it.
    assertFails(try train([other + "/notes.xlsx"]), status: 1, "notes.xlsx: not a labels file")
  }

  func testOneLabelOnly() throws {
    let path = try write("one.tsv", "a\tfirst text\na\tsecond text\n")
    assertFails(try train([path]), status: 1, "\(path): training needs at least two labels")
  }

  func testLabelWithFewerExamplesThanFoldsWarnsAndTrains() throws {
    var text = "a\tapple pie\na\tapple tart\n"
    for i in 0..<8 { text += "b\tzebra number \(i)\n" }
    let path = try write("few.tsv", text)
    let result = try train([path], ["--folds", "5"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains("stance: warning: label 'a' has 2 examples, fewer than --folds 5"), result.stderr)
    XCTAssertFalse(result.stderr.contains("label 'b'"), result.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: modelPath))
  }

  func testUnknownOrMissingColumns() throws {
    let missing = try write("missing.tsv", "a\tfine text\nonly-one-column\n")
    assertFails(try train([missing]), status: 1, "\(missing):2: missing label column")
    let many = try write("many.tsv", "a\tx\ty\tz\n")
    assertFails(try train([many]), status: 1, "\(many):1: 4 columns")
    let halfHeader = try write("half.tsv", "label\tbody\na\tsome text\n")
    assertFails(try train([halfHeader]), status: 1, "\(halfHeader):1: header must name both a label and a text column")
    let emptyLabel = try write("emptylabel.tsv", "a\tfine\n\tno label here\n")
    assertFails(try train([emptyLabel]), status: 1, "\(emptyLabel):2: empty label")
    // A header may name extra columns; they are ignored.
    let extra = try write("extra.tsv", "id\ttext\tlabel\tcoder\n1\tfirst text\ta\tx\n2\tsecond text\tb\ty\n")
    XCTAssertEqual(try train([extra]).status, 0)
  }

  func testCRLFAndByteOrderMarkAreRead() throws {
    let path = try write(
      "crlf.tsv", [0xEF, 0xBB, 0xBF] + Array("label\ttext\r\na\tfirst text\r\nb\tsecond text\r\n".utf8))
    let result = try train([path], ["--folds", "0", "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(result.json() as? [String: Any])
    XCTAssertEqual(report["examples"] as? Int, 2)
    // The labels carry neither the CR nor the BOM.
    let inspect = try CLI.run(["inspect", "--model", modelPath, "--format", "json"])
    let labels = try XCTUnwrap(inspect.json() as? [String: Any])["labels"] as? [String]
    XCTAssertEqual(labels, ["a", "b"])
  }

  func testInvalidUTF8StopsNamingTheFile() throws {
    let path = try write("latin1.tsv", Array("a\tfirst\nb\tCaf".utf8) + [0xE9] + Array(" owners\n".utf8))
    assertFails(try train([path]), status: 1, "\(path): not UTF-8 text")
  }

  func testBinaryFile() throws {
    // Every byte value, scrambled: not UTF-8.
    let noise = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 13) }
    let path = try write("noise.jsonl", noise)
    assertFails(try train([path]), status: 1, "\(path): not UTF-8 text")
    // Valid UTF-8 control bytes (NULs) in a TSV: a plain bad-line error.
    let nuls = try write("nul.tsv", [UInt8](repeating: 0, count: 300))
    assertFails(try train([nuls]), status: 1, "\(nuls):1: missing label column")
  }

  func testJSONLMalformedLineNamesFileAndLine() throws {
    let path = try write("bad.jsonl", "{\"text\": \"a b\", \"label\": \"x\"}\n\n{\"text\": oops\n")
    assertFails(try train([path]), status: 1, "\(path):3: malformed JSON")
    let notObject = try write("list.jsonl", "[1, 2]\n")
    assertFails(try train([notObject]), status: 1, "\(notObject):1: expected a JSON object")
    let noLabel = try write("nolabel.jsonl", "{\"text\": \"a b\"}\n")
    assertFails(try train([noLabel]), status: 1, "\(noLabel):1: missing \"label\"")
  }

  func testSameTextUnderTwoLabelsIsReportedAndDropped() throws {
    let path = try write("conflict.tsv", "a\tsame text\nb\tsame text\na\tother text\nb\tmore text\n")
    let result = try train([path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("dropped 1 texts labelled differently"), result.stderr)
    XCTAssertTrue(result.stderr.contains("\(path):1 a, \(path):2 b"), result.stderr)
    XCTAssertTrue(result.stderr.contains("read 2 examples"), result.stderr)
  }

  func testDanglingSymlinkInLabelsDirectoryIsAnIOError() throws {
    try write("dir/good.tsv", "a\tfirst text\nb\tsecond text\n")
    let link = directory.appendingPathComponent("dir/gone.tsv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nonexistent/stance/labels.tsv")
    assertFails(try train([directory.appendingPathComponent("dir").path]), status: 2, "\(link): cannot read")
  }

  /// A single huge line: read without crashing, reported by line. 100 MB in release builds;
  /// debug builds (about 4 MB/s here) use 16 MB to keep the suite's time modest.
  func testHugeSingleLine() throws {
    #if DEBUG
      let size = 16 << 20
    #else
      let size = 100 << 20
    #endif
    let url = directory.appendingPathComponent("huge.tsv")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    let block = Data(String(repeating: "word ", count: 1 << 18).utf8)  // 1.25 MiB
    var written = 0
    while written < size {
      handle.write(block)
      written += block.count
    }
    try handle.close()
    // No tab anywhere: line 1 lacks the label column.
    assertFails(try train([url.path]), status: 1, "\(url.path):1: missing label column")
  }
}
