import Foundation
import XCTest

/// Issue 20: every speed change to scoring must leave the output bytes as they were. The files
/// in Fixtures/golden were written by `stance score` with the shipped model before the speed
/// work of issue 20 (commands below); each format is scored again here and compared byte for byte,
/// with one thread and with two.
///
/// Input: the five seed articles as files, and `golden/seeds.jsonl`, the same articles three
/// times as JSONL records (every other one with its blank lines folded, every third with
/// non-ASCII escaped as `\uXXXX`, and an `outlet` member), so that page chrome, context, metadata
/// and escapes all reach the output. Regenerate only for a deliberate change of the output:
///
///     stance score --sentences --format jsonl golden/seeds.jsonl > golden/seeds.sentences.jsonl
///     stance score --sentences --format csv golden/seeds.jsonl > golden/seeds.sentences.csv
///     stance score --sentences --format text seeds/*.txt > golden/seeds.sentences.txt
///     stance score --format json seeds/*.txt > golden/seeds.json
final class ScoreGoldenOutputTests: XCTestCase {
  let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("models/stance.model").path
  var golden: URL { CLI.fixtures.appendingPathComponent("golden") }

  func expected(_ name: String) throws -> Data { try Data(contentsOf: golden.appendingPathComponent(name)) }

  /// Runs `stance score` with the shipped model and checks its output against `name`.
  /// Runs in the fixtures folder, so that files named `seeds/...` have the ids of the golden files.
  func check(_ arguments: [String], against name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let want = try expected(name)
    for threads in ["1", "2"] {
      let result = try CLI.run(
        ["score", "--model", shipped, "--threads", threads] + arguments, in: CLI.fixtures)
      XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
      XCTAssertFalse(want.isEmpty, file: file, line: line)
      if result.stdout != want {
        let got = [UInt8](result.stdout)
        let expected = [UInt8](want)
        let first =
          zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
          ?? min(got.count, expected.count)
        XCTFail(
          "\(name), \(threads) threads: \(got.count) bytes against \(want.count), first difference at byte \(first)",
          file: file, line: line)
      }
    }
  }

  func testJSONLWithSentencesIsByteIdentical() throws {
    try check(
      ["--sentences", "--format", "jsonl", "golden/seeds.jsonl"],
      against: "seeds.sentences.jsonl")
  }

  func testCSVWithSentencesIsByteIdentical() throws {
    try check(
      ["--sentences", "--format", "csv", "golden/seeds.jsonl"],
      against: "seeds.sentences.csv")
  }

  func testTextAndJSONOfFilesAreByteIdentical() throws {
    let seeds = CLI.seeds.map { "seeds/" + URL(fileURLWithPath: $0).lastPathComponent }
    XCTAssertEqual(seeds.count, 5)
    try check(["--sentences", "--format", "text"] + seeds, against: "seeds.sentences.txt")
    try check(["--format", "json"] + seeds, against: "seeds.json")
  }
}
