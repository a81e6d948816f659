import XCTest

@testable import Classifier
@testable import LinearModel

/// A smooth function given by closures, with the Euclidean inner product: what the solver
/// sees of a test problem.
final class FunctionObjective: SmoothObjective {
  let length: Int
  let value: ([Double]) -> Double
  let gradient: ([Double]) -> [Double]
  /// Calls of `evaluate` and `lineValue`, to check the solver's own count.
  var calls = 0

  init(length: Int, value: @escaping ([Double]) -> Double, gradient: @escaping ([Double]) -> [Double]) {
    self.length = length
    self.value = value
    self.gradient = gradient
  }

  func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    var sum = 0.0
    for i in 0..<length { sum += a[i] * b[i] }
    return sum
  }

  func evaluate(_ theta: UnsafePointer<Double>, gradient out: UnsafeMutablePointer<Double>) -> (
    value: Double, gradientMaxAbs: Double
  ) {
    calls += 1
    let x = Array(UnsafeBufferPointer(start: theta, count: length))
    let g = gradient(x)
    for i in 0..<length { out[i] = g[i] }
    return (value(x), g.map(abs).max() ?? 0)
  }

  func prepareLine(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>) {}

  func lineValue(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>, step: Double) -> (
    value: Double, slope: Double
  ) {
    calls += 1
    let x = (0..<length).map { (i: Int) -> Double in theta[i] + step * direction[i] }
    let g = gradient(x)
    var slope = 0.0
    for i in 0..<length { slope += g[i] * direction[i] }
    return (value(x), slope)
  }

  /// `0.5·Σ aᵢ·(xᵢ − cᵢ)²`: minimum 0 at `c`, condition number `max a / min a`.
  static func quadratic(_ a: [Double], center c: [Double]) -> FunctionObjective {
    FunctionObjective(
      length: a.count,
      value: { x in
        var sum = 0.0
        for i in 0..<a.count {
          let d: Double = x[i] - c[i]
          sum += a[i] * d * d
        }
        return 0.5 * sum
      },
      gradient: { x in (0..<a.count).map { (i: Int) -> Double in a[i] * (x[i] - c[i]) } })
  }

  /// The extended Rosenbrock function `Σ 100·(x₂ᵢ₊₁ − x₂ᵢ²)² + (1 − x₂ᵢ)²`: minimum 0 at all ones,
  /// along a curved narrow valley.
  static func rosenbrock(_ n: Int) -> FunctionObjective {
    FunctionObjective(
      length: n,
      value: { x in
        var sum = 0.0
        for i in stride(from: 0, to: n, by: 2) {
          let t: Double = x[i + 1] - x[i] * x[i]
          let u: Double = 1 - x[i]
          sum += 100 * t * t + u * u
        }
        return sum
      },
      gradient: { x in
        var g = [Double](repeating: 0, count: n)
        for i in stride(from: 0, to: n, by: 2) {
          let t: Double = x[i + 1] - x[i] * x[i]
          g[i] = -400 * x[i] * t - 2 * (1 - x[i])
          g[i + 1] = 200 * t
        }
        return g
      })
  }
}

/// The L-BFGS solver on problems with known minima.
final class LBFGSTests: XCTestCase {
  func minimize(_ f: FunctionObjective, from start: [Double], _ solver: LBFGS) -> (LBFGS.Outcome, [Double]) {
    var theta = start
    let outcome = theta.withUnsafeMutableBufferPointer { solver.minimize(f, theta: $0.baseAddress!) }
    return (outcome, theta)
  }

  func testMinimizesAnIllConditionedQuadratic() {
    // Curvatures 1 ... 1000: steepest descent would need thousands of steps.
    let n = 50
    let a = (0..<n).map { (i: Int) -> Double in pow(1000, Double(i) / Double(n - 1)) }
    let c = (0..<n).map { (i: Int) -> Double in sin(Double(i)) * 3 }
    let f = FunctionObjective.quadratic(a, center: c)
    let tolerance = 1e-6
    let (outcome, x) = minimize(
      f, from: [Double](repeating: 0, count: n), LBFGS(maxIterations: 500, tolerance: tolerance, historySize: 10))
    XCTAssertTrue(outcome.converged)
    XCTAssertLessThanOrEqual(outcome.gradientMaxAbs, tolerance)
    XCTAssertLessThan(outcome.iterations, 250)
    // The gradient is aᵢ·(xᵢ − cᵢ), so each coordinate is within gradientMaxAbs / aᵢ of the minimum.
    for i in 0..<n { XCTAssertEqual(x[i], c[i], accuracy: outcome.gradientMaxAbs / a[i] * (1 + 1e-9)) }
    XCTAssertEqual(outcome.value, f.value(x), "the reported value is the value at the returned point")
    XCTAssertLessThan(outcome.value, 0.5 * Double(n) * tolerance * tolerance)
    XCTAssertEqual(outcome.evaluations, f.calls, "every evaluation is counted")
  }

