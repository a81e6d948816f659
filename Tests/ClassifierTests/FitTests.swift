import Features
import XCTest

@testable import Classifier
@testable import LinearModel

final class FitTests: XCTestCase {
  func testWeightsAreBitIdenticalWithOneAndTwoThreads() throws {
    // 7,000 rows, 6,000 features, 20 classes: 3 row blocks (3,276 rows for K = 20), 4 row chunks
    // (2,048) and 3 feature chunks (2,048), so every parallel loop splits.
    let (x, labels) = syntheticProblem(rows: 7000, features: 6000, perRow: 12, classes: 20, seed: 7)
    var options = TrainingOptions(c: 10, maxIterations: 25, tolerance: 1e-4, threads: 1)
    let one = try LogisticRegression.fit(
      x, labels: labels, classCount: 20, sampleWeights: nil, options: options, warmStart: nil)
    options.threads = 2
    let two = try LogisticRegression.fit(
      x, labels: labels, classCount: 20, sampleWeights: nil, options: options, warmStart: nil)
    options.threads = 3
    let three = try LogisticRegression.fit(
      x, labels: labels, classCount: 20, sampleWeights: nil, options: options, warmStart: nil)
    XCTAssertGreaterThan(one.report.iterations, 5)
    XCTAssertEqual(one.model.weights.map(\.bitPattern), two.model.weights.map(\.bitPattern))
    XCTAssertEqual(one.model.intercepts.map(\.bitPattern), two.model.intercepts.map(\.bitPattern))
    XCTAssertEqual(one.model.weights.map(\.bitPattern), three.model.weights.map(\.bitPattern))
    XCTAssertEqual(one.report.objective.bitPattern, two.report.objective.bitPattern)
    XCTAssertEqual(one.report.iterations, two.report.iterations)
  }

  func testGradientMatchesFiniteDifferences() throws {
    let (x, labels) = syntheticProblem(rows: 300, features: 200, perRow: 8, classes: 4, seed: 3)
    let weights: [Double] = (0..<300).map { (i: Int) -> Double in Double(i % 7 + 1) / 4 }
    let warm: [Float] = (0..<800).map { (i: Int) -> Float in Float((i * 37) % 11) / 20 - 0.25 }
    let objective = RowSpaceObjective(
      x: x, labels: labels, classCount: 4, exampleWeights: weights, c: 3, threads: 2, warmStart: warm)
    let n = objective.length
    var theta = [Double](repeating: 0, count: n)
    var gradient = [Double](repeating: 0, count: n)
    theta.withUnsafeMutableBufferPointer { objective.initialPoint($0.baseAddress!, intercepts: [0.1, -0.2, 0.3, 0]) }
    // Move to a generic point: one gradient step from the warm start.
    _ = objective.evaluate(theta, gradient: &gradient)
    for i in 0..<n { theta[i] -= 0.5 * gradient[i] }
    let (_, largest) = objective.evaluate(theta, gradient: &gradient)
    XCTAssertGreaterThan(largest, 0)
    // Along the direction −g, the slope must be −⟨g, g⟩ and match a central difference.
    let direction = gradient.map { -$0 }
    objective.prepareLine(theta, direction)
    let slope = objective.lineValue(theta, direction, step: 0).slope
    // (Γ is rounded to Float before the product, so the stored gradient is exact to ~1e-7.)
    XCTAssertEqual(slope, -objective.dot(gradient, gradient), accuracy: 1e-6 * abs(slope))
    let h = 1e-4
    let ahead = objective.lineValue(theta, direction, step: h).value
    let behind = objective.lineValue(theta, direction, step: -h).value
    let difference = (ahead - behind) / (2 * h)
    XCTAssertEqual(difference, slope, accuracy: 1e-5 * abs(slope))
    // The value along the line equals a fresh evaluation at the moved point.
    var moved = theta
    for i in 0..<n { moved[i] += 0.3 * direction[i] }
    let fresh = objective.evaluate(moved, gradient: &gradient).value
    XCTAssertEqual(objective.lineValue(theta, direction, step: 0.3).value, fresh, accuracy: 1e-12 * fresh)
  }

