import Foundation
import XCTest

@testable import Classifier

/// `Scorer.Workspace`: a worker's explicit state (word cache, tally, buffers; the scorer's
/// shared word table) never changes a result, and the shipped two-stage model scores as its
/// explaining path (which builds a matrix with `transform`) does.
final class ScorerWorkspaceTests: XCTestCase {
  private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  private func seedTexts(_ count: Int) throws -> [String] {
    let seeds = Self.root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
    guard names.count >= 2 else { throw XCTSkip("no seed articles at \(seeds.path)") }
    return try names.prefix(count).map { try String(contentsOf: seeds.appendingPathComponent($0), encoding: .utf8) }
  }

  /// Texts scored one call at a time with one reused workspace, with a fresh workspace each,
  /// all in one call, and through the explaining path give the same probabilities and labels.
  func testWorkspacesAndPathsGiveTheSameScores() throws {
    let model = try ModelFile.read(Self.root.appendingPathComponent("models/stance.model").path)
    XCTAssertNotNil(model.context, "the shipped model has a context stage")
    let texts = try seedTexts(6) + ["", "One sentence only."]
    let scorer = Scorer(model: model)
    let together = scorer.score(texts)
    let workspace = scorer.makeWorkspace()
    // Twice over: the second pass finds every word in the workspace's cache.
    for pass in 0..<2 {
      for (d, text) in texts.enumerated() {
        let reused = scorer.score([text], workspace: workspace)[0]
        let fresh = scorer.score([text])[0]
        for document in [reused, fresh] {
          XCTAssertEqual(document.probabilities, together[d].probabilities, "text \(d), pass \(pass)")
          XCTAssertEqual(document.scores, together[d].scores, "text \(d), pass \(pass)")
          XCTAssertEqual(document.label, together[d].label, "text \(d), pass \(pass)")
        }
      }
    }
    let explaining = Scorer(model: model, explain: 3).score(texts)
    for d in texts.indices {
      XCTAssertEqual(explaining[d].probabilities, together[d].probabilities, "text \(d)")
      XCTAssertEqual(explaining[d].label, together[d].label, "text \(d)")
    }
  }
}
