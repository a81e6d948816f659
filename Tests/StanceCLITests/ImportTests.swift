import Foundation
import XCTest

/// Labels from annotation tools train: a Label Studio export (JSON, and tasks as JSONL) and a
/// CSV with named columns, each on a sample file in its real format (Fixtures/imports).
final class ImportTests: ScratchDirectoryTestCase {
  var imports: String { CLI.fixtures.appendingPathComponent("imports").path }

  func train(_ args: [String]) throws -> RunResult {
    try CLI.run(["train"] + args + ["--folds", "0", "--context-folds", "0", "--force", "-o", path("m.model")])
  }

  func testLabelStudioExportTrainsAndReportsSkippedTasks() throws {
    let file = imports + "/label-studio-export.json"
    let result = try train([file])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stderr,
      """
      read 28 examples from 1 files: neutral 9, pro-alliance 4, skeptical 7, state-media 8
      skipped 2 tasks without a usable label: 1 every annotation cancelled, 1 no annotation
        \(file):539: no annotation
        \(file):563: every annotation cancelled

      """)
    // Tasks one a line read the same way.
    let lines = try train([imports + "/label-studio-tasks.jsonl"])
    XCTAssertEqual(lines.status, 0, lines.stderr)
    XCTAssertTrue(
      lines.stderr.hasPrefix(
        "read 10 examples from 1 files: neutral 2, pro-alliance 1, skeptical 3, state-media 4\n"
          + "skipped 2 tasks without a usable label: 1 every annotation cancelled, 1 no annotation\n"), lines.stderr)
  }

  func testCSVWithNamedColumnsTrains() throws {
    let file = imports + "/coded-sentences.csv"
    let unnamed = try train([file])
    XCTAssertEqual(unnamed.status, 1)
    XCTAssertEqual(
      unnamed.stderr,
      "stance: error: \(file):1: no text column \"text\" in the header (row, article_id, sentence, code, coder, notes); "
        + "name it with --text-column\n")
    let result = try train([
      file, "--text-column", "sentence", "--label-column", "code", "--source-column", "article_id", "--format", "json",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual((try result.json() as? [String: Any])?["examples"] as? Int, 30)
    // The cell with a line break is one example, its text whole.
    let inspect = try CLI.run(["inspect", "--model", path("m.model"), "--format", "json", "--top", "0"])
    let metadata = try XCTUnwrap((try inspect.json() as? [String: Any])?["metadata"] as? [String: Any])
    XCTAssertEqual(metadata["examplesPerLabel"] as? [Int], [10, 4, 7, 9])
    // A source column that is not there is an error when named.
    let missing = try train([file, "--text-column", "sentence", "--label-column", "code", "--source-column", "doc"])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(missing.stderr.contains("\(file):1: no source column \"doc\""), missing.stderr)
  }

  func testTheCLINamesTheOptionForAMissingField() throws {
    // The library names the field; the command adds the option that names it.
    let file = try write(
      "e.json",
      """
      [
        {"id": 4, "data": {"sentence": "The ministers met."}, "annotations": []}
      ]
      """)
    let result = try train([file])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "stance: error: \(file):2: task 4 has no data.text string (data holds sentence); name it with --text-column\n")
    let choices = try write(
      "c.json",
      """
      [
        {"id": 5, "data": {"text": "The ministers met."}, "annotations": [{"result": [
          {"from_name": "stance", "value": {"choices": ["neutral"]}},
          {"from_name": "confidence", "value": {"choices": ["high"]}}]}]},
        {"id": 6, "data": {"text": "The pact will hold."}, "annotations": [{"result": [
          {"from_name": "stance", "value": {"choices": ["pro-alliance"]}}]}]},
        {"id": 7, "data": {"text": "The pact will fail."}, "annotations": [{"result": [
          {"from_name": "stance", "value": {"choices": ["skeptical"]}}]}]}
      ]
      """)
    let skipped = try train([choices])
    XCTAssertEqual(skipped.status, 0, skipped.stderr)
    XCTAssertTrue(
      skipped.stderr.contains(
        "\(choices):2: choices from 2 fields (stance, confidence), none named as the label field; "
          + "--label-column NAME picks one\n"), skipped.stderr)
  }

  func testOtherJSONAndCSVFilesInALabelsFolderArePassedOver() throws {
    // A labels folder may hold metadata and tables beside the labels: each passed over with a notice.
    let sample = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    try write("labels/sample.tsv", sample)
    let export = try String(contentsOfFile: imports + "/label-studio-export.json", encoding: .utf8)
    try write("labels/studio/export.json", export)
    let meta = try write("labels/meta.json", "{\"annotator\": \"kim\"}\n")
    let list = try write("labels/list.json", "[1, 2]\n")
    let broken = try write("labels/broken.json", "{\"annotator\": \n")
    let scores = try write("labels/scores.csv", "id,label,neutral\na.txt,neutral,0.9\n")
    let result = try train([path("labels")])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    XCTAssertEqual(
      lines.filter { $0.hasPrefix("skipped ") && !$0.contains("tasks without") },
      [
        "skipped \(broken): malformed JSON, not a Label Studio export",
        "skipped \(list): not a Label Studio export (its first element is not a task)",
        "skipped \(meta): not a Label Studio export (a JSON array of tasks)",
        "skipped \(scores): no \"text\" and \"label\" columns in its header",
      ])
    // The export in the folder is read (its 28 examples beside the sample's), from 2 files.
    XCTAssertTrue(lines.contains { $0.hasPrefix("read ") && $0.contains(" from 2 files") }, result.stderr)
    // Named directly, such a file is an error, as before.
    for (file, problem) in [
      (meta, "\(meta):1: expected a Label Studio export (a JSON array of tasks)"),
      (scores, "\(scores):1: no text column \"text\" in the header (id, label, neutral); name it with --text-column"),
    ] {
      let named = try train([file])
      XCTAssertEqual(named.status, 1)
      XCTAssertEqual(named.stderr, "stance: error: \(problem)\n")
    }
  }

  func testUnreviewedLabelsAreRefusedNamingTheLine() throws {
    let file = try write(
      "next.tsv", "label\ttext\tsource\nneutral\tThe ministers met.\ta\n?skeptical\tThe pact may not hold.\tb\n")
    let result = try train([file])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "stance: error: \(file):3: unreviewed label '?skeptical' (a guess marked for review): replace it with the label "
        + "the text deserves, or delete the line\n")
  }
}
