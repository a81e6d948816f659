import Foundation
import XCTest

/// Cross-validation checked against the folds done by hand: with one fold per source, each fold's
/// predictions must be those of a model trained (`--folds 0`) on the other sources' files and
/// evaluated on the held-out one, so the summed confusion matrices agree cell for cell.
final class CrossValidationCommandTests: XCTestCase {
  let sources = 10

  /// Writes the fixture's rows into one file per source (row i goes to source i % `sources`), in
  /// `dir`, named so that their sorted order is the source order; returns the file URLs.
  func writeSourceFiles(in dir: URL) throws -> [URL] {
    let rows = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
      .split(separator: "\n").dropFirst()
    var texts = [String](repeating: "label\ttext\tsource\n", count: sources)
    for (i, row) in rows.enumerated() {
      let parts = row.split(separator: "\t")
      texts[i % sources] += "\(parts[0])\t\(parts[1])\ts\(i % sources)\n"
    }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try texts.enumerated().map { s, text in
      let url = dir.appendingPathComponent("s\(s).tsv")
      try text.write(to: url, atomically: true, encoding: .utf8)
      return url
    }
  }

  func confusion(_ json: Any) throws -> [[Int]] {
    let object = try XCTUnwrap(json as? [String: Any])
    let confusion = try XCTUnwrap(object["confusion"] as? [String: Any])
    XCTAssertEqual(confusion["labels"] as? [String], ["neutral", "pro-alliance", "skeptical", "state-media"])
    return try XCTUnwrap(confusion["matrix"] as? [[Int]])
  }

  func testFoldPredictionsEqualModelsTrainedWithoutEachSource() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = try writeSourceFiles(in: dir.appendingPathComponent("all"))
    for contextFolds in ["0", "3"] {
      let options = ["--context-folds", contextFolds, "--seed", "3"]
      let cv = try CLI.run(
        [
          "train", dir.appendingPathComponent("all").path, "--folds", "\(sources)", "--format", "json", "-o",
          dir.appendingPathComponent("cv.model").path,
        ] + options)
      XCTAssertEqual(cv.status, 0, cv.stderr)
      XCTAssertFalse(cv.stderr.contains("one stage"), cv.stderr)
      var summed = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
      for (held, file) in files.enumerated() {
        let part = dir.appendingPathComponent("without-\(held)")
        try FileManager.default.createDirectory(at: part, withIntermediateDirectories: true)
        for (s, other) in files.enumerated() where s != held {
          try FileManager.default.copyItem(at: other, to: part.appendingPathComponent(other.lastPathComponent))
        }
        let model = dir.appendingPathComponent("without-\(held).model").path
        let trained = try CLI.run(["train", part.path, "--folds", "0", "-o", model] + options)
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertFalse(trained.stderr.contains("no article-context stage"), trained.stderr)
        let evaluated = try CLI.run(["eval", file.path, "--model", model, "--format", "json"])
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)
        let matrix = try confusion(try evaluated.json())
        for r in 0..<4 { for c in 0..<4 { summed[r][c] += matrix[r][c] } }
        try FileManager.default.removeItem(at: part)
      }
      XCTAssertEqual(try confusion(try cv.json()), summed, "context folds \(contextFolds)")
      XCTAssertEqual(summed.joined().reduce(0, +), 210)
      // Some errors and some hits in every row: the comparison is not between trivial matrices.
      for row in summed { XCTAssertTrue(row.filter { $0 > 0 }.count >= 2, "\(summed)") }
    }
  }
}
