import Foundation
import XCTest

final class TrainCommandTests: XCTestCase {
  func testTrainJSONReportsCrossValidationAndWritesModel() throws {
    let dir = try CLI.temporaryDirectory()
    let model = dir.appendingPathComponent("m.model").path
    let result = try CLI.run(["train", CLI.labels, "-o", model, "--folds", "3", "--format", "json", "--threads", "2"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(try result.json() as? [String: Any])
    XCTAssertEqual(report["examples"] as? Int, 210)
    XCTAssertEqual(report["n"] as? Int, 210)
    XCTAssertEqual(report["folds"] as? Int, 3)
    XCTAssertEqual(report["model"] as? String, model)
    XCTAssertGreaterThan(report["features"] as? Int ?? 0, 100)
    let accuracy = try XCTUnwrap(report["accuracy"] as? [String: Double])
    XCTAssertGreaterThan(accuracy["mean"] ?? 0, 0.3)
    XCTAssertNotNil((report["macro_f1"] as? [String: Double])?["std"])
    let labels = try XCTUnwrap(report["labels"] as? [String: [String: Any]])
    XCTAssertEqual(labels.keys.sorted(), ["neutral", "pro-alliance", "skeptical", "state-media"])
    XCTAssertEqual(labels["neutral"]?["support"] as? Int, 70)
    let confusion = try XCTUnwrap(report["confusion"] as? [String: Any])
    let matrix = try XCTUnwrap(confusion["matrix"] as? [[Int]])
    XCTAssertEqual(matrix.map { $0.reduce(0, +) }, [70, 45, 45, 50])
    XCTAssertNotNil((report["seconds"] as? [String: Double])?["total"])
    XCTAssertTrue(FileManager.default.fileExists(atPath: model))
    // Calibration out of fold, before and after, and the figure with every sentence alone.
    for key in ["ece", "ece_uncalibrated", "alone_macro_f1"] {
      let spread = try XCTUnwrap(report[key] as? [String: Double], key)
      XCTAssertTrue((0...1).contains(spread["mean"] ?? -1), "\(key): \(spread)")
      XCTAssertNotNil(spread["std"])
    }
    XCTAssertGreaterThan(report["temperature"] as? Double ?? 0, 0)
  }

  func testTextModeReportsWhatWasReadOnStandardError() throws {
    let dir = try CLI.temporaryDirectory()
    let labels = dir.appendingPathComponent("labels.tsv")
    let fixture = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    let rows = fixture.split(separator: "\n")
    let first = rows[1]
    let parts = rows[2].split(separator: "\t")
    let other = parts[0] == "neutral" ? "skeptical" : "neutral"
    // One exact duplicate and one conflict (same text, another label).
    try (fixture + first + "\n" + "\(other)\t\(parts[1])\n").write(to: labels, atomically: true, encoding: .utf8)
    let result = try CLI.run(["train", labels.path, "-o", dir.appendingPathComponent("m.model").path, "--folds", "0"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("read 209 examples from 1 files"), result.stderr)
    XCTAssertTrue(result.stderr.contains("dropped 1 exact duplicates"), result.stderr)
    XCTAssertTrue(result.stderr.contains("dropped 1 texts labelled differently"), result.stderr)
    XCTAssertTrue(result.output.contains("wrote "), result.output)
  }

  func testKeepDuplicatesTrainsAndEvaluatesEveryRow() throws {
    let dir = try CLI.temporaryDirectory()
    let labels = dir.appendingPathComponent("labels.tsv")
    let fixture = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    let rows = fixture.split(separator: "\n")
    // Every row of the fixture once more, and one text under a second label.
    let parts = rows[1].split(separator: "\t")
    let other = parts[0] == "neutral" ? "skeptical" : "neutral"
    try (fixture + rows.dropFirst().joined(separator: "\n") + "\n\(other)\t\(parts[1])\n")
      .write(to: labels, atomically: true, encoding: .utf8)
    let model = dir.appendingPathComponent("m.model").path
    let kept = try CLI.run(["train", labels.path, "-o", model, "--folds", "0", "--keep-duplicates"])
    XCTAssertEqual(kept.status, 0, kept.stderr)
    XCTAssertTrue(kept.stderr.contains("read 421 examples"), kept.stderr)
    XCTAssertTrue(kept.stderr.contains("kept 1 texts labelled differently"), kept.stderr)
    XCTAssertFalse(kept.stderr.contains("exact duplicates"), kept.stderr)
    let eval = try CLI.run(["eval", labels.path, "--model", model, "--keep-duplicates", "--format", "json"])
    XCTAssertEqual(eval.status, 0, eval.stderr)
    XCTAssertEqual((try eval.json() as? [String: Any])?["n"] as? Int, 421)
    let dropped = try CLI.run(["eval", labels.path, "--model", model, "--format", "json"])
    XCTAssertEqual((try dropped.json() as? [String: Any])?["n"] as? Int, 209)
  }

  /// Labels with 13 texts under two labels: "Clash 0." in five places (neutral 3, skeptical 2),
  /// the others in two places each.
  private func conflictingLabels() throws -> (path: String, model: String) {
    let dir = try CLI.temporaryDirectory()
    let labels = dir.appendingPathComponent("labels.tsv")
    var rows = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    for label in ["neutral", "skeptical", "neutral", "skeptical", "neutral"] { rows += "\(label)\tClash 0.\tx\n" }
    for i in 1...12 { rows += "neutral\tClash \(i).\tx\nskeptical\tClash \(i).\tx\n" }
    try rows.write(to: labels, atomically: true, encoding: .utf8)
    return (labels.path, dir.appendingPathComponent("m.model").path)
  }

  func testConflictsAreCountedAndTheFirstFewShown() throws {
    let (labels, model) = try conflictingLabels()
    let result = try CLI.run(["train", labels, "-o", model, "--folds", "0", "--keep-duplicates"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let start = try XCTUnwrap(lines.firstIndex { $0.contains("labelled differently") }, result.stderr)
    XCTAssertEqual(lines[start], "kept 13 texts labelled differently in different places (29 rows):")
    XCTAssertEqual(
      lines[start + 1],
      "  \"Clash 0.\": \(labels):212 neutral, \(labels):213 skeptical, \(labels):214 neutral"
        + " and 2 more places (neutral 3, skeptical 2)")
    XCTAssertEqual(lines[start + 2], "  \"Clash 1.\": \(labels):217 neutral, \(labels):218 skeptical")
    XCTAssertEqual(lines[start + 10], "  \"Clash 9.\": \(labels):233 neutral, \(labels):234 skeptical")
    XCTAssertEqual(lines[start + 11], "  ... and 3 more (--show-conflicts lists them all)")
    XCTAssertEqual(lines.filter { $0.hasPrefix("  \"Clash") }.count, 10)
  }

  func testShowConflictsListsEveryTextAndPlace() throws {
    let (labels, model) = try conflictingLabels()
    // JSON output prints no read report, but the conflicts asked for are still listed on stderr.
    let result = try CLI.run(
      ["train", labels, "-o", model, "--folds", "0", "--show-conflicts", "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("dropped 13 texts labelled differently in different places (29 rows):"))
    let listed = result.stderr.split(separator: "\n").filter { $0.hasPrefix("  \"Clash") }
    XCTAssertEqual(listed.count, 13)
    XCTAssertEqual(
      String(listed[0]),
      "  \"Clash 0.\": \(labels):212 neutral, \(labels):213 skeptical, \(labels):214 neutral, "
        + "\(labels):215 skeptical, \(labels):216 neutral")
    XCTAssertEqual(String(listed[12]), "  \"Clash 12.\": \(labels):239 neutral, \(labels):240 skeptical")
    XCTAssertFalse(result.stderr.contains("more places") || result.stderr.contains("lists them all"), result.stderr)
    XCTAssertNotNil(try result.json() as? [String: Any])
  }

  func testSameDataGivesByteIdenticalModelWhateverTheThreads() throws {
    let dir = try CLI.temporaryDirectory()
    let a = dir.appendingPathComponent("a.model").path
    let b = dir.appendingPathComponent("b.model").path
    XCTAssertEqual(try CLI.run(["train", CLI.labels, "-o", a, "--folds", "2", "--threads", "1"]).status, 0)
    XCTAssertEqual(try CLI.run(["train", CLI.labels, "-o", b, "--folds", "2", "--threads", "2"]).status, 0)
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: a)), try Data(contentsOf: URL(fileURLWithPath: b)))
  }

  func testFailedTrainingLeavesExistingModelUntouched() throws {
    let dir = try CLI.temporaryDirectory()
    let model = dir.appendingPathComponent("m.model")
    let before = Data("an existing model".utf8)
    try before.write(to: model)
    let bad = dir.appendingPathComponent("x.tsv")
    try "neutral\tfine sentence\nno label column here\n".write(to: bad, atomically: true, encoding: .utf8)
    let result = try CLI.run(["train", bad.path, "-o", model.path])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr, "stance: error: \(bad.path):2: missing label column (expected label<TAB>text[<TAB>source])\n")
    XCTAssertEqual(try Data(contentsOf: model), before)
    let single = dir.appendingPathComponent("one.tsv")
    try "neutral\tfirst\nneutral\tsecond\n".write(to: single, atomically: true, encoding: .utf8)
    let oneLabel = try CLI.run(["train", single.path, "-o", model.path])
    XCTAssertEqual(oneLabel.status, 1)
    XCTAssertTrue(oneLabel.stderr.contains("at least two labels"), oneLabel.stderr)
    XCTAssertEqual(try Data(contentsOf: model), before)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["m.model", "one.tsv", "x.tsv"])
  }

  /// Every option of `train` in the design contract, spelled as it spells them.
  func testContractOptionsAreAccepted() throws {
    let dir = try CLI.temporaryDirectory()
    let model = dir.appendingPathComponent("m.model").path
    let result = try CLI.run([
      "train", CLI.labels, "-o", model, "--word-ngrams", "1-3", "--char-ngrams", "2-4", "--min-df", "1",
      "--max-df", "0.9", "--max-features", "5000", "--no-sublinear-tf", "--c", "3", "--class-weight", "balanced",
      "--folds", "2", "--seed", "9", "--threads", "2", "--max-iter", "300", "--tol", "1e-3", "--format", "json",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(try result.json() as? [String: Any])
    XCTAssertEqual(report["features"] as? Int, 5000)
    XCTAssertEqual(report["seed"] as? Int, 9)
    let inspect = try CLI.run(["inspect", "--model", model])
    XCTAssertTrue(
      inspect.output.contains("words 1-3, chars 2-4, min-df 1, max-df 0.9, tokens news, max-features 5000, raw tf"),
      inspect.output)
    XCTAssertTrue(inspect.output.contains("C 3.0, class weight balanced"), inspect.output)
    XCTAssertEqual(try CLI.run(["train", CLI.labels, "-o", model, "--char-ngrams", "off", "--folds", "0"]).status, 0)
  }

  /// `--tokenizer scikit-learn` gives another vocabulary than the news tokenizer, and the model
  /// records which tokenizer it was trained with.
  func testTokenizerOptionSelectsScikitLearnTokens() throws {
    let dir = try CLI.temporaryDirectory()
    let news = dir.appendingPathComponent("news.model").path
    let sklearn = dir.appendingPathComponent("sklearn.model").path
    let common = ["--char-ngrams", "off", "--word-ngrams", "1", "--folds", "0", "--format", "json"]
    XCTAssertEqual(try CLI.run(["train", CLI.labels, "-o", news] + common).status, 0)
    let result = try CLI.run(["train", CLI.labels, "-o", sklearn, "--tokenizer", "scikit-learn"] + common)
    XCTAssertEqual(result.status, 0, result.stderr)
    let inspect = try CLI.run(["inspect", "--model", sklearn])
    XCTAssertTrue(inspect.output.contains("tokens scikit-learn"), inspect.output)
    let newsFeatures = try XCTUnwrap(try CLI.run(["train", CLI.labels, "-o", news] + common).json() as? [String: Any])
    let sklearnFeatures = try XCTUnwrap(try result.json() as? [String: Any])
    XCTAssertNotEqual(newsFeatures["features"] as? Int, sklearnFeatures["features"] as? Int)
    let bad = try CLI.run(["train", CLI.labels, "-o", sklearn, "--tokenizer", "regex"])
    XCTAssertEqual(bad.status, 1)
    XCTAssertTrue(bad.stderr.contains("--tokenizer"), bad.stderr)
  }

  func testUsageErrorsExitOne() throws {
    for args in [["train", "--folds", "1"], ["train", "--bogus"], ["score", "--format", "xml"], ["frobnicate"]] {
      let result = try CLI.run(args)
      XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
      XCTAssertTrue(result.stderr.hasPrefix("stance: error: "), result.stderr)
      XCTAssertTrue(result.stdout.isEmpty)
    }
    let help = try CLI.run(["score", "--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.output.contains("Examples:"), help.output)
    XCTAssertTrue(help.output.contains("--stance-share"), help.output)
  }
}

final class ContextStageCommandTests: XCTestCase {
  func testContextStageIsOnByDefaultAndCanBeTurnedOff() throws {
    let dir = try CLI.temporaryDirectory()
    let two = dir.appendingPathComponent("two.model").path
    let one = dir.appendingPathComponent("one.model").path
    let trained = try CLI.run(["train", CLI.labels, "-o", two, "--folds", "0", "--format", "json"])
    XCTAssertEqual(trained.status, 0, trained.stderr)
    XCTAssertEqual((try trained.json() as? [String: Any])?["context_folds"] as? Int, 5)
    let off = try CLI.run(["train", CLI.labels, "-o", one, "--folds", "0", "--context-folds", "0", "--format", "json"])
    XCTAssertEqual(off.status, 0, off.stderr)
    XCTAssertEqual((try off.json() as? [String: Any])?["context_folds"] as? Int, 0)
    let inspectTwo = try CLI.run(["inspect", "--model", two])
    XCTAssertTrue(
      inspectTwo.output.contains(
        "then article context (out-of-fold from 5 folds; document means with 3 uniform pseudo-sentences)"),
      inspectTwo.output)
    XCTAssertTrue(try CLI.run(["inspect", "--model", one]).output.contains("sentence n-grams only"))
    // The context stage weighs the context columns: they are named in explanations.
    let json = try CLI.run(["inspect", "--model", two, "--format", "json", "--top", "100000"])
    let top = try XCTUnwrap((try json.json() as? [String: Any])?["top_features"] as? [String: [[String: Any]]])
    let names = Set(top.values.flatMap { $0.compactMap { $0["feature"] as? String } })
    XCTAssertTrue(names.contains("article:state-media"), "\(names.filter { $0.contains(":") })")
    XCTAssertTrue(names.contains("neighbours:neutral"), "\(names.filter { $0.contains(":") })")
    // Both models score the seeds; with the stage, a sentence's label may depend on its article.
    for model in [one, two] {
      let scored = try CLI.run(["score", "--model", model, "--format", "json"] + CLI.seeds)
      XCTAssertEqual(scored.status, 0, scored.stderr)
    }
  }

  /// The fixture's sentences and labels written to `name` in `dir`, with the source `source(i)` for
  /// row i (no source column when it returns nil), followed by `extra` rows.
  func fixture(in dir: URL, _ name: String, source: (Int) -> String?, extra: String = "") throws -> URL {
    let rows = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8).split(separator: "\n")
    var text = source(0) == nil ? "label\ttext\n" : "label\ttext\tsource\n"
    for (i, row) in rows.dropFirst().enumerated() {
      let parts = row.split(separator: "\t")
      text += "\(parts[0])\t\(parts[1])" + (source(i).map { "\t" + $0 } ?? "") + "\n"
    }
    let url = dir.appendingPathComponent(name)
    try (text + extra).write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  func testTooFewSourcesTrainWithoutTheStageAndSaySo() throws {
    let dir = try CLI.temporaryDirectory()
    // Three sources only.
    let labels = try fixture(in: dir, "labels.tsv", source: { "s\($0 % 3)" })
    let model = dir.appendingPathComponent("m.model").path
    let result = try CLI.run(["train", labels.path, "-o", model, "--folds", "0", "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("no article-context stage: it needs at least 5 sources"), result.stderr)
    XCTAssertEqual((try result.json() as? [String: Any])?["context_folds"] as? Int, 0)
    // Without sources every sentence is its own document: no context to learn from.
    let loneLabels = try fixture(in: dir, "lone.tsv", source: { _ in nil })
    // Each run writes its own model: train refuses to replace a model of other data without --force.
    let alone = try CLI.run(["train", loneLabels.path, "-o", model + ".lone", "--folds", "0", "--format", "json"])
    XCTAssertEqual(alone.status, 0, alone.stderr)
    XCTAssertTrue(alone.stderr.contains("every source has one sentence"), alone.stderr)
    XCTAssertEqual((try alone.json() as? [String: Any])?["context_folds"] as? Int, 0)
    // A label found in one source only drops out of the training part of that source's fold.
    let rareLabels = try fixture(
      in: dir, "rare.tsv", source: { "s\($0 / 3)" },
      extra: "rare\tThe first rare sentence.\tr1\nrare\tThe second rare sentence.\tr1\n"
        + "rare\tThe third rare sentence.\tr1\n")
    let dropped = try CLI.run(["train", rareLabels.path, "-o", model + ".rare", "--folds", "0", "--format", "json"])
    XCTAssertEqual(dropped.status, 0, dropped.stderr)
    XCTAssertTrue(dropped.stderr.contains("no article-context stage: a label drops out"), dropped.stderr)
    XCTAssertEqual((try dropped.json() as? [String: Any])?["context_folds"] as? Int, 0)
    let bad = try CLI.run(["train", labels.path, "-o", model, "--context-folds", "1"])
    XCTAssertEqual(bad.status, 1, bad.stderr)
    XCTAssertTrue(bad.stderr.contains("--context-folds must be 0"), bad.stderr)
  }
}
