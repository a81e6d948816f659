import CBLAS

/// Limited-memory BFGS (Nocedal & Wright, algorithm 7.4/7.5) with a strong Wolfe line search,
/// stopping like scipy's L-BFGS-B as scikit-learn calls it: the largest absolute gradient entry
/// <= `tolerance` (`pgtol`), or the relative decrease of the value <= 64·ε (`ftol`), or
/// `maxIterations` iterations.
///
/// The history of steps `s` and gradient changes `y` is kept as two column-major matrices
/// (`length × historySize`, ring buffer); the two-loop recursion runs on them with `FixedOrderVectors` (sums and updates in an order
/// no BLAS kernel changes) and BLAS for the exact copies and scalings.
struct LBFGS {
  /// Most iterations (>= 0).
  var maxIterations: Int
  /// Threshold on the largest absolute gradient entry.
  var tolerance: Double
  /// Pairs kept (>= 1).
  var historySize: Int
  /// Threshold on `(f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1)`, as scikit-learn's `ftol`.
  var relativeDecrease: Double = 64 * Double.ulpOfOne
  /// Most function evaluations per line search (scikit-learn's `maxls`).
  var maxLineEvaluations: Int = 50

  /// The outcome of `minimize`.
  struct Outcome {
    var iterations: Int
    var value: Double
    var gradientMaxAbs: Double
    var converged: Bool
    var evaluations: Int
  }

  /// Minimizes `objective` starting from `theta` (overwritten with the result).
  func minimize<O: SmoothObjective>(_ objective: O, theta: UnsafeMutablePointer<Double>) -> Outcome {
    let n = objective.length
    let m = historySize
    let g = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let gNew = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let d = UnsafeMutablePointer<Double>.allocate(capacity: n)
    let steps = UnsafeMutablePointer<Double>.allocate(capacity: n * m)
    let changes = UnsafeMutablePointer<Double>.allocate(capacity: n * m)
    defer {
      for p in [g, gNew, d, steps, changes] { p.deallocate() }
    }
    var rho = [Double](repeating: 0, count: m)
    var alpha = [Double](repeating: 0, count: m)
    var stored = 0
    var newest = -1

    var (value, gmax) = objective.evaluate(theta, gradient: g)
    var evaluations = 1
    if gmax <= tolerance {
      return Outcome(iterations: 0, value: value, gradientMaxAbs: gmax, converged: true, evaluations: evaluations)
    }
    var iterations = 0
    var converged = false
    let count = Int32(n)
    while iterations < maxIterations {
      // Two-loop recursion: d = −H·g.
      cblas_dcopy(count, g, 1, d, 1)
      for back in 0..<stored {
        let i = (newest - back + m) % m
        alpha[i] = rho[i] * objective.dot(steps + i * n, d)
        FixedOrderVectors.addScaled(n, -alpha[i], changes + i * n, d)
      }
      if stored > 0 {
        let y = changes + newest * n
        let gamma = objective.dot(steps + newest * n, y) / objective.dot(y, y)
        cblas_dscal(count, gamma, d, 1)
      }
      for forward in 0..<stored {
        let i = (newest - stored + 1 + forward + m) % m
        let beta = rho[i] * objective.dot(changes + i * n, d)
        FixedOrderVectors.addScaled(n, alpha[i] - beta, steps + i * n, d)
      }
      cblas_dscal(count, -1, d, 1)
      var slope = objective.dot(g, d)
      if !(slope < 0) {
        // Not a descent direction (numerical trouble): forget the history, go downhill.
        stored = 0
        cblas_dcopy(count, g, 1, d, 1)
        cblas_dscal(count, -1, d, 1)
        slope = objective.dot(g, d)
      }
      // The first step is scaled to length 1, as L-BFGS-B does; later ones try the full step.
      let initial = stored == 0 ? min(1, 1 / (-slope).squareRoot()) : 1
      objective.prepareLine(theta, d)
      let search = LineSearch.strongWolfe(
        start: .init(step: 0, value: value, slope: slope), initialStep: initial, maxEvaluations: maxLineEvaluations
      ) { objective.lineValue(theta, d, step: $0) }
      evaluations += search.evaluations
      let step = search.point.step
      if !(step > 0) { break }
      FixedOrderVectors.addScaled(n, step, d, theta)
      let (newValue, newMax) = objective.evaluate(theta, gradient: gNew)
      evaluations += 1
      iterations += 1
      FitProgress.iterationDone(iterations)

      // Keep the pair when the curvature is clearly positive (as L-BFGS-B: sᵀy > ε·yᵀy).
      let slot = (newest + 1) % m
      let s = steps + slot * n
      let y = changes + slot * n
      cblas_dcopy(count, d, 1, s, 1)
      cblas_dscal(count, step, s, 1)
      cblas_dcopy(count, gNew, 1, y, 1)
      FixedOrderVectors.addScaled(n, -1, g, y)
      let sy = objective.dot(s, y)
      let yy = objective.dot(y, y)
      if sy > Double.ulpOfOne * yy {
        rho[slot] = 1 / sy
        newest = slot
        stored = min(stored + 1, m)
      } else if stored == m {
        stored = m - 1  // the slot just overwritten held the oldest pair
      }
      cblas_dcopy(count, gNew, 1, g, 1)
      let previous = value
      value = newValue
      gmax = newMax
      if gmax <= tolerance {
        converged = true
        break
      }
      if previous - value <= relativeDecrease * max(abs(previous), abs(value), 1) {
        converged = true
        break
      }
    }
    return Outcome(
      iterations: iterations, value: value, gradientMaxAbs: gmax, converged: converged, evaluations: evaluations)
  }
}
