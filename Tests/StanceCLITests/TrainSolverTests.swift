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