  func testBalancedClassWeightsEqualTheSameSampleWeights() throws {
    let (x, allLabels) = syntheticProblem(rows: 600, features: 300, perRow: 6, classes: 3, seed: 11)
    // Unbalance the classes: drop most of class 2.
    let keep = allLabels.indices.filter { allLabels[$0] != 2 || $0 % 5 == 0 }
    let sub = x.selectingRows(keep)
    let labels = keep.map { allLabels[$0] }
    let perClass = try ClassWeight.balanced.perClass(labels: labels, sampleWeights: nil, classCount: 3)
    let counts = (0..<3).map { l in labels.filter { $0 == l }.count }
    for l in 0..<3 { XCTAssertEqual(perClass[l], Double(labels.count) / (3 * Double(counts[l])), accuracy: 1e-12) }
    let balanced = try LogisticRegression.fit(
      sub, labels: labels, classCount: 3, sampleWeights: nil,
      options: TrainingOptions(c: 2, classWeight: .balanced, tolerance: 1e-8), warmStart: nil)
    let weighted = try LogisticRegression.fit(
      sub, labels: labels, classCount: 3, sampleWeights: labels.map { Float(perClass[Int($0)]) },
      options: TrainingOptions(c: 2, classWeight: .none, tolerance: 1e-8), warmStart: nil)
    XCTAssertEqual(balanced.report.objective, weighted.report.objective, accuracy: 1e-5 * balanced.report.objective)
    let plain = try LogisticRegression.fit(
      sub, labels: labels, classCount: 3, sampleWeights: nil,
      options: TrainingOptions(c: 2, classWeight: .none, tolerance: 1e-8), warmStart: nil)
    // Balancing raises the minority class's recall on its own training data.
    let truth = labels
    let recallBalanced = Metrics(truth: truth, predicted: balanced.model.predict(sub, threads: 1), classCount: 3)
      .recall[2]
    let recallPlain = Metrics(truth: truth, predicted: plain.model.predict(sub, threads: 1), classCount: 3).recall[2]
    XCTAssertGreaterThanOrEqual(recallBalanced, recallPlain)
  }

  func testAbsentClassGetsZeroProbability() throws {
    let (x, labels) = syntheticProblem(rows: 200, features: 100, perRow: 5, classes: 2, seed: 5)
    let (model, _) = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil, options: TrainingOptions(c: 1), warmStart: nil)
    let p = model.probabilities(x, threads: 1)
    for r in 0..<x.rowCount {
      XCTAssertEqual(p[r * 3 + 2], 0)
      XCTAssertEqual(p[r * 3] + p[r * 3 + 1], 1, accuracy: 1e-6)
    }
  }

  func testRejectsBadInputs() throws {
    let (x, labels) = syntheticProblem(rows: 20, features: 10, perRow: 3, classes: 2, seed: 1)
    XCTAssertThrowsError(
      try LogisticRegression.fit(
        x, labels: Array(labels.dropLast()), classCount: 2, sampleWeights: nil, options: .init(), warmStart: nil))
    XCTAssertThrowsError(
      try LogisticRegression.fit(
        x, labels: labels.map { $0 + 5 }, classCount: 2, sampleWeights: nil, options: .init(), warmStart: nil))
    XCTAssertThrowsError(
      try LogisticRegression.fit(
        x, labels: labels, classCount: 2, sampleWeights: nil, options: .init(c: 0), warmStart: nil))
    XCTAssertThrowsError(
      try LogisticRegression.fit(
        x, labels: labels, classCount: 2, sampleWeights: nil,
        options: .init(classWeight: .explicit([1])), warmStart: nil))
  }

  func testExplanations() throws {
    let x = try SparseMatrix(columnCount: 4, rowOffsets: [0, 3], columnIndices: [0, 1, 3], values: [0.5, 1, 2])
    // Feature-major weights for 2 classes.
    let model = LogisticRegression(
      classCount: 2, featureCount: 4, weights: [1, -1, 0.2, 3, 9, 9, -0.5, 0.25], intercepts: [0, 0])
    let top = model.contributions(row: 0, of: x, label: 0, top: 5)
    XCTAssertEqual(top.map(\.feature), [0, 1])  // 0.5·1 = 0.5, 1·0.2 = 0.2; feature 3 is negative
    XCTAssertEqual(top.map(\.weight), [0.5, 0.2])
    XCTAssertEqual(model.contributions(row: 0, of: x, label: 1, top: 1).map(\.feature), [1])  // 3 > 0.5
    XCTAssertEqual(model.topFeatures(label: 1, count: 2).map(\.feature), [2, 1])
    XCTAssertEqual(model.predict(x, threads: 1), [1])
  }
}
