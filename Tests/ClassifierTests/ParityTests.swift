import Classifier
import Features
import XCTest
import LinearModel

/// Parity with scikit-learn's LogisticRegression(solver="lbfgs") on the golden AG News slice.
final class ParityTests: XCTestCase {
  func check(c: Int) throws {
    let data = try GoldenData.load()
    let golden = try GoldenFit.load(c: c)
    let x = try data.matrix(data.train)
    let test = try data.matrix(data.test)
    let options = TrainingOptions(c: Double(c), classWeight: .none, maxIterations: 10_000, tolerance: 1e-8, threads: 2)
    let (model, report) = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: data.classes.count, sampleWeights: nil, options: options, warmStart: nil)

    XCTAssertEqual(report.objective, golden.objective, accuracy: 1e-4 * golden.objective, "objective C=\(c)")
    // The objective recomputed from the Float model agrees with the optimizer's.
    let recomputed = model.objective(x, labels: data.trainLabels, exampleWeights: nil, c: Double(c), threads: 1)
    XCTAssertEqual(recomputed, golden.objective, accuracy: 1e-4 * golden.objective)
    // The optimum is at least as low as scikit-learn's (both converged to tol 1e-8).
    XCTAssertLessThanOrEqual(report.objective, golden.objective * (1 + 1e-6))

    let predicted = model.predict(test, threads: 2)
    let agree = zip(predicted, golden.predictions).filter { $0 == $1 }.count
    XCTAssertGreaterThanOrEqual(Double(agree) / Double(predicted.count), 0.995, "predictions C=\(c)")

    let probabilities = model.probabilities(test, threads: 2)
    XCTAssertEqual(probabilities.count, golden.probabilities.count)
    let worst = zip(probabilities, golden.probabilities).map { abs(Double($0) - $1) }.max() ?? 0
    XCTAssertLessThanOrEqual(worst, 1e-3, "probabilities C=\(c)")

    // Weights and intercepts (sklearn centres nothing; both are centred by the gradient's form).
    let largest = golden.weights.map(abs).max() ?? 1
    let weightError = zip(model.weights, golden.weights).map { abs(Double($0) - $1) }.max() ?? 0
    XCTAssertLessThanOrEqual(weightError, 1e-2 * largest)
    let meanOurs = model.intercepts.reduce(0) { $0 + Double($1) } / Double(model.classCount)
    let meanTheirs = golden.intercepts.reduce(0, +) / Double(golden.intercepts.count)
    for (ours, theirs) in zip(model.intercepts, golden.intercepts) {
      XCTAssertEqual(Double(ours) - meanOurs, theirs - meanTheirs, accuracy: 1e-2)
    }
    XCTAssertTrue(report.converged)
  }

  func testMatchesScikitLearnAtC1() throws { try check(c: 1) }

  func testMatchesScikitLearnAtC10() throws { try check(c: 10) }

  func testWarmStartReachesTheSameOptimumSooner() throws {
    let data = try GoldenData.load()
    let x = try data.matrix(data.train)
    let k = data.classes.count
    let golden = try GoldenFit.load(c: 10)
    let first = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: k, sampleWeights: nil,
      options: TrainingOptions(c: 1, classWeight: .none, tolerance: 1e-6), warmStart: nil)
    let options = TrainingOptions(c: 10, classWeight: .none, maxIterations: 10_000, tolerance: 1e-8)
    let cold = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: k, sampleWeights: nil, options: options, warmStart: nil)
    let warm = try LogisticRegression.fit(
      x, labels: data.trainLabels, classCount: k, sampleWeights: nil, options: options, warmStart: first.model)
    XCTAssertEqual(warm.report.objective, golden.objective, accuracy: 1e-4 * golden.objective)
    XCTAssertLessThan(warm.report.iterations, cold.report.iterations)
  }
}
