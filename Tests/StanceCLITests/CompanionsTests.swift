import Classifier
import Foundation
import XCTest

/// Judged articles and marked pages beside the labels: `train` learns the article classifier
/// and the boilerplate detector from them and reports both; `score` uses them.
final class CompanionsTests: XCTestCase {
  /// The fixture's sentences by label.
  private func sentencesByLabel() throws -> [String: [String]] {
    let fixture = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    var out: [String: [String]] = [:]
    for row in fixture.split(separator: "\n").dropFirst() {
      let parts = row.split(separator: "\t", omittingEmptySubsequences: false)
      out[String(parts[0]), default: []].append(String(parts[1]))
    }
    return out
  }

  static let chrome = [
    "ADVERTISEMENT", "RELATED", "PUBLISHED : 22 Nov 2024 at 04:00", "WRITER:", "Read Article", "00:00",
  ]

  /// A page of prose sentences with chrome lines between them, and the chrome's byte ranges.
  static func page(_ prose: [String]) -> (text: String, chrome: [[Int]]) {
    var text = ""
    var ranges: [[Int]] = []
    for (i, sentence) in prose.enumerated() {
      let line = chrome[i % chrome.count]
      ranges.append([text.utf8.count, text.utf8.count + line.utf8.count])
      text += line + "\n" + sentence + (sentence.hasSuffix(".") ? "" : ".") + "\n"
    }
    return (text, ranges)
  }

  /// A labels directory: the fixture's sentences, 20 judged articles, 4 marked pages.
  private func labelsDirectory(judgedLabel: ((Int) -> String)? = nil) throws -> URL {
    let dir = try CLI.temporaryDirectory()
    try FileManager.default.copyItem(
      atPath: CLI.labels + "/sample.tsv", toPath: dir.appendingPathComponent("sample.tsv").path)
    let byLabel = try sentencesByLabel()
    let kinds = ["neutral", "pro-alliance", "skeptical", "state-media"]
    var judgments = "label\tid\tfolder\treason\n"
    var texts = ""
    for i in 0..<20 {
      let kind = kinds[i % 4]
      let neutral = byLabel["neutral"]!
      let stance = byLabel[kind]!
      let sentences = (0..<6).map { j in
        j % 2 == 0 ? neutral[(i * 3 + j) % neutral.count] : stance[(i + j) % stance.count]
      }
      let id = "article-\(i)"
      judgments += "\(judgedLabel?(i) ?? kind)\t\(id)\tfolder-\(i % 3)\tbuilt from \(kind) sentences\n"
      let record = ["id": id, "text": sentences.joined(separator: " ")]
      texts +=
        String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        + "\n"
    }
    try judgments.write(to: dir.appendingPathComponent("articles.tsv"), atomically: true, encoding: .utf8)
    try texts.write(to: dir.appendingPathComponent("article_texts.jsonl"), atomically: true, encoding: .utf8)
    var pages = ""
    for i in 0..<4 {
      let (text, chrome) = Self.page(Array(byLabel["neutral"]!.dropFirst(i * 8).prefix(8)))
      let record: [String: Any] = ["id": "page-\(i)", "outlet": "outlet-\(i % 2)", "text": text, "boilerplate": chrome]
      pages +=
        String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        + "\n"
    }
    try pages.write(to: dir.appendingPathComponent("boilerplate.jsonl"), atomically: true, encoding: .utf8)
    return dir
  }

