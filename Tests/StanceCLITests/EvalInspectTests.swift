import Foundation
import XCTest

final class EvalInspectTests: XCTestCase {
  func testEvalJSONMatchesTheContract() throws {
    let result = try CLI.run(["eval", CLI.labels, "--model", CLI.model, "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(try result.json() as? [String: Any])
    XCTAssertEqual(report["n"] as? Int, 210)
    // Evaluated on its own training data, the model must do well.
    XCTAssertGreaterThan(report["accuracy"] as? Double ?? 0, 0.9)
    XCTAssertNotNil(report["macro_f1"] as? Double)
    let labels = try XCTUnwrap(report["labels"] as? [String: [String: Any]])
    XCTAssertEqual(labels["skeptical"]?["support"] as? Int, 45)
    for key in ["precision", "recall", "f1"] { XCTAssertNotNil(labels["neutral"]?[key] as? Double) }
    let confusion = try XCTUnwrap(report["confusion"] as? [String: Any])
    XCTAssertEqual(confusion["labels"] as? [String], ["neutral", "pro-alliance", "skeptical", "state-media"])
    XCTAssertEqual((confusion["matrix"] as? [[Int]])?.joined().reduce(0, +), 210)
    let text = try CLI.run(["eval", CLI.labels, "--model", CLI.model])
    XCTAssertTrue(text.output.contains("macro-F1"), text.output)
  }

  /// A label the model lacks is bad input: one line naming the file and line, exit 1.
  func testEvalRefusesALabelTheModelLacks() throws {
    let dir = try CLI.temporaryDirectory()
    let held = dir.appendingPathComponent("held.tsv")
    try "label\ttext\nneutral\tThe talks went on.\nhawkish\tThe fleet sailed.\n".write(
      to: held, atomically: true, encoding: .utf8)
    let result = try CLI.run(["eval", held.path, "--model", CLI.model])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "stance: error: \(held.path):3: label 'hawkish' is not one of the model's labels "
        + "(neutral, pro-alliance, skeptical, state-media)\n")
    XCTAssertEqual(result.output, "")
  }

  /// `--errors` lists exactly the misclassified examples: as many as the confusion's off-diagonal
  /// cells, each naming its file and line, with a predicted label other than its own.
  func testEvalErrorsListExactlyTheMisclassifiedExamples() throws {
    let dir = try CLI.temporaryDirectory()
    let held = dir.appendingPathComponent("held.tsv")
    // Sentences the fixture model never saw, some of them hard.
    try """
    label	text
    neutral	The delegation arrived in Manila on Tuesday for two days of talks.
    pro-alliance	The allies pledged to stand together against coercion in the region.
    skeptical	Seoul doubts that Washington will still defend it once the costs rise.
    state-media	The so-called rules-based order is a tool of US hegemony and Cold War mentality.
    neutral	Hegemony was the word of the day at the seminar on Greek history.
    skeptical	The allies smiled for the cameras.
    pro-alliance	Nothing was agreed.

    """.write(to: held, atomically: true, encoding: .utf8)
    let result = try CLI.run(["eval", held.path, "--model", CLI.model, "--format", "json", "--errors"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(try result.json() as? [String: Any])
    let matrix = try XCTUnwrap((report["confusion"] as? [String: Any])?["matrix"] as? [[Int]])
    let offDiagonal = matrix.indices.reduce(0) { sum, t in
      sum + matrix[t].indices.filter { $0 != t }.map { matrix[t][$0] }.reduce(0, +)
    }
    let errors = try XCTUnwrap(report["errors"] as? [[String: Any]])
    XCTAssertEqual(errors.count, offDiagonal)
    XCTAssertGreaterThan(errors.count, 0, "the last two rows are labelled against their words")
    let lines = try String(contentsOf: held, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    for error in errors {
      XCTAssertEqual(error["file"] as? String, held.path)
      let line = try XCTUnwrap(error["line"] as? Int)
      let row = lines[line - 1].split(separator: "\t")
      XCTAssertEqual(error["label"] as? String, String(row[0]))
      XCTAssertEqual(error["text"] as? String, String(row[1]))
      XCTAssertNotEqual(error["predicted"] as? String, error["label"] as? String)
      let scores = try XCTUnwrap(error["scores"] as? [String: Double])
      XCTAssertEqual(scores.values.reduce(0, +), 1, accuracy: 1e-5)
      XCTAssertEqual(scores.max { $0.value < $1.value }?.key, error["predicted"] as? String)
    }
    let text = try CLI.run(["eval", held.path, "--model", CLI.model, "--errors"])
    XCTAssertTrue(text.output.contains("errors: \(errors.count)"), text.output)
    XCTAssertTrue(text.output.contains("\(held.path):"), text.output)
  }

  func testEvalRejectsUnknownLabelNamingTheLine() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("x.tsv")
    try "neutral\tThe talks were held.\nopinion\tThis is great.\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try CLI.run(["eval", file.path, "--model", CLI.model])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(file.path):2: label 'opinion'"), result.stderr)
  }

  func testInspectShowsLabelsMetadataAndTopFeatures() throws {
    let result = try CLI.run(["inspect", "--model", CLI.model, "--format", "json", "--top", "5"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(try result.json() as? [String: Any])
    XCTAssertEqual(report["labels"] as? [String], ["neutral", "pro-alliance", "skeptical", "state-media"])
    let metadata = try XCTUnwrap(report["metadata"] as? [String: Any])
    XCTAssertEqual(metadata["trainingExamples"] as? Int, 210)
    XCTAssertEqual((metadata["trainingDataHash"] as? String)?.count, 16)
    let top = try XCTUnwrap(report["top_features"] as? [String: [[String: Any]]])
    XCTAssertEqual(top["state-media"]?.count, 5)
    let weights = top["state-media"]!.compactMap { $0["weight"] as? Double }
    XCTAssertEqual(weights, weights.sorted(by: >))
    let text = try CLI.run(["inspect", "--model", CLI.model])
    XCTAssertTrue(text.output.contains("top features for state-media:"), text.output)
    XCTAssertTrue(text.output.contains("labels:     neutral, pro-alliance, skeptical, state-media"), text.output)
  }
}
