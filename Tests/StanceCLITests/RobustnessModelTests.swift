import Classifier
@testable import LinearModel
import Foundation
import XCTest

/// Damaged model files are plain errors with exit 2, and training never loses a model:
/// a failed or interrupted run leaves the old file byte for byte and no temporary files.
final class RobustnessModelTests: ScratchDirectoryTestCase {
  /// Scores a short text with the model at `model`.
  func score(model: String) throws -> RunResult {
    try CLI.run(["score", "--model", model, "--format", "jsonl", "-"], stdin: Data("Allies stand together.".utf8))
  }

  /// Asserts exit 2 with one error line starting with the model path and containing `expected`.
  func assertModelError(
    _ result: RunResult, _ model: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.status, 2, result.stderr, file: file, line: line)
    XCTAssertTrue(
      result.stderr.hasPrefix("stance: error: \(model): ") && result.stderr.contains(expected),
      "\(result.stderr) lacks \(expected)", file: file, line: line)
    XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr, file: file, line: line)
    XCTAssertTrue(result.stdout.isEmpty, file: file, line: line)
  }

  func testEmptyFileDirectoryWrongMagicAndNewerVersion() throws {
    let empty = path("empty.model")
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    assertModelError(try score(model: empty), empty, "empty file")
    assertModelError(try score(model: directory.path), directory.path, "is a directory")
    let text = path("notes.model")
    try Data("label\ttext\n".utf8).write(to: URL(fileURLWithPath: text))
    assertModelError(try score(model: text), text, "not a stance model file")
    var bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.model))
    bytes[8] = 6  // format version 6
    let newer = path("newer.model")
    try bytes.write(to: URL(fileURLWithPath: newer))
    assertModelError(try score(model: newer), newer, "model file format 6 is newer than this stance reads (5)")
    assertModelError(
      try CLI.run(["inspect", "--model", newer]), newer, "is newer than this stance reads")
  }

  /// Cut points spread over the whole file (the library test tries every byte of a small model).
  func testTruncatedModelsAreErrors() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.model))
    let cuts = Set((0..<24).map { $0 * bytes.count / 24 } + [1, 7, 8, 23, 24, bytes.count - 1])
    let cut = path("cut.model")
    for n in cuts.sorted() where n > 0 {
      try bytes.prefix(n).write(to: URL(fileURLWithPath: cut))
      let result = try score(model: cut)
      assertModelError(result, cut, "truncated model file")
    }
  }

  func testFlippedBytesAreErrors() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.model))
    let flipped = path("flipped.model")
    for i in 0..<24 {
      let position = (i * 7919 + 3) % bytes.count
      var damaged = bytes
      damaged[position] ^= 0x10
      try damaged.write(to: URL(fileURLWithPath: flipped))
      let result = try score(model: flipped)
      XCTAssertEqual(result.status, 2, "byte \(position): \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(flipped): "), "byte \(position): \(result.stderr)")
    }
  }

  /// Trains the fixture model into `model` and returns its bytes.
  func trainExisting(_ model: String) throws -> Data {
    let result = try CLI.run(["train", CLI.labels, "-o", model, "--folds", "0"])
    XCTAssertEqual(result.status, 0, result.stderr)
    return try Data(contentsOf: URL(fileURLWithPath: model))
  }

  /// Files in `directory` other than `keep`: temporary files would show here.
  func leftovers(keep: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path("models")).filter { $0 != keep }
  }

  func testFailedTrainingLeavesTheModelUntouched() throws {
    let model = path("models/stance.model")
    let before = try trainExisting(model)
    let bad = path("bad.tsv")
    try Data("a\tfine text\nno tab here\n".utf8).write(to: URL(fileURLWithPath: bad))
    let result = try CLI.run(["train", bad, "-o", model])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model)), before)
    // Fails after reading, in the features step: still untouched.
    let late = try CLI.run(["train", CLI.labels, "-o", model, "--min-df", "0.99", "--folds", "0"])
    XCTAssertEqual(late.status, 1, late.stderr)
    XCTAssertTrue(late.stderr.contains("no features left"), late.stderr)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model)), before)
    XCTAssertEqual(try leftovers(keep: "stance.model"), [])
  }

  /// SIGINT in the middle of a long training run: the old model stays, no temporary file is left.
  func testInterruptedTrainingLeavesTheModelUntouched() throws {
    let model = path("models/stance.model")
    let before = try trainExisting(model)
    // A bigger synthetic labels file, so training runs for seconds in a debug build.
    let vocabulary = (0..<3000).map { "w\($0)" }
    var generator = SplitMix64(seed: 7)
    var text = ""
    for i in 0..<20000 {
      let label = ["neutral", "pro-alliance", "skeptical", "state-media"][i % 4]
      let words = (0..<12).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }
      text += "\(label)\t\(label.prefix(3)) \(words.joined(separator: " "))\tsrc\(i % 500)\n"
    }
    let big = path("big.tsv")
    try Data(text.utf8).write(to: URL(fileURLWithPath: big))
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = [
      "train", big, "-o", model, "--force", "--folds", "10", "--word-ngrams", "1-3", "--threads", "1",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    XCTAssertTrue(process.isRunning, "training finished before the interrupt; make the fixture bigger")
    process.interrupt()  // SIGINT
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .uncaughtSignal)
    XCTAssertEqual(process.terminationStatus, SIGINT)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model)), before)
    XCTAssertEqual(try leftovers(keep: "stance.model"), [])
  }
}
