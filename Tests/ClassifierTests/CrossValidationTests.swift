import Classifier
import Features
import XCTest
import LinearModel

final class CrossValidationTests: XCTestCase {
  func labelsAndGroups() -> ([Int32], [String]) {
    var labels: [Int32] = []
    var groups: [String] = []
    // 60 articles of 1-9 sentences; labels skewed within an article.
    for article in 0..<60 {
      let size = article % 9 + 1
      for s in 0..<size {
        labels.append(Int32((article + (s % 3 == 0 ? 1 : 0)) % 4))
        groups.append("article-\(article)")
      }
    }
    return (labels, groups)
  }

  func testFoldsPartitionTheExamples() {
    let (labels, groups) = labelsAndGroups()
    for g in [nil, groups] {
      let folds = CrossValidation.folds(labels: labels, groups: g, k: 5, seed: 42)
      XCTAssertEqual(folds.count, 5)
      XCTAssertEqual(folds.flatMap { $0 }.sorted(), Array(labels.indices))
      for fold in folds { XCTAssertEqual(fold, fold.sorted()) }
    }
  }

  func testGroupsAreNeverSplit() {
    let (labels, groups) = labelsAndGroups()
    for seed: UInt64 in [1, 2, 3] {
      let folds = CrossValidation.folds(labels: labels, groups: groups, k: 5, seed: seed)
      var foldOf: [String: Int] = [:]
      for (f, fold) in folds.enumerated() {
        for i in fold {
          if let seen = foldOf[groups[i]] { XCTAssertEqual(seen, f, "group \(groups[i]) split") }
          foldOf[groups[i]] = f
        }
      }
      // Balanced sizes: no fold has more than twice another's examples.
      let sizes = folds.map(\.count)
      XCTAssertLessThanOrEqual(sizes.max()!, 2 * sizes.min()!)
    }
  }

  func testStratificationWithoutGroups() {
    let labels: [Int32] = (0..<103).map { Int32($0 % 10 < 7 ? 0 : ($0 % 10 < 9 ? 1 : 2)) }
    let folds = CrossValidation.folds(labels: labels, groups: nil, k: 5, seed: 9)
    let sizes = folds.map(\.count)
    XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1)
    for label: Int32 in 0...2 {
      let total = labels.filter { $0 == label }.count
      for fold in folds {
        let inFold = fold.filter { labels[$0] == label }.count
        XCTAssertLessThanOrEqual(abs(inFold * 5 - total), 5, "label \(label) unbalanced")
      }
    }
  }

  func testGroupedStratificationIsRoughlyBalanced() {
    let (labels, groups) = labelsAndGroups()
    let folds = CrossValidation.folds(labels: labels, groups: groups, k: 3, seed: 4)
    for label: Int32 in 0...3 {
      let total = Double(labels.filter { $0 == label }.count)
      for fold in folds {
        let share = Double(fold.filter { labels[$0] == label }.count) / total
        XCTAssertEqual(share, 1.0 / 3, accuracy: 0.15, "label \(label)")
      }
    }
  }

  func testSameSeedSameFoldsOtherSeedOtherFolds() {
    let (labels, groups) = labelsAndGroups()
    XCTAssertEqual(
      CrossValidation.folds(labels: labels, groups: groups, k: 4, seed: 123),
      CrossValidation.folds(labels: labels, groups: groups, k: 4, seed: 123))
    XCTAssertNotEqual(
      CrossValidation.folds(labels: labels, groups: groups, k: 4, seed: 123),
      CrossValidation.folds(labels: labels, groups: groups, k: 4, seed: 124))
    XCTAssertNotEqual(
      CrossValidation.folds(labels: labels, groups: nil, k: 4, seed: 1),
      CrossValidation.folds(labels: labels, groups: nil, k: 4, seed: 2))
  }

  func testSplitMixIsTheReferenceSequence() {
    // First outputs of SplitMix64 seeded with 0 (reference implementation by Vigna).
    var g = SplitMix64(seed: 0)
    XCTAssertEqual(g.next(), 0xE220_A839_7B1D_CDAF)
    XCTAssertEqual(g.next(), 0x6E78_9E6A_A1B9_65F4)
  }

  func testTooFewGroupsThrows() {
    XCTAssertThrowsError(
      try CrossValidation.checkedFolds(labels: [0, 1, 0, 1], groups: ["a", "a", "b", "b"], k: 3, seed: 1))
  }

  func testEvaluateScoresEveryFoldAndThePool() throws {
    let data = try GoldenData.load()
    let x = try data.matrix(data.train)
    var seen: [Int] = []
    let result = try CrossValidation.evaluate(
      labels: data.trainLabels, labelNames: data.classes, groups: nil, k: 3, seed: 5
    ) { train, test in
      XCTAssertEqual(CrossValidation.complement(test, count: x.rowCount), train)
      seen += test
      let (model, _) = try LogisticRegression.fit(
        x.selectingRows(train), labels: train.map { data.trainLabels[$0] }, classCount: data.classes.count,
        sampleWeights: nil, options: TrainingOptions(c: 1, threads: 2), warmStart: nil)
      return model.predict(x.selectingRows(test), threads: 1)
    }
    // Every example is tested exactly once.
    XCTAssertEqual(seen.sorted(), Array(0..<x.rowCount))
    XCTAssertEqual(result.folds, 3)
    XCTAssertEqual(result.foldMetrics.count, 3)
    XCTAssertEqual(result.n, x.rowCount)
    XCTAssertEqual(result.confusion.joined().reduce(0, +), x.rowCount)
    XCTAssertEqual(result.foldMetrics.map(\.count).reduce(0, +), x.rowCount)
    XCTAssertGreaterThan(result.accuracy.mean, 0.4)  // 4 balanced topics: chance is 0.25
    XCTAssertGreaterThanOrEqual(result.macroF1.std, 0)
    // A procedure that returns the wrong number of labels is an error, not a silent pad.
    XCTAssertThrowsError(
      try CrossValidation.evaluate(labels: data.trainLabels, labelNames: data.classes, groups: nil, k: 3, seed: 5) {
        _, test in Array(repeating: 0, count: test.count - 1)
      })
  }
}
