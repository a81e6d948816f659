import Classifier
import Foundation
import XCTest

@testable import stance

/// Cluster-margin (`--cluster-pool`): the k-means grouping, the round-robin order and the option.
final class SuggestionClustersTests: ScratchDirectoryTestCase {
  func testClustersGroupSentencesByTopicTheSameForAnyThreadCount() throws {
    let model = try ModelFile.read(CLI.model)
    let texts = [
      "The alliance will hold firm against coercion in the region.",
      "Beijing warns the alliance against military drills near its coast.",
      "The alliance must hold firm against coercion across the region.",
      "Beijing warns the alliance against more military drills near the coast.",
      "Allies hold firm against coercion in the region, ministers said.",
      "Beijing warned against military drills near its coast on Monday.",
    ]
    let clusters = SuggestionClusters.assign(
      texts, clusters: 2, vectorizer: model.vectorizer, seed: 1, threads: 1)
    XCTAssertEqual(clusters.count, texts.count)
    // Two topics, alternating in the input: each in one cluster, the two apart.
    XCTAssertEqual(Set([clusters[0], clusters[2], clusters[4]]).count, 1, "\(clusters)")
    XCTAssertEqual(Set([clusters[1], clusters[3], clusters[5]]).count, 1, "\(clusters)")
    XCTAssertNotEqual(clusters[0], clusters[1])
    XCTAssertEqual(
      SuggestionClusters.assign(texts, clusters: 2, vectorizer: model.vectorizer, seed: 1, threads: 3), clusters)
    // Degenerate inputs: nothing, or one cluster asked.
    XCTAssertEqual(SuggestionClusters.assign([], clusters: 3, vectorizer: model.vectorizer, seed: 1, threads: 1), [])
    XCTAssertEqual(
      SuggestionClusters.assign(texts, clusters: 1, vectorizer: model.vectorizer, seed: 1, threads: 1),
      [0, 0, 0, 0, 0, 0])
  }

  /// Four unit points on two columns: P0 = P1 = (1, 0), P2 at cosine 0.5 to them, P3 = (0, 1).
  private let square: [SuggestionClusters.Point] = [
    [(column: 0, value: 1)], [(column: 0, value: 1)],
    [(column: 0, value: 0.5), (column: 1, value: Float(0.75).squareRoot())], [(column: 1, value: 1)],
  ]

  func testStartDrawsInProportionToOneMinusCosine() {
    // After a first centre at (1, 0), k-means++ (D² sampling) weighs P1 by 0, P2 by 1 − 0.5 and
    // P3 by 1 − 0: P2 comes second with probability 1/3 (weights (1 − cos)² would give 1/5).
    var afterFirst = 0
    var second = [Int](repeating: 0, count: 4)
    for seed in 1...3000 {
      let centres = SuggestionClusters.startingCentres(square, count: 2, width: 2, seed: UInt64(seed))
      XCTAssertEqual(centres.count, 2)
      guard centres[0] <= 1 else { continue }
      afterFirst += 1
      second[centres[1]] += 1
    }
    XCTAssertGreaterThan(afterFirst, 1200)
    XCTAssertEqual(second[0] + second[1], 0, "a duplicate of the first centre has weight 0: \(second)")
    let share = Double(second[2]) / Double(afterFirst)
    XCTAssertEqual(share, 1.0 / 3.0, accuracy: 0.04, "\(second)")
  }

  func testStartNeverPicksACentreTwice() {
    // All points alike: every weight is 0 after the first centre, and the rest are drawn among
    // the unchosen; with distinct points, every centre is distinct too.
    let same = [SuggestionClusters.Point](repeating: [(column: 0, value: 1)], count: 5)
    for seed in 1...200 {
      let centres = SuggestionClusters.startingCentres(same, count: 5, width: 1, seed: UInt64(seed))
      XCTAssertEqual(Set(centres).count, 5, "seed \(seed): \(centres)")
      let four = SuggestionClusters.startingCentres(square, count: 4, width: 2, seed: UInt64(seed))
      XCTAssertEqual(four.sorted(), [0, 1, 2, 3], "seed \(seed): \(four)")
    }
  }

  func testPointsSharingNoColumnAreDealtRoundRobin() {
    // Two topics (columns 0 and 1) and four texts that share no column with any other (empty
    // points): those are dealt over the clusters in rank order, not all put in cluster 0.
    let a: SuggestionClusters.Point = [(column: 0, value: 1)]
    let b: SuggestionClusters.Point = [(column: 1, value: 1)]
    let points = [[], a, b, [], a, b, [], []]
    let grouped = SuggestionClusters.groups(points, clusters: 2, width: 2, seed: 1, threads: 1)
    XCTAssertEqual(grouped[1], grouped[4])
    XCTAssertEqual(grouped[2], grouped[5])
    XCTAssertNotEqual(grouped[1], grouped[2])
    XCTAssertEqual([grouped[0], grouped[3], grouped[6], grouped[7]], [0, 1, 0, 1])
    // Only empty points: no evidence, one cluster (the plain ranking).
    XCTAssertEqual(SuggestionClusters.groups([[], [], []], clusters: 2, width: 1, seed: 1, threads: 1), [0, 0, 0])
  }

  func testRoundRobinVisitsSmallestClustersFirstBestMembersFirst() {
    // Ranked positions 10...15 (best first) in clusters: A = {10, 12, 13}, B = {11, 15}, C = {14}.
    let order = SuggestionClusters.roundRobin([10, 11, 12, 13, 14, 15], cluster: [7, 8, 7, 7, 9, 8])
    // Round 1: C (1 member), B (2), A (3); round 2: B, A; round 3: A.
    XCTAssertEqual(order, [14, 11, 10, 15, 12, 13])
    // Equal sizes: the cluster whose best member ranks higher first.
    XCTAssertEqual(SuggestionClusters.roundRobin([1, 2, 3, 4], cluster: [5, 6, 6, 5]), [1, 2, 4, 3])
    XCTAssertEqual(SuggestionClusters.roundRobin([], cluster: []), [])
  }

  func testClusterPoolOption() throws {
    let base = ["suggest", "--model", CLI.model, "--count", "8"] + CLI.seeds
    let bad = try CLI.run(base + ["--cluster-pool", "101"])
    XCTAssertEqual(bad.status, 1)
    XCTAssertEqual(bad.stderr, "stance: error: --cluster-pool must be between 0 and 100 (see 'stance --help')\n")
    let one = try CLI.run(base + ["--cluster-pool", "10", "--threads", "1"])
    XCTAssertEqual(one.status, 0, one.stderr)
    let two = try CLI.run(base + ["--cluster-pool", "10", "--threads", "2"])
    XCTAssertEqual(one.stdout, two.stdout)
    let lines = one.output.split(separator: "\n")
    XCTAssertEqual(lines.first, "label\ttext\tsource")
    XCTAssertEqual(lines.count, 9)
    // The same rules as without clusters: no sentence twice, at most 3 from one source.
    let rows = lines.dropFirst().map { $0.components(separatedBy: "\t") }
    XCTAssertEqual(Set(rows.map { $0[1] }).count, 8)
    XCTAssertLessThanOrEqual(Dictionary(grouping: rows, by: { $0[2] }).values.map(\.count).max() ?? 0, 3)
    // Clustering reorders the picks: not the plain ranking.
    let plain = try CLI.run(base)
    XCTAssertNotEqual(plain.stdout, one.stdout)
  }
}
