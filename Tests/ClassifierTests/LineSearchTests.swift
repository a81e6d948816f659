import XCTest

@testable import Classifier
@testable import LinearModel

/// The strong Wolfe line search: every point it calls Wolfe meets both conditions, on lines
/// that need expanding, zooming, or stepping back from overflow.
final class LineSearchTests: XCTestCase {
  let c1 = 1e-4
  let c2 = 0.9

  /// Runs the search on `phi` from step 0 and checks what it returns: the point is `phi` at its
  /// step, the evaluations are counted, and a Wolfe point meets both strong Wolfe conditions.
  @discardableResult
  func search(
    _ phi: @escaping (Double) -> (Double, Double), initialStep: Double, maxEvaluations: Int = 50,
    file: StaticString = #filePath, line: UInt = #line
  ) -> LineSearch.Result {
    let (f0, g0) = phi(0)
    var calls = 0
    let result = LineSearch.strongWolfe(
      start: .init(step: 0, value: f0, slope: g0), initialStep: initialStep, maxEvaluations: maxEvaluations,
      sufficientDecrease: c1, curvature: c2
    ) {
      calls += 1
      return phi($0)
    }
    XCTAssertEqual(result.evaluations, calls, file: file, line: line)
    XCTAssertLessThanOrEqual(calls, maxEvaluations, file: file, line: line)
    let p = result.point
    if p.step > 0 {
      let (f, g) = phi(p.step)
      XCTAssertEqual(p.value, f, file: file, line: line)
      XCTAssertEqual(p.slope, g, file: file, line: line)
      XCTAssertLessThanOrEqual(p.value, f0 + c1 * p.step * g0, "sufficient decrease", file: file, line: line)
    }
    if result.wolfe {
      XCTAssertGreaterThan(p.step, 0, file: file, line: line)
      XCTAssertLessThanOrEqual(abs(p.slope), c2 * abs(g0), "curvature", file: file, line: line)
    }
    return result
  }

  func testTheFullStepOnAQuadraticIsAccepted() {
    // φ(a) = (a − 1)²: the first trial is the minimum.
    let result = search({ a in ((a - 1) * (a - 1), 2 * (a - 1)) }, initialStep: 1)
    XCTAssertTrue(result.wolfe)
    XCTAssertEqual(result.point.step, 1)
    XCTAssertEqual(result.evaluations, 1)
  }

  func testExpandsTowardAFarMinimum() {
    // Minimum at 1000, first trial 1: the step grows until the slope is small or turns.
    let result = search({ a in ((a - 1000) * (a - 1000), 2 * (a - 1000)) }, initialStep: 1)
    XCTAssertTrue(result.wolfe)
    XCTAssertGreaterThan(result.point.step, 100)
  }

  func testZoomsIntoANearMinimum() {
    // Minimum at 0.001, first trial 1 fails sufficient decrease: the interval is narrowed.
    let result = search({ a in ((a - 0.001) * (a - 0.001), 2 * (a - 0.001)) }, initialStep: 1)
    XCTAssertTrue(result.wolfe)
    XCTAssertGreaterThan(result.evaluations, 1)
    XCTAssertLessThan(result.point.step, 0.002)
  }

  func testStepsBackFromOverflow() {
    // Beyond 1 the function is infinite (as an exp overflow would make it).
    let phi: (Double) -> (Double, Double) = { a in
      a < 1 ? ((a - 0.5) * (a - 0.5), 2 * (a - 0.5)) : (.infinity, .nan)
    }
    let result = search(phi, initialStep: 10)
    XCTAssertTrue(result.wolfe)
    XCTAssertLessThan(result.point.step, 1)
  }

  func testRandomSmoothLinesGiveWolfePoints() {
    // φ(a) = p·(a − q)² + r·(a − q)⁴ + s·a: convex, so a Wolfe point always exists.
    var random = SplitMix64(seed: 42)
    func uniform(_ low: Double, _ high: Double) -> Double {
      low + (high - low) * Double(random.next() >> 11) / Double(1 << 53)
    }
    for _ in 0..<500 {
      let p = uniform(0.01, 100)
      let q = exp(uniform(-6, 6))
      let r = uniform(0, 10)
      let s = uniform(-1, 0)
      let phi: (Double) -> (Double, Double) = { a in
        let d = a - q
        return (p * d * d + r * d * d * d * d + s * a, 2 * p * d + 4 * r * d * d * d + s)
      }
      XCTAssertTrue(search(phi, initialStep: exp(uniform(-5, 5))).wolfe, "p \(p) q \(q) r \(r) s \(s)")
    }
  }

  func testOutOfEvaluationsReturnsTheStartWhenNothingDecreased() {
    // One evaluation allowed and the first trial overshoots: no step is taken.
    let result = search({ a in ((a - 0.001) * (a - 0.001), 2 * (a - 0.001)) }, initialStep: 1, maxEvaluations: 1)
    XCTAssertFalse(result.wolfe)
    XCTAssertEqual(result.point.step, 0)
    XCTAssertEqual(result.evaluations, 1)
  }

  func testCubicMinimizerIsExactOnACubic() {
    // φ(a) = a³ − 3a has its local minimum at 1; the cubic through any two points is φ itself.
    func point(_ a: Double) -> LineSearch.Point { .init(step: a, value: a * a * a - 3 * a, slope: 3 * a * a - 3) }
    XCTAssertEqual(LineSearch.cubicMinimizer(point(0), point(2))!, 1, accuracy: 1e-12)
    XCTAssertEqual(LineSearch.cubicMinimizer(point(2), point(0.5))!, 1, accuracy: 1e-12)
    // A line (no curvature) has no minimizer.
    XCTAssertNil(
      LineSearch.cubicMinimizer(.init(step: 0, value: 0, slope: -1), .init(step: 1, value: -1, slope: -1)))
  }
}
