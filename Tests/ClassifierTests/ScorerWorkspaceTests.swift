import Foundation
import XCTest

@testable import Classifier

/// `Scorer.Workspace`: a worker's explicit state (word cache, tally, buffers; the scorer's
/// shared word table) never changes a result, and the shipped two-stage model scores as its
/// explaining path (which builds a matrix with `transform`) does.
final class ScorerWorkspaceTests: XCTestCase {
  private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Short news-like articles (several sentences each, repeated words, a page-chrome line).
  private let articles = [
    "The foreign ministers met in Manila on Monday. They reaffirmed their ironclad commitment to the alliance. "
      + "Officials said the drills would continue next month. Share this article on Facebook.",
    "Beijing accused Washington of a Cold War mentality. The so-called rules-based order serves US hegemony, "
      + "the spokesperson said. China will firmly defend its sovereignty.",
    "Critics questioned whether the agreement would last. Some analysts doubt the alliance can deter aggression "
      + "without more funding. The talks lasted two hours.",
    "Café owners in the capital said tourism had recovered. Prices rose by 3.5% in November, the statistics "
      + "office said. Click here to subscribe to our newsletter.",
  ]

  /// Texts scored one call at a time with one reused workspace, with a fresh workspace each,
  /// all in one call, and through the explaining path give the same probabilities and labels.
  func testWorkspacesAndPathsGiveTheSameScores() throws {
    let model = try ModelFile.read(Self.root.appendingPathComponent("models/stance.model").path)
    XCTAssertNotNil(model.context, "the shipped model has a context stage")
    let texts = articles + articles.reversed() + ["", "One sentence only."]
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
