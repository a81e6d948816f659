import Classifier
import Foundation
import XCTest

/// `examples/library`, a package that uses the libraries' public API only, builds, and its
/// `score-article` says what `stance` says: the same label and scores on the shipped model, and
/// on models each trains on the same labels.
final class LibraryExampleTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let package = root.appendingPathComponent("examples/library").path

  /// Runs `swift ARGS` and returns its standard output; fails on a non-zero exit.
  static func swift(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift"] + arguments
    let out = Pipe()
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("score-article-build-\(UUID()).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let err = try FileHandle(forWritingTo: log)
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try err.close()
    let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: log)
    guard process.terminationStatus == 0 else {
      throw NSError(
        domain: "LibraryExampleTests", code: Int(process.terminationStatus),
        userInfo: [NSLocalizedDescriptionKey: "swift \(arguments.joined(separator: " ")) failed: \(stderr)"])
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// The `score-article` binary, built once (its first build compiles the libraries again: minutes).
  static let binary: Result<URL, Error> = Result {
    do {
      _ = try swift(["build", "--package-path", package])
    } catch let error as NSError where error.localizedDescription.contains("because of missing inputs") {
      // SwiftPM keeps a path dependency's old file list after its targets change: start afresh.
      try FileManager.default.removeItem(atPath: package + "/.build")
      _ = try swift(["build", "--package-path", package])
    }
    let bin = try swift(["build", "--package-path", package, "--show-bin-path"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return URL(fileURLWithPath: bin).appendingPathComponent("score-article")
  }

  /// Runs `score-article ARGS`.
  func scoreArticle(_ arguments: [String]) throws -> RunResult {
    let process = Process()
    process.executableURL = try Self.binary.get()
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
      status: process.terminationStatus, stdout: data, stderr: String(decoding: errors, as: UTF8.self))
  }

  /// Label and scores of `file` by `score-article score` and by `stance score --format json`.
  func assertSameVerdict(model: String, file: String, line: UInt = #line) throws {
    let library = try scoreArticle(["score", model, file])
    XCTAssertEqual(library.status, 0, library.stderr, line: line)
    let mine = try XCTUnwrap(library.json() as? [String: Any], line: line)
    let cli = try CLI.run(["score", "--format", "json", "--model", model, file])
    XCTAssertEqual(cli.status, 0, cli.stderr, line: line)
    let theirs = try XCTUnwrap((cli.json() as? [[String: Any]])?.first, line: line)
    XCTAssertEqual(Set(mine.keys), ["label", "scores"], line: line)
    XCTAssertEqual(mine["label"] as? String, theirs["label"] as? String, file, line: line)
    let a = try XCTUnwrap(mine["scores"] as? [String: Double], line: line)
    let b = try XCTUnwrap(theirs["scores"] as? [String: Double], line: line)
    XCTAssertEqual(a, b, file, line: line)
    XCTAssertEqual(a.count, 4, line: line)
  }

  func testScoresLikeTheCLIOnTheShippedModel() throws {
    let model = Self.root.appendingPathComponent("models/stance.model").path
    let article = Self.root.appendingPathComponent("examples/readout-biden-xi-2021.txt").path
    for file in [article] + CLI.seeds { try assertSameVerdict(model: model, file: file) }
  }

  func testTrainsTheModelTheCLITrains() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let library = dir.appendingPathComponent("library.model").path
    let trained = try scoreArticle(["train", CLI.labels, library])
    XCTAssertEqual(trained.status, 0, trained.stderr)
    XCTAssertTrue(trained.output.contains("wrote \(library)"), trained.output)
    let cli = dir.appendingPathComponent("cli.model").path
    let result = try CLI.run(["train", CLI.labels, "-o", cli, "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    // The same model but for the tool named in it.
    let a = try ModelFile.read(library)
    let b = try ModelFile.read(cli)
    XCTAssertEqual(a.metadata.toolVersion, "score-article")
    var metadata = a.metadata
    metadata.toolVersion = b.metadata.toolVersion
    XCTAssertEqual(metadata, b.metadata)
    XCTAssertNotNil(a.metadata.crossValidation)
    XCTAssertNotNil(a.context, "a two-stage model")
    XCTAssertEqual(a.classifier, b.classifier)
    XCTAssertEqual(a.context?.classifier, b.context?.classifier)
    XCTAssertEqual(a.vectorizer.idf, b.vectorizer.idf)
    for file in CLI.seeds {
      try assertSameVerdict(model: library, file: file)
      try assertSameVerdict(model: cli, file: file)
    }
  }

  func testRefusesBadUsageWithOneLine() throws {
    let result = try scoreArticle(["score", "only-one-argument"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    XCTAssertTrue(result.stderr.hasPrefix("score-article: usage:"), result.stderr)
  }
}
