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