  func testStopsOnTheRelativeDecreaseWhenTheGradientToleranceIsOutOfReach() {
    // A tolerance of 0 cannot be met; the run ends when a step no longer lowers the value
    // by more than 64·ε relative to it (scipy's ftol), near the minimum, well before the cap.
    let f = FunctionObjective.quadratic([1, 10, 100], center: [-1, 0, 1])
    let (outcome, x) = minimize(f, from: [5, 5, 5], LBFGS(maxIterations: 10_000, tolerance: 0, historySize: 5))
    XCTAssertTrue(outcome.converged)
    XCTAssertLessThan(outcome.iterations, 100)
    XCTAssertLessThan(outcome.value, 1e-12)
    for (v, c) in zip(x, [-1.0, 0, 1]) { XCTAssertEqual(v, c, accuracy: 1e-6) }
  }

  func testMinimizesRosenbrock() {
    let f = FunctionObjective.rosenbrock(10)
    let start: [Double] = (0..<10).map { $0 % 2 == 0 ? -1.2 : 1.0 }
    let (outcome, x) = minimize(f, from: start, LBFGS(maxIterations: 1000, tolerance: 1e-8, historySize: 7))
    XCTAssertTrue(outcome.converged)
    for v in x { XCTAssertEqual(v, 1, accuracy: 1e-5) }
    XCTAssertLessThan(outcome.value, 1e-10)
    XCTAssertEqual(outcome.evaluations, f.calls)
  }

  func testEveryAcceptedStepLowersTheValue() {
    // Stopping after i iterations for i = 1, 2, ... gives a strictly falling value (Armijo).
    let f = FunctionObjective.rosenbrock(2)
    var last = f.value([-1.2, 1])
    for i in 1...20 {
      let (outcome, x) = minimize(f, from: [-1.2, 1], LBFGS(maxIterations: i, tolerance: 0, historySize: 5))
      XCTAssertEqual(outcome.iterations, i)
      XCTAssertFalse(outcome.converged)
      XCTAssertLessThan(outcome.value, last)
      XCTAssertEqual(outcome.value, f.value(x))
      last = outcome.value
    }
  }

  func testAStartAtTheMinimumTakesNoStep() {
    let f = FunctionObjective.quadratic([1, 2, 3], center: [1, 2, 3])
    let (outcome, x) = minimize(f, from: [1, 2, 3], LBFGS(maxIterations: 100, tolerance: 1e-12, historySize: 3))
    XCTAssertEqual(outcome.iterations, 0)
    XCTAssertTrue(outcome.converged)
    XCTAssertEqual(outcome.evaluations, 1)
    XCTAssertEqual(x, [1, 2, 3])
  }

  func testZeroIterationsLeavesTheStart() {
    let f = FunctionObjective.rosenbrock(2)
    let (outcome, x) = minimize(f, from: [-1.2, 1], LBFGS(maxIterations: 0, tolerance: 1e-8, historySize: 5))
    XCTAssertEqual(outcome.iterations, 0)
    XCTAssertFalse(outcome.converged)
    XCTAssertEqual(x, [-1.2, 1])
  }

  func testAHistoryOfOneStillConverges() {
    // One stored pair: a scaled steepest descent with curvature information, still convergent.
    let a: [Double] = [1, 10, 100]
    let f = FunctionObjective.quadratic(a, center: [-1, 0, 1])
    let (outcome, x) = minimize(f, from: [5, 5, 5], LBFGS(maxIterations: 2000, tolerance: 1e-5, historySize: 1))
    XCTAssertTrue(outcome.converged)
    XCTAssertLessThanOrEqual(outcome.gradientMaxAbs, 1e-5)
    for (i, c) in [-1.0, 0, 1].enumerated() {
      XCTAssertEqual(x[i], c, accuracy: outcome.gradientMaxAbs / a[i] * (1 + 1e-9))
    }
  }
}
