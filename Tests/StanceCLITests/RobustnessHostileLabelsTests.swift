import Foundation
import XCTest

/// Issue 15, cases 14, 15, 16 and 19 for `stance train`: labels from pipes and FIFOs, valid
/// JSON that Foundation cannot hold, a `stance.json` that is not a file, UTF-16 labels.
final class RobustnessHostileLabelsTests: ScratchDirectoryTestCase {
  let tsv = "a\tAllies rally together.\nb\tThe hegemon bullies.\na\tPartners meet.\nb\tBloc politics fail.\n"

  func train(_ labels: [String]) throws -> RunResult {
    try CLI.run(["train"] + labels + ["-o", path("x.model"), "--folds", "0", "--context-folds", "0"])
  }

  func testFIFOInALabelsFolderIsReadAsAStream() throws {
    try write("l/a.tsv", tsv)
    XCTAssertEqual(mkfifo(path("l/b.tsv"), 0o644), 0)
    let other = "a\tFriends gather.\nb\tThe empire schemes.\na\tDemocracies unite.\nb\tAlliances crumble.\n"
    let feeder = Thread { [path = path("l/b.tsv")] in
      try? Data(other.utf8).write(to: URL(fileURLWithPath: path))
    }
    feeder.start()
    let result = try train([path("l")])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("read 8 examples from 2 files"), result.stderr)
  }

  func testValidJSONThatCannotBeHeldSaysWhy() throws {
    let good = "{\"label\":\"a\",\"text\":\"Allies rally.\"}\n{\"label\":\"b\",\"text\":\"Blocs fail.\"}\n"
    let big = try write("big.jsonl", good + "{\"label\":\"a\",\"text\":\"x y\",\"source\":1e400}\n")
    var result = try train([big])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(big):3: a number out of range ("), result.stderr)
    let nested =
      "{\"label\":\"a\",\"text\":\"x y\",\"m\":" + String(repeating: "[", count: 1000)
      + String(repeating: "]", count: 1000) + "}\n"
    let deep = try write("deep.jsonl", good + nested)
    result = try train([deep])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stderr, "stance: error: \(deep):3: JSON nested more than 512 levels deep\n")
  }

  func testStanceJSONThatIsNotAFileIsAnError() throws {
    try write("d/l.tsv", tsv)
    try FileManager.default.createDirectory(atPath: path("d/stance.json"), withIntermediateDirectories: true)
    try write("f/l.tsv", tsv)
    XCTAssertEqual(mkfifo(path("f/stance.json"), 0o644), 0)
    try write("z/l.tsv", tsv)
    try FileManager.default.createSymbolicLink(atPath: path("z/stance.json"), withDestinationPath: "/dev/zero")
    for folder in ["d", "f", "z"] {
      let result = try train([path(folder)])
      XCTAssertEqual(result.status, 1, folder)
      XCTAssertTrue(
        result.stderr.hasSuffix(
          "stance: error: \(path(folder))/stance.json: not a regular file (a directory, device or pipe)\n"),
        result.stderr)
    }
    try write("v/l.tsv", tsv)
    try write("v/stance.json", "{\"article_rule\": {\"precedence_votes\": 1e30}}")
    let votes = try train([path("v")])
    XCTAssertEqual(votes.status, 1)
    XCTAssertTrue(
      votes.stderr.hasSuffix(
        "stance: error: \(path("v"))/stance.json: precedence_votes must be a whole number from 1 to 1000000, found 1e+30\n"
      ), votes.stderr)
  }

  func testUTF16LabelsAreRefusedByName() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in tsv.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let file = try write("u.tsv", bytes)
    let result = try train([file])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr, "stance: error: \(file):1: UTF-16LE text (byte-order mark), not UTF-8; convert it first\n")
  }
}
