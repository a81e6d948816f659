/// A line search for the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6),
/// with safeguarded cubic interpolation. L-BFGS needs the curvature condition so that every
/// stored pair has `sᵀy > 0`.
enum LineSearch {
  /// A point on the line: step, value and slope `φ'(step)`.
  struct Point {
    var step: Double
    var value: Double
    var slope: Double
  }

  /// Where the search stopped.
  struct Result {
    /// The accepted point (step 0 when no decrease was found).
    var point: Point
    /// Evaluations of `φ` made.
    var evaluations: Int
    /// True when the strong Wolfe conditions hold at `point`; false when the search ran out of
    /// evaluations or interval and returned its best point of sufficient decrease instead.
    var wolfe: Bool
  }

  /// Searches `φ(step) = f(θ + step·d)` for a step meeting the strong Wolfe conditions.
  ///
  /// - Parameters:
  ///   - start: `φ(0)` and `φ'(0)`; the slope must be negative (a descent direction).
  ///   - initialStep: the first step tried (> 0), 1 for quasi-Newton directions.
  ///   - maxEvaluations: most calls of `phi` (scikit-learn passes `maxls = 50`).
  ///   - sufficientDecrease: `c1` in `φ(a) <= φ(0) + c1·a·φ'(0)`.
  ///   - curvature: `c2` in `|φ'(a)| <= c2·|φ'(0)|`.
  ///   - phi: returns `(φ(a), φ'(a))`.
  static func strongWolfe(
    start: Point, initialStep: Double, maxEvaluations: Int = 50, sufficientDecrease c1: Double = 1e-4,
    curvature c2: Double = 0.9, phi: (Double) -> (Double, Double)
  ) -> Result {
    let f0 = start.value
    let g0 = start.slope
    var evaluations = 0
    var previous = start
    var step = initialStep
    func armijo(_ p: Point) -> Bool { p.value <= f0 + c1 * p.step * g0 }
    func curvatureHolds(_ p: Point) -> Bool { abs(p.slope) <= -c2 * g0 }

    while evaluations < maxEvaluations {
      let (f, g) = phi(step)
      evaluations += 1
      guard f.isFinite && g.isFinite else {
        // Overflow far along the line: come back toward the last good point.
        step = previous.step + 0.1 * (step - previous.step)
        continue
      }
      let p = Point(step: step, value: f, slope: g)
      if !armijo(p) || (evaluations > 1 && f >= previous.value) {
        return zoom(low: previous, high: p, f0: f0, g0: g0, c1: c1, c2: c2, used: evaluations, max: maxEvaluations, phi)
      }
      if curvatureHolds(p) { return Result(point: p, evaluations: evaluations, wolfe: true) }
      if g >= 0 {
        return zoom(low: p, high: previous, f0: f0, g0: g0, c1: c1, c2: c2, used: evaluations, max: maxEvaluations, phi)
      }
      previous = p
      step *= 4
    }
    let best = previous.step > 0 ? previous : start
    return Result(point: best, evaluations: evaluations, wolfe: false)
  }

  /// Narrows `[low, high]` (low: sufficient decrease and the lower value) to a strong Wolfe point.
  private static func zoom(
    low: Point, high: Point, f0: Double, g0: Double, c1: Double, c2: Double, used: Int, max: Int,
    _ phi: (Double) -> (Double, Double)
  ) -> Result {
    var low = low
    var high = high
    var evaluations = used
    while evaluations < max {
      let width = high.step - low.step
      if abs(width) <= 1e-15 * Swift.max(1, abs(low.step)) { break }
      var step = cubicMinimizer(low, high) ?? (low.step + 0.5 * width)
      // Keep the trial well inside the interval so that it always shrinks.
      let lo = Swift.min(low.step, high.step) + 0.1 * abs(width)
      let hi = Swift.max(low.step, high.step) - 0.1 * abs(width)
      if !(step >= lo && step <= hi) { step = low.step + 0.5 * width }
      let (f, g) = phi(step)
      evaluations += 1
      let p = Point(step: step, value: f, slope: g)
      if !(f.isFinite && g.isFinite) || f > f0 + c1 * step * g0 || f >= low.value {
        high = p
      } else {
        if abs(g) <= -c2 * g0 { return Result(point: p, evaluations: evaluations, wolfe: true) }
        if g * (high.step - low.step) >= 0 { high = low }
        low = p
      }
    }
    return Result(point: low, evaluations: evaluations, wolfe: false)
  }

  /// The minimizer of the cubic through two points' values and slopes, or nil when it has none.
  static func cubicMinimizer(_ a: Point, _ b: Point) -> Double? {
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
    let radicand = d1 * d1 - a.slope * b.slope
    guard radicand >= 0 else { return nil }
    let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
    let denominator = b.slope - a.slope + 2 * d2
    guard denominator != 0 else { return nil }
    let x = b.step - (b.step - a.step) * (b.slope + d2 - d1) / denominator
    return x.isFinite ? x : nil
  }
}
