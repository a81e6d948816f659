import Classifier
import Foundation
import XCTest

@testable import stance

final class ArticleRuleTests: XCTestCase {
  let rule = ArticleRule(neutral: 0, stanceShare: ArticleRule.defaultStanceShare)

  func testMostlyNeutralArticleWithSeveralStanceSentencesTakesTheStance() {
    // 16 sentences: 12 neutral, 3 state-media, 1 skeptical (25% stance).
    XCTAssertEqual(rule.label(votes: [12, 0, 1, 3], probabilitySums: [11, 1, 2, 2], sentenceCount: 16), 3)
  }

  func testOneStanceSentenceInTenStaysNeutral() {
    XCTAssertEqual(rule.label(votes: [9, 0, 0, 1], probabilitySums: [8, 0.5, 0.5, 1], sentenceCount: 10), 0)
  }

  func testTiesGoToTheLargerSummedProbability() {
    XCTAssertEqual(rule.label(votes: [6, 3, 3, 0], probabilitySums: [5, 2.0, 2.5, 0.5], sentenceCount: 12), 2)
    XCTAssertEqual(rule.label(votes: [6, 3, 3, 0], probabilitySums: [5, 2.6, 2.5, 0.5], sentenceCount: 12), 1)
  }

  func testWithoutANeutralLabelTheMostVotedLabelWins() {
    let plain = ArticleRule(neutral: nil, stanceShare: 0.15)
    XCTAssertEqual(plain.label(votes: [5, 2, 1], probabilitySums: [4, 2, 1], sentenceCount: 8), 0)
  }

  func testThresholdIsTheNamedDefault() {
    XCTAssertEqual(ArticleRule.defaultStanceShare, 0.25)
    let strict = ArticleRule(neutral: 0, stanceShare: 0.5)
    XCTAssertEqual(strict.label(votes: [12, 0, 1, 3], probabilitySums: [11, 1, 2, 2], sentenceCount: 16), 0)
  }
}

final class ArticleRuleCLITests: XCTestCase {
  /// A made-up op-ed: mostly neutral reporting, with a few sentences of state-media framing.
  func testOpEdWithFewStateMediaSentencesIsStateMedia() throws {
    let fixture = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    let rows = fixture.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
    let neutral = rows.filter { $0[0] == "neutral" }.map { $0[1] }
    let stateMedia = rows.filter { $0[0] == "state-media" }.map { $0[1] }
    // Use the model's own verdicts so the test checks the rule, not the classifier.
    func verdicts(_ sentences: [String]) throws -> [String] {
      let input = sentences.enumerated().map { i, s in
        "{\"id\": \(i), \"text\": \(String(decoding: try! JSONSerialization.data(withJSONObject: [s]), as: UTF8.self).dropFirst().dropLast())}"
      }.joined(separator: "\n")
      let result = try CLI.run(["score", "--model", CLI.model, "--input", "jsonl"], stdin: Data(input.utf8))
      return try result.jsonLines().map { ($0["label"] as? String) ?? "" }
    }
    let clearNeutral = zip(neutral, try verdicts(neutral)).filter { $0.1 == "neutral" }.map(\.0)
    let clearState = zip(stateMedia, try verdicts(stateMedia)).filter { $0.1 == "state-media" }.map(\.0)
    // Single-sentence documents only, so the splitter agrees with the sentence count.
    let ends: (String) -> Bool = { $0.hasSuffix(".") }
    let n = Array(clearNeutral.filter(ends).prefix(9))
    let s = Array(clearState.filter(ends).prefix(3))
    XCTAssertEqual(n.count, 9)
    XCTAssertEqual(s.count, 3)
    let dir = try CLI.temporaryDirectory()
    let article = dir.appendingPathComponent("oped.txt")
    try (n[0..<4] + [s[0]] + n[4..<7] + [s[1]] + n[7..<9] + [s[2]]).joined(separator: "\n")
      .write(to: article, atomically: true, encoding: .utf8)
    let result = try CLI.run(["score", "--model", CLI.model, article.path])
    let record = try XCTUnwrap(try result.jsonLines().first)
    let counts = try XCTUnwrap(record["counts"] as? [String: Int])
    XCTAssertGreaterThanOrEqual(counts["state-media"] ?? 0, 3, "\(record)")
    XCTAssertGreaterThan(counts["neutral"] ?? 0, counts["state-media"] ?? 0)
    XCTAssertEqual(record["label"] as? String, "state-media", "\(record)")
    // With a stricter share the same article is neutral: the threshold is what decides.
    let strict = try CLI.run(["score", "--model", CLI.model, "--stance-share", "0.5", article.path])
    XCTAssertEqual(try strict.jsonLines().first?["label"] as? String, "neutral")
  }
}
