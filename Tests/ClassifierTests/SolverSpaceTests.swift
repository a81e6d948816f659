import Features
import XCTest

@testable import Classifier
@testable import LinearModel

/// The weight-space solver (chosen when rows outnumber half the features) reaches the same
/// optimum as the row-span solver and as scikit-learn, deterministically.
final class SolverSpaceTests: XCTestCase {
  func testWeightSpaceReachesScikitLearnsOptimum() throws {
    let data = try GoldenData.load()
    let golden = try GoldenFit.load(c: 10)
    let x = try data.matrix(data.train)
    let test = try data.matrix(data.test)
    let options = TrainingOptions(c: 10, classWeight: .none, maxIterations: 10_000, tolerance: 1e-8, threads: 2)
    let k = data.classes.count
    let weights = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: k, sampleWeights: nil, options: options, warmStart: nil,
      space: .weights)
    let rows = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: k, sampleWeights: nil, options: options, warmStart: nil,
      space: .rows)
    XCTAssertEqual(weights.report.objective, golden.objective, accuracy: 1e-4 * golden.objective)
    XCTAssertLessThanOrEqual(weights.report.objective, golden.objective * (1 + 1e-6))
    XCTAssertEqual(weights.report.objective, rows.report.objective, accuracy: 1e-6 * rows.report.objective)
    let recomputed = weights.model.objective(x, labels: data.trainLabels, exampleWeights: nil, c: 10, threads: 1)
    XCTAssertEqual(recomputed, weights.report.objective, accuracy: 1e-5 * recomputed)
    let a = weights.model.predict(test, threads: 1)
    let b = rows.model.predict(test, threads: 1)
    let agree = zip(a, b).filter { $0 == $1 }.count
    XCTAssertGreaterThanOrEqual(Double(agree) / Double(a.count), 0.995)
    XCTAssertTrue(weights.report.converged)
  }

  func testAutomaticChoiceAndThreadCountDoNotChangeTheWeights() throws {
    // 3,000 rows and 400 features: rows outnumber half the features, so `.automatic` takes weights.
    let (x, labels) = syntheticProblem(rows: 3000, features: 400, perRow: 12, classes: 4, seed: 11)
    XCTAssertTrue(LogisticRegression.SolverSpace.automatic.usesWeights(rows: 3000, features: 400))
    XCTAssertFalse(LogisticRegression.SolverSpace.automatic.usesWeights(rows: 100, features: 400))
    var options = TrainingOptions(c: 3, classWeight: .balanced, tolerance: 1e-6, threads: 1)
    let one = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    options.threads = 2
    let two = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil, space: .weights)
    XCTAssertEqual(one.model.weights, two.model.weights)
    XCTAssertEqual(one.model.intercepts, two.model.intercepts)
    let rows = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil, space: .rows)
    XCTAssertEqual(one.report.objective, rows.report.objective, accuracy: 1e-5 * rows.report.objective)
  }

  func testWeightSpaceWarmStartAndAbsentClass() throws {
    let (x, labels) = syntheticProblem(rows: 2000, features: 300, perRow: 10, classes: 3, seed: 5)
    let options = TrainingOptions(c: 1, classWeight: .none, tolerance: 1e-7, threads: 2)
    let cold = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil, options: options, warmStart: nil, space: .weights)
    let start = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil,
      options: TrainingOptions(c: 0.3, classWeight: .none, tolerance: 1e-5), warmStart: nil, space: .weights)
    let warm = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil, options: options, warmStart: start.model, space: .weights)
    XCTAssertEqual(warm.report.objective, cold.report.objective, accuracy: 1e-6 * cold.report.objective)
    XCTAssertTrue(warm.report.converged)
    // A fourth class with no example gets the absent-class intercept, as with the row-span solver.
    let four = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil, space: .weights)
    XCTAssertEqual(four.model.intercepts[3], LogisticRegression.absentClassIntercept)
  }
}
