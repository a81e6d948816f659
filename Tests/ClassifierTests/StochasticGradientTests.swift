import Features
import Foundation
import XCTest

@testable import Classifier
@testable import LinearModel

/// The `sgd` solver: close to L-BFGS's optimum and predictions, the same bits every run and
/// thread count, and `auto` keeps L-BFGS (and the recorded options) below its threshold.
final class StochasticGradientTests: XCTestCase {
  func testSGDApproachesTheOptimumAndAgreesWithLBFGS() throws {
    let data = try GoldenData.load()
    let golden = try GoldenFit.load(c: 10)
    let x = try data.matrix(data.train)
    let test = try data.matrix(data.test)
    let k = data.classes.count
    var options = TrainingOptions(c: 10, classWeight: .none, threads: 1)
    options.solver = .sgd
    options.epochs = 30
    let sgd = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: k, sampleWeights: nil, options: options, warmStart: nil)
    XCTAssertEqual(sgd.report.solver, .sgd)
    XCTAssertEqual(sgd.report.iterations, 30)
    // The objective it reports is the model's, within a few percent of scikit-learn's optimum.
    let recomputed = sgd.model.objective(x, labels: data.trainLabels, exampleWeights: nil, c: 10, threads: 1)
    XCTAssertEqual(recomputed, sgd.report.objective, accuracy: 1e-4 * recomputed)
    XCTAssertGreaterThanOrEqual(sgd.report.objective, golden.objective * (1 - 1e-6))
    XCTAssertLessThan(sgd.report.objective, golden.objective * 1.10)
    let predicted = sgd.model.predict(test, threads: 1)
    let agree = zip(predicted, golden.predictions).filter { $0 == $1 }.count
    XCTAssertGreaterThanOrEqual(Double(agree) / Double(predicted.count), 0.9)
    let right = zip(predicted, data.testLabels).filter { $0 == $1 }.count
    let goldenRight = zip(golden.predictions, data.testLabels).filter { $0 == $1 }.count
    XCTAssertGreaterThanOrEqual(right, goldenRight - predicted.count / 50)
  }

  func testSGDIsDeterministicWhateverTheThreads() throws {
    let (x, labels) = syntheticProblem(rows: 3000, features: 400, perRow: 12, classes: 4, seed: 3)
    var options = TrainingOptions(c: 3, classWeight: .balanced, threads: 1)
    options.solver = .sgd
    options.epochs = 3
    let one = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    options.threads = 2
    let two = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    XCTAssertEqual(one.model.weights, two.model.weights)
    XCTAssertEqual(one.model.intercepts, two.model.intercepts)
    XCTAssertEqual(one.report, two.report)
    // More epochs move the weights (the order and the decay depend on the epoch count).
    options.epochs = 4
    let four = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    XCTAssertNotEqual(one.model.weights, four.model.weights)
    // A class without examples gets the absent-class intercept, as with L-BFGS.
    let narrowed = labels.map { $0 == 3 ? 2 : $0 }
    let absent = try LogisticRegression.fit(
      x, labels: narrowed, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    XCTAssertEqual(absent.model.intercepts[3], LogisticRegression.absentClassIntercept)
    XCTAssertEqual(absent.report.solver, .sgd)
  }

  func testAutoKeepsLBFGSBelowTheThresholdAndRecordsNothingNew() throws {
    XCTAssertEqual(Solver.auto.resolved(rows: Solver.autoThreshold - 1), .lbfgs)
    XCTAssertEqual(Solver.auto.resolved(rows: Solver.autoThreshold), .sgd)
    XCTAssertEqual(Solver.lbfgs.resolved(rows: 10_000_000), .lbfgs)
    XCTAssertEqual(Solver.sgd.resolved(rows: 10), .sgd)
    let (x, labels) = syntheticProblem(rows: 500, features: 200, perRow: 8, classes: 3, seed: 9)
    let automatic = TrainingOptions(c: 1, classWeight: .none, tolerance: 1e-6)
    var explicit = automatic
    explicit.solver = .lbfgs
    let a = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil, options: automatic, warmStart: nil)
    let b = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil, options: explicit, warmStart: nil)
    XCTAssertEqual(a.model.weights, b.model.weights)
    XCTAssertNil(a.report.solver)
    // Unset solver and epochs leave the encoded options (stored in model files) as before.
    let encoded = String(decoding: try JSONEncoder().encode(automatic), as: UTF8.self)
    XCTAssertFalse(encoded.contains("solver"))
    XCTAssertFalse(encoded.contains("epochs"))
    let report = String(decoding: try JSONEncoder().encode(a.report), as: UTF8.self)
    XCTAssertFalse(report.contains("solver"))
  }

  func testEpochsMustBePositive() {
    var options = TrainingOptions()
    options.epochs = 0
    XCTAssertThrowsError(try options.validate())
    options.epochs = 1
    XCTAssertNoThrow(try options.validate())
  }
}
