import Foundation
import XCTest

/// `stance train --solver` and `--epochs`: the sgd path reports itself, gives the same model
/// bytes whatever the threads, and bad values are usage errors.
final class TrainSolverTests: XCTestCase {
  func testSGDReportsEpochsAndIsByteIdenticalWhateverTheThreads() throws {
    let dir = try CLI.temporaryDirectory()
    let a = dir.appendingPathComponent("a.model").path
    let b = dir.appendingPathComponent("b.model").path
    let common = ["--folds", "0", "--context-folds", "0", "--solver", "sgd", "--epochs", "3"]
    let one = try CLI.run(["train", CLI.labels, "-o", a, "--threads", "1", "--format", "json"] + common)
    XCTAssertEqual(one.status, 0, one.stderr)
    let report = try XCTUnwrap(try one.json() as? [String: Any])
    XCTAssertEqual(report["solver"] as? String, "sgd")
    XCTAssertEqual(report["iterations"] as? Int, 3)
    let two = try CLI.run(["train", CLI.labels, "-o", b, "--threads", "2"] + common)
    XCTAssertEqual(two.status, 0, two.stderr)
    XCTAssertTrue(two.output.contains("3 epochs of sgd"), two.output)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
    // The model scores like any other.
    let evaluation = try CLI.run(["eval", CLI.labels, "--model", a, "--format", "json"])
    XCTAssertEqual(evaluation.status, 0, evaluation.stderr)
    let accuracy = try XCTUnwrap((try evaluation.json() as? [String: Any])?["accuracy"] as? Double)
    XCTAssertGreaterThan(accuracy, 0.5)
  }

  /// A table large enough that `--threads 2` reads it in two byte ranges: the same model bytes as
  /// one thread, and a bad line near its end is named the same way.
  func testSGDOnALargeTableIsByteIdenticalWhateverTheThreads() throws {
    let dir = try CLI.temporaryDirectory()
    let sample = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    let rows = sample.split(separator: "\n").dropFirst()
    var lines = ["label\ttext\tsource"]
    for copy in 0..<5 {
      lines.append("# copy \(copy)")
      for (i, row) in rows.enumerated() {
        let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
        let end = (i + copy) % 7 == 0 ? "\r" : ""
        lines.append("\(fields[0])\t\(fields[1]) (\(copy))\t\(fields.count > 2 ? fields[2] : "")\(end)")
      }
    }
    let table = dir.appendingPathComponent("large.tsv")
    try (lines.joined(separator: "\n") + "\n").write(to: table, atomically: true, encoding: .utf8)
    XCTAssertGreaterThan(try Data(contentsOf: table).count, 2 << 16, "two ranges of at least 64 KiB")
    let common = ["--folds", "0", "--context-folds", "0", "--solver", "sgd", "--epochs", "2", "--format", "json"]
    var models: [Data] = []
    for threads in ["1", "2"] {
      let model = dir.appendingPathComponent("m\(threads).model").path
      let run = try CLI.run(["train", table.path, "-o", model, "--threads", threads] + common)
      XCTAssertEqual(run.status, 0, run.stderr)
      XCTAssertEqual((try run.json() as? [String: Any])?["examples"] as? Int, 5 * rows.count)
      models.append(try Data(contentsOf: URL(fileURLWithPath: model)))
    }
    XCTAssertEqual(models[0], models[1])
    lines[lines.count - 3] = "neutral\t \tsomewhere"
    try (lines.joined(separator: "\n") + "\n").write(to: table, atomically: true, encoding: .utf8)
    for threads in ["1", "2"] {
      let model = dir.appendingPathComponent("bad.model").path
      let run = try CLI.run(["train", table.path, "-o", model, "--threads", threads] + common)
      XCTAssertEqual(run.status, 1)
      XCTAssertTrue(run.stderr.contains("\(table.path):\(lines.count - 2): empty text"), run.stderr)
      XCTAssertFalse(FileManager.default.fileExists(atPath: model))
    }
  }

  func testLBFGSIsNamedAndBadValuesAreUsageErrors() throws {
    let dir = try CLI.temporaryDirectory()
    let model = dir.appendingPathComponent("m.model").path
    let lbfgs = try CLI.run([
      "train", CLI.labels, "-o", model, "--folds", "0", "--context-folds", "0", "--solver", "lbfgs", "--format", "json",
    ])
    XCTAssertEqual(lbfgs.status, 0, lbfgs.stderr)
    XCTAssertEqual((try lbfgs.json() as? [String: Any])?["solver"] as? String, "lbfgs")
    for args in [["--epochs", "0"], ["--solver", "newton"]] {
      let result = try CLI.run(["train", CLI.labels, "-o", model] + args)
      XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("stance: error: "), result.stderr)
    }
  }
}
