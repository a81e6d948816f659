import Classifier
import Foundation
import XCTest

@testable import stance

final class ArticleRulePrecedenceTests: XCTestCase {
  // Labels in model order: neutral, pro-alliance, skeptical, state-media.
  let votes = [23, 4, 19, 2]
  let sums = [19.0, 5.0, 16.0, 8.0]

  func testPrecedenceLabelWinsWithEnoughVotes() {
    let rule = ArticleRule(neutral: 0, stanceShare: 0.15, precedence: [3], precedenceVotes: 2)
    XCTAssertEqual(rule.label(votes: votes, probabilitySums: sums, sentenceCount: 48), 3)
  }

  func testWithoutPrecedenceTheMostVotedStanceWins() {
    let rule = ArticleRule(neutral: 0, stanceShare: 0.15)
    XCTAssertEqual(rule.label(votes: votes, probabilitySums: sums, sentenceCount: 48), 2)
  }

  func testPrecedenceNeedsItsVotesAndTheStanceShare() {
    let strict = ArticleRule(neutral: 0, stanceShare: 0.15, precedence: [3], precedenceVotes: 3)
    XCTAssertEqual(strict.label(votes: votes, probabilitySums: sums, sentenceCount: 48), 2)
    // A report with two state-media sentences among 30 neutral ones stays neutral.
    let rule = ArticleRule(neutral: 0, stanceShare: 0.15, precedence: [3], precedenceVotes: 2)
    XCTAssertEqual(rule.label(votes: [30, 0, 0, 2], probabilitySums: [28, 1, 1, 2], sentenceCount: 32), 0)
  }
}

final class ArticleRuleSettingsCLITests: XCTestCase {
  /// A labels folder holding the fixture labels and the given stance.json text.
  func labelsFolder(stanceJSON: String?) throws -> URL {
    let dir = try CLI.temporaryDirectory().appendingPathComponent("labels")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: CLI.labels + "/sample.tsv", toPath: dir.appendingPathComponent("sample.tsv").path)
    if let stanceJSON {
      try stanceJSON.write(to: dir.appendingPathComponent("stance.json"), atomically: true, encoding: .utf8)
    }
    return dir
  }

  func testRuleFromTheLabelsFolderDecidesTheArticle() throws {
    let rule = #"{"article_rule": {"precedence": ["state-media"], "precedence_votes": 2}}"#
    let dir = try labelsFolder(stanceJSON: rule)
    let model = dir.deletingLastPathComponent().appendingPathComponent("m.model").path
    let trained = try CLI.run(["train", dir.path, "-o", model, "--folds", "0"])
    XCTAssertEqual(trained.status, 0, trained.stderr)
    // An article of sentences the model itself labels: 6 skeptical, 2 state-media, 4 neutral.
    let rows = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
      .split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
    func verdict(_ text: String) throws -> String {
      let record = try JSONSerialization.data(withJSONObject: ["id": "x", "text": text])
      let result = try CLI.run(["score", "--model", model, "--input", "jsonl"], stdin: record)
      return try result.jsonLines().first?["label"] as? String ?? ""
    }
    func pick(_ label: String, _ count: Int) throws -> [String] {
      var found: [String] = []
      for row in rows where row[0] == label && row[1].hasSuffix(".") && found.count < count {
        if try verdict(row[1]) == label { found.append(row[1]) }
      }
      return found
    }
    let skeptical = try pick("skeptical", 6)
    let stateMedia = try pick("state-media", 2)
    let neutral = try pick("neutral", 4)
    XCTAssertEqual([skeptical.count, stateMedia.count, neutral.count], [6, 2, 4])
    let article = dir.deletingLastPathComponent().appendingPathComponent("oped.txt")
    try (neutral[0..<2] + skeptical[0..<3] + [stateMedia[0]] + skeptical[3..<6] + neutral[2..<4] + [stateMedia[1]])
      .joined(separator: "\n").write(to: article, atomically: true, encoding: .utf8)
    let scored = try CLI.run(["score", "--model", model, article.path])
    let record = try XCTUnwrap(try scored.jsonLines().first)
    XCTAssertEqual((record["counts"] as? [String: Int])?["state-media"], 2, "\(record)")
    XCTAssertEqual(record["label"] as? String, "state-media", "\(record)")
    // The stored rule can be overridden for one run.
    let plain = try CLI.run(["score", "--model", model, "--precedence", "none", article.path])
    XCTAssertEqual(try plain.jsonLines().first?["label"] as? String, "skeptical")
    let unknown = try CLI.run(["score", "--model", model, "--precedence", "hegemony", article.path])
    XCTAssertEqual(unknown.status, 1)
    XCTAssertTrue(unknown.stderr.contains("'hegemony'"), unknown.stderr)
  }

  func testBadStanceJSONNamesTheFile() throws {
    for bad in [
      #"{"article_rule": {"precedence": ["bogus"]}}"#, "{not json", #"{"article_rule": {"stance_share": 2}}"#,
    ] {
      let dir = try labelsFolder(stanceJSON: bad)
      let model = dir.deletingLastPathComponent().appendingPathComponent("m.model").path
      let result = try CLI.run(["train", dir.path, "-o", model, "--folds", "0"])
      XCTAssertEqual(result.status, 1, bad)
      let error = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
      XCTAssertTrue(error.hasPrefix("stance: error: "), result.stderr)
      XCTAssertTrue(error.contains("stance.json"), result.stderr)
      XCTAssertFalse(FileManager.default.fileExists(atPath: model))
    }
  }
}
