import Foundation
import XCTest

/// Numerical edge cases of `stance train`: rows left empty by min_df, a label missing from a
/// fold's training part, and a huge C. Each trains a usable model or fails with a plain message.
final class RobustnessNumericsTests: ScratchDirectoryTestCase {
  var model: String { path("m.model") }

  /// Scores `text` and returns the probabilities.
  func scores(_ text: String, model: String) throws -> [String: Double] {
    let result = try CLI.run(["score", "--model", model, "--format", "jsonl", "-"], stdin: Data(text.utf8))
    XCTAssertEqual(result.status, 0, result.stderr)
    return try XCTUnwrap(try result.jsonLines().first?["scores"] as? [String: Double])
  }

  func testRowsEmptyAfterMinDFStillTrain() throws {
    // "qqq" and "www" occur once: with --min-df 2 (word unigrams only, whatever the defaults)
    // their rows have no features at all.
    let labels = try write("md.tsv", "a\tapple pie\na\tapple tart\nb\tzebra one\nb\tzebra two\na\tqqq\nb\twww\n")
    let result = try CLI.run([
      "train", labels, "--min-df", "2", "--word-ngrams", "1", "--char-ngrams", "off", "--folds", "0", "-o", model,
      "--format", "json",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(try XCTUnwrap(result.json() as? [String: Any])["features"] as? Int, 2)
    let empty = try scores("qqq www", model: model)
    XCTAssertTrue(empty.values.allSatisfy(\.isFinite))
    XCTAssertEqual(empty.values.reduce(0, +), 1, accuracy: 1e-5)
    XCTAssertGreaterThan(try scores("apple", model: model)["a"] ?? 0, 0.5)
  }

  func testEveryRowEmptyAfterMinDFIsAPlainError() throws {
    let labels = try write("unique.tsv", "a\tuno\nb\tdos\na\ttres\nb\tcuatro\n")
    let result = try CLI.run([
      "train", labels, "--min-df", "2", "--word-ngrams", "1-2", "--char-ngrams", "off", "--folds", "0", "-o", model,
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("stance: error: no features left"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: model))
  }

  func testLabelAbsentFromAFoldsTrainingPartIsAPlainError() throws {
    // Every 'a' sentence comes from one article: grouped folds put all of them on one side.
    let labels = try write(
      "grouped.tsv",
      "a\tone x\tart1\na\ttwo x\tart1\na\tthree x\tart1\nb\tfour y\tb1\nb\tfive y\tb2\nb\tsix y\tb3\nb\tseven\tb4\n")
    let result = try CLI.run(["train", labels, "--folds", "2", "-o", model])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains("stance: error: label 'a' has too few examples (or sources) for 2 folds"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: model))
  }

  func testVeryLargeCTrainsFiniteModel() throws {
    let result = try CLI.run(["train", CLI.labels, "--c", "1e12", "--folds", "0", "-o", model, "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(result.json() as? [String: Any])
    XCTAssertNotNil(report["iterations"] as? Int)
    let probabilities = try scores("Allies stand together against hegemony.", model: model)
    XCTAssertTrue(probabilities.values.allSatisfy(\.isFinite), "\(probabilities)")
    XCTAssertEqual(probabilities.values.reduce(0, +), 1, accuracy: 1e-5)
    let inspect = try CLI.run(["inspect", "--model", model, "--format", "json"])
    XCTAssertEqual(inspect.status, 0, inspect.stderr)
    for bad in ["\"nan\"", "\"inf\"", "\"-inf\""] { XCTAssertFalse(inspect.output.contains(bad), inspect.output) }
  }
}
