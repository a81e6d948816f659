import Foundation
import XCTest

/// `train -o` replaces a model only when it was trained on the same data (or with `--force`),
/// and `score`, `eval` and `inspect` find the model `train` wrote in the current folder.
final class ModelReplacementTests: ScratchDirectoryTestCase {
  func testTrainInAFolderThenScoreThereUsesThatModel() throws {
    let result = try CLI.run(["train", CLI.labels, "--folds", "0", "--context-folds", "0"], in: directory)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.output.hasSuffix("wrote models/stance.model\n"), result.output)
    let model = path("models/stance.model")
    let inspect = try CLI.run(["inspect", "--format", "json", "--top", "0"], in: directory)
    XCTAssertEqual(inspect.status, 0, inspect.stderr)
    XCTAssertEqual((try inspect.json() as? [String: Any])?["model"] as? String, model)
    // The same scores as naming the model; STANCE_MODEL and --model still come first.
    let text = Data("The alliance stands together against coercion.".utf8)
    let found = try CLI.run(["score"], stdin: text, in: directory)
    let named = try CLI.run(["score", "--model", model], stdin: text)
    XCTAssertEqual(found.status, 0, found.stderr)
    XCTAssertEqual(found.output, named.output)
    let other = try CLI.run(
      ["inspect", "--format", "json", "--top", "0"], environment: ["STANCE_MODEL": CLI.model], in: directory)
    XCTAssertEqual((try other.json() as? [String: Any])?["model"] as? String, CLI.model)
  }

  func testAModelTrainedOnOtherDataIsReplacedOnlyWithForce() throws {
    let model = path("models/stance.model")
    let train = ["--folds", "0", "--context-folds", "0", "-o", model]
    XCTAssertEqual(try CLI.run(["train", CLI.labels] + train).status, 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: model))
    // Other data: refused before any training, naming --force; the model stays as it was.
    let other = try write("mine.tsv", "neutral\tThe ministers met on Monday.\nskeptical\tThe pact may not hold.\n")
    let refused = try CLI.run(["train", other, "--format", "json"] + train)
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.hasPrefix("stance: error: \(model): holds a model trained on different data ("), refused.stderr)
    XCTAssertTrue(refused.stderr.hasSuffix("pass --force to replace it, or -o to write elsewhere\n"), refused.stderr)
    XCTAssertEqual(refused.output, "")
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: model)), before)
    // The same data again (other settings): replaced silently.
    let same = try CLI.run(["train", CLI.labels, "--c", "0.37"] + train)
    XCTAssertEqual(same.status, 0, same.stderr)
    XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: model)), before)
    // --force replaces it.
    let forced = try CLI.run(["train", other, "--force"] + train)
    XCTAssertEqual(forced.status, 0, forced.stderr)
    let inspect = try CLI.run(["inspect", "--model", model, "--format", "json", "--top", "0"])
    XCTAssertEqual(
      ((try inspect.json() as? [String: Any])?["metadata"] as? [String: Any])?["trainingExamples"] as? Int, 2)
  }

  func testAFileThatIsNotAModelIsKeptButAnEmptyOneIsReplaced() throws {
    let notes = try write("notes.model", "my notes, not a model")
    let refused = try CLI.run(["train", CLI.labels, "--folds", "0", "--context-folds", "0", "-o", notes])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.contains("\nstance: error: \(notes): exists and is not a model this stance reads ("),
      refused.stderr)
    XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "my notes, not a model")
    let empty = try write("empty.model", "")
    let written = try CLI.run(["train", CLI.labels, "--folds", "0", "--context-folds", "0", "-o", empty])
    XCTAssertEqual(written.status, 0, written.stderr)
  }
}
