import Foundation
import XCTest

/// The shipped default model: reproducible from `labels/`, and right on the seed articles.
final class ShippedModelTests: XCTestCase {
  /// The package root (this file is Tests/StanceCLITests/ShippedModelTests.swift).
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func testTrainingOnTheLabelsReproducesTheShippedModelByteForByte() throws {
    let shipped = root.appendingPathComponent("models/stance.model")
    let dir = try CLI.temporaryDirectory()
    let rebuilt = dir.appendingPathComponent("stance.model")
    // Exactly `stance train labels/`, run from the package root, written elsewhere.
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["train", "labels/", "-o", rebuilt.path]
    process.currentDirectoryURL = root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    let expected = try Data(contentsOf: shipped)
    let actual = try Data(contentsOf: rebuilt)
    XCTAssertEqual(actual.count, expected.count)
    XCTAssertTrue(actual == expected, "models/stance.model differs from `stance train labels/`: retrain and commit it")
  }

  func testDefaultModelLabelsTheStateMediaSeedsStateMedia() throws {
    for seed in ["001_8c3dacf5be8a7bb9.txt", "004_7d4c0a3551aecea8.txt"] {
      let path = CLI.fixtures.appendingPathComponent("seeds/" + seed).path
      // No --model: the binary finds models/stance.model above its build directory.
      let result = try CLI.run(["score", path])
      XCTAssertEqual(result.status, 0, result.stderr)
      let record = try XCTUnwrap(try result.jsonLines().first)
      XCTAssertEqual(record["label"] as? String, "state-media", "\(seed): \(record)")
    }
  }

  /// Seed 001's metadata lines (a corpus tool's Fact Box) are page chrome, not sentences.
  func testTheShippedModelMarksSeed001sMetadataAsBoilerplate() throws {
    let path = CLI.fixtures.appendingPathComponent("seeds/001_8c3dacf5be8a7bb9.txt").path
    let result = try CLI.run(["score", "--sentences", "--format", "jsonl", path])
    XCTAssertEqual(result.status, 0, result.stderr)
    let record = try XCTUnwrap(try result.jsonLines().first)
    let spans = try XCTUnwrap(record["spans"] as? [[String: Any]])
    let text = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    func line(_ span: [String: Any]) -> String {
      String(decoding: text[(span["start"] as! Int)..<(span["end"] as! Int)], as: UTF8.self)
    }
    for prefix in ["Fact Box", "Level:", "Tokens:", "Types:", "TTR:"] {
      let span = try XCTUnwrap(spans.first { line($0).hasPrefix(prefix) }, prefix)
      XCTAssertEqual(span["boilerplate"] as? Bool, true, "\(prefix) line: \(span)")
    }
    let prose = spans.filter { $0["boilerplate"] == nil }
    XCTAssertEqual(record["sentences"] as? Int, prose.count)
    XCTAssertGreaterThan(prose.count, 30, "the article's sentences stay prose")
  }
}