  func testTrainReportsArticlesAndBoilerplateAndScoreMarksChrome() throws {
    let labels = try labelsDirectory()
    let model = labels.appendingPathComponent("m.model").path
    let result = try CLI.run(
      ["train", labels.path, "-o", model, "--folds", "3", "--context-folds", "3", "--format", "json"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(try result.json() as? [String: Any])
    // The companions are not read as sentence labels.
    XCTAssertEqual(report["examples"] as? Int, 210)
    let articles = try XCTUnwrap(report["articles"] as? [String: Any])
    XCTAssertEqual(articles["n"] as? Int, 20)
    let macro = try XCTUnwrap((articles["macro_f1"] as? [String: Double])?["mean"])
    XCTAssertTrue((0...1).contains(macro))
    XCTAssertNotNil((articles["accuracy"] as? [String: Double])?["std"])
    XCTAssertTrue(["classifier", "rule"].contains(articles["chosen"] as? String ?? ""))
    let matrix = try XCTUnwrap((articles["confusion"] as? [String: Any])?["matrix"] as? [[Int]])
    XCTAssertEqual(matrix.flatMap { $0 }.reduce(0, +), 20)
    // Per folder: its articles, and a confusion that adds up to theirs.
    let byFolder = try XCTUnwrap(articles["by_folder"] as? [String: [String: Any]])
    XCTAssertEqual(Set(byFolder.keys), ["folder-0", "folder-1", "folder-2"])
    XCTAssertEqual(byFolder.values.map { $0["n"] as? Int ?? 0 }.reduce(0, +), 20)
    for (folder, figures) in byFolder {
      let cells = try XCTUnwrap(figures["confusion"] as? [[Int]], folder).flatMap { $0 }
      XCTAssertEqual(cells.reduce(0, +), figures["n"] as? Int, folder)
    }
    let boilerplate = try XCTUnwrap(report["boilerplate"] as? [String: Any])
    XCTAssertEqual(boilerplate["pages"] as? Int, 4)
    XCTAssertEqual(boilerplate["outlets"] as? Int, 2)
    XCTAssertEqual(boilerplate["boilerplate_spans"] as? Int, 32)

    let (page, chrome) = Self.page(Array(try sentencesByLabel()["skeptical"]!.prefix(6)))
    let input = try JSONSerialization.data(withJSONObject: ["id": "p", "text": page])
    let scored = try CLI.run(
      ["score", "--model", model, "--input", "jsonl", "--sentences"], stdin: input + Data("\n".utf8))
    XCTAssertEqual(scored.status, 0, scored.stderr)
    let record = try XCTUnwrap(try scored.jsonLines().first)
    let spans = try XCTUnwrap(record["spans"] as? [[String: Any]])
    let marked = spans.filter { $0["boilerplate"] as? Bool == true }.map { [$0["start"] as! Int, $0["end"] as! Int] }
    XCTAssertEqual(marked, chrome, "the chrome lines, and only they, are boilerplate")
    XCTAssertEqual(record["sentences"] as? Int, 6, "sentences counts prose only")
    let counts = try XCTUnwrap(record["counts"] as? [String: Int])
    XCTAssertEqual(counts.values.reduce(0, +), 6)
    let scores = try XCTUnwrap(record["scores"] as? [String: Double])
    XCTAssertEqual(scores.values.reduce(0, +), 1, accuracy: 1e-5)
  }

  /// `--article-evidence` writes what the article classifier learnt from: every judged article, in
  /// the judgments' order, with one probability row per prose sentence summing to 1.
  func testArticleEvidenceWritesEachJudgedArticlesSentenceProbabilities() throws {
    let labels = try labelsDirectory()
    let model = labels.appendingPathComponent("m.model").path
    let evidence = labels.appendingPathComponent("evidence.jsonl").path
    let result = try CLI.run(
      ["train", labels.path, "-o", model, "--folds", "0", "--context-folds", "3", "--article-evidence", evidence])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(lines.count, 20)
    // The prose sentences are those `score` counts in the article's text (chrome left out).
    let texts = try Data(contentsOf: labels.appendingPathComponent("article_texts.jsonl"))
    let scored = try CLI.run(["score", "--model", model, "--input", "jsonl"], stdin: texts)
    XCTAssertEqual(scored.status, 0, scored.stderr)
    let proseCounts = try scored.jsonLines().map { try XCTUnwrap($0["sentences"] as? Int) }
    XCTAssertEqual(proseCounts.count, 20)
    for (i, line) in lines.enumerated() {
      let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      XCTAssertEqual(record["id"] as? String, "article-\(i)")
      XCTAssertEqual(record["folder"] as? String, "folder-\(i % 3)")
      let labelNames = try XCTUnwrap(record["labels"] as? [String])
      XCTAssertEqual(labelNames, ["neutral", "pro-alliance", "skeptical", "state-media"])
      XCTAssertEqual(record["judged"] as? String, labelNames[i % 4])
      XCTAssertTrue(labelNames.contains(record["predicted"] as? String ?? ""), "the out-of-fold label")
      let sentences = try XCTUnwrap(record["sentences"] as? [[Double]])
      XCTAssertEqual(sentences.count, proseCounts[i])
      XCTAssertGreaterThan(sentences.count, 0)
      // One attribution mark (0 or 1) per prose sentence, as the article classifier read them.
      let marks = try XCTUnwrap(record["attributed"] as? [Int])
      XCTAssertEqual(marks.count, sentences.count)
      XCTAssertTrue(marks.allSatisfy { $0 == 0 || $0 == 1 })
      for row in sentences {
        XCTAssertEqual(row.count, 4)
        XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5)
      }
      // Each probability as `score` prints it: the shortest text of a Float, not a Double's expansion.
      let numbers = line[line.range(of: "\"sentences\":")!.upperBound...]
        .split(whereSeparator: { "[],}".contains($0) }).map(String.init)
      XCTAssertEqual(numbers.count, 4 * sentences.count)
      for text in numbers {
        let value = try XCTUnwrap(Float(text), text)
        XCTAssertEqual(text, value == 0 ? "0" : value.description, "not the shortest Float text")
      }
    }
    // `score` gives an article classifier that reads attribution each prose sentence's mark: with
    // one that weighs only the unattributed mass, its scores are the classifier's on the sentences
    // and their marks, and differ from those of unmarked sentences (this small model's own
    // classifier may lose to the rule; the model has no calibration without folds).
    var trained = try ModelFile.read(model)
    XCTAssertNil(trained.metadata.calibration)
    var weights = [Double](repeating: 0, count: ArticleEvidence.count(classCount: 4, layout: .attribution) * 4)
    for c in 0..<4 { weights[(21 + 2 * c) * 4 + c] = 4 }
    let classifier = ArticleClassifier(
      classCount: 4, weights: weights, intercepts: [0, 0, 0, 0], evidenceLayout: .attribution)
    trained.metadata.articleClassifier = classifier
    let scorer = Scorer(model: trained)
    var marked = 0
    for line in String(decoding: texts, as: UTF8.self).split(separator: "\n") {
      let record = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
      let text = try XCTUnwrap(record["text"])
      let document = scorer.score([text])[0]
      let prose = document.sentences.indices.filter { !document.boilerplate[$0] }
      let marks = prose.map { Attribution.isAttributed(ScoredDocument.text(of: document.sentences[$0], in: text)) }
      let p = prose.flatMap { document.probabilities[($0 * 4)..<($0 * 4 + 4)] }
      let expected = classifier.probabilities(sentences: p, attributed: marks)
      for (score, value) in zip(document.scores, expected) { XCTAssertEqual(Double(score), value, accuracy: 1e-6) }
      // Explaining takes another path to the same marks and scores.
      let explained = Scorer(model: trained, explain: 2).score([text])[0]
      for (score, value) in zip(explained.scores, expected) { XCTAssertEqual(Double(score), value, accuracy: 1e-6) }
      if marks.contains(true) {
        marked += 1
        let unmarked = classifier.probabilities(sentences: p, attributed: marks.map { _ in false })
        XCTAssertGreaterThan(zip(expected, unmarked).map { abs($0 - $1) }.max() ?? 0, 1e-4)
      }
    }
    XCTAssertGreaterThan(marked, 0, "some of the fixture's articles quote someone")
    // A folder that does not exist fails before any training, naming the file.
    let bad = try CLI.run(
      ["train", labels.path, "-o", model, "--folds", "0", "--article-evidence", "/nonexistent/e.jsonl"])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("/nonexistent/e.jsonl"), bad.stderr)
  }

  /// Too few judged articles for the classifier's folds: a note, and the rule labels articles.
  func testTooFewJudgedArticlesLeaveTheRule() throws {
    let labels = try labelsDirectory()
    let judgments = labels.appendingPathComponent("articles.tsv")
    let rows = try String(contentsOf: judgments, encoding: .utf8).split(separator: "\n")
    try (rows.prefix(4).joined(separator: "\n") + "\n").write(to: judgments, atomically: true, encoding: .utf8)
    let model = labels.appendingPathComponent("m.model").path
    let result = try CLI.run(["train", labels.path, "-o", model, "--folds", "0", "--context-folds", "3"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("no article classifier from 3 judged articles"), result.stderr)
    let inspect = try CLI.run(["inspect", "--model", model, "--format", "json"])
    let metadata = try XCTUnwrap((try inspect.json() as? [String: Any])?["metadata"] as? [String: Any])
    XCTAssertNil(metadata["articleClassifier"])
    XCTAssertNotNil(metadata["boilerplate"])
  }

  func testAJudgedLabelTheDataLacksIsRefusedNamingTheFile() throws {
    let labels = try labelsDirectory {
      $0 == 7 ? "hawkish" : ["neutral", "pro-alliance", "skeptical", "state-media"][$0 % 4]
    }
    let result = try CLI.run([
      "train", labels.path, "-o", labels.appendingPathComponent("m.model").path, "--folds", "0",
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stderr.contains("articles.tsv"), result.stderr)
    XCTAssertTrue(result.stderr.contains("'hawkish'"), result.stderr)
    XCTAssertEqual(
      result.stderr.split(separator: "\n").count, 2, "the read report and one error line: \(result.stderr)")
  }

  func testAOneSentenceDocumentScoresAsTheOneStageModelWould() throws {
    let dir = try CLI.temporaryDirectory()
    let two = dir.appendingPathComponent("two.model").path
    let one = dir.appendingPathComponent("one.model").path
    XCTAssertEqual(try CLI.run(["train", CLI.labels, "-o", two, "--folds", "0", "--context-folds", "3"]).status, 0)
    XCTAssertEqual(try CLI.run(["train", CLI.labels, "-o", one, "--folds", "0", "--context-folds", "0"]).status, 0)
    let sentence = Data("Washington must stand with its allies against coercion.\n".utf8)
    let a = try CLI.run(["score", "--model", two, "--format", "jsonl"], stdin: sentence)
    let b = try CLI.run(["score", "--model", one, "--format", "jsonl"], stdin: sentence)
    XCTAssertEqual(a.status, 0, a.stderr)
    XCTAssertEqual(
      try a.jsonLines().first?["scores"] as? [String: Double], try b.jsonLines().first?["scores"] as? [String: Double])
    // With a second sentence the context stage does weigh in.
    let pair = Data("Washington must stand with its allies against coercion. The ministers met on Monday.\n".utf8)
    let c = try CLI.run(["score", "--model", two, "--format", "jsonl", "--sentences"], stdin: pair)
    let d = try CLI.run(["score", "--model", one, "--format", "jsonl", "--sentences"], stdin: pair)
    XCTAssertNotEqual(
      try c.jsonLines().first?["scores"] as? [String: Double], try d.jsonLines().first?["scores"] as? [String: Double])
  }

  func testARunOnSentenceIsReported() throws {
    let text = Data((String(repeating: "allies and partners ", count: 400) + "\n").utf8)
    let result = try CLI.run(["score", "--model", CLI.model, "--format", "jsonl"], stdin: text)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stderr.contains("a sentence of 7999 bytes"), result.stderr)
    XCTAssertEqual(try result.jsonLines().count, 1)
  }

  /// Many run-on documents: the first ten are listed in input order, the rest counted.
  func testRunOnWarningsAreCappedAndInInputOrder() throws {
    let long = String(repeating: "allies and partners ", count: 200)
    let records = (0..<12).map { "{\"id\":\"r\($0)\",\"text\":\"\(long)\"}" }.joined(separator: "\n") + "\n"
    let result = try CLI.run(
      ["score", "--model", CLI.model, "--input", "jsonl", "--threads", "2"], stdin: Data(records.utf8))
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 11, result.stderr)
    for (i, line) in lines.prefix(10).enumerated() { XCTAssertTrue(line.hasPrefix("stance: warning: r\(i): "), line) }
    XCTAssertTrue(lines[10].contains("2 more documents"), lines[10])
    XCTAssertEqual(try result.jsonLines().count, 12)
  }
}
