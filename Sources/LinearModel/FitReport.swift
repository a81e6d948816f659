/// What a fit did: how far the optimizer went and where it stopped.
public struct FitReport: Codable, Equatable, Sendable {
  /// L-BFGS iterations taken (scipy's `nit`, scikit-learn's `n_iter_`).
  public var iterations: Int
  /// Final objective `0.5·||W||² + C·Σ sᵢ·CE(yᵢ, softmax(W xᵢ + b))` (intercepts unpenalized),
  /// the multinomial form scikit-learn minimizes; equals scikit-learn's averaged loss times `C·Σ sᵢ`.
  public var objective: Double
  /// Largest absolute entry of the averaged-loss gradient at the end (compare with `tolerance`).
  public var gradientNorm: Double
  /// True when the gradient or the relative objective decrease fell below its threshold.
  public var converged: Bool
  /// Loss and gradient evaluations (one per accepted step plus line-search trials).
  public var evaluations: Int
  /// The solver that ran when it was not L-BFGS (`.sgd`: `iterations` are then epochs); nil for
  /// L-BFGS, so that L-BFGS models record the same report as before solvers could be chosen.
  public var solver: Solver?

  /// Creates a report.
  public init(
    iterations: Int, objective: Double, gradientNorm: Double, converged: Bool, evaluations: Int = 0,
    solver: Solver? = nil
  ) {
    self.iterations = iterations
    self.objective = objective
    self.gradientNorm = gradientNorm
    self.converged = converged
    self.evaluations = evaluations
    self.solver = solver
  }
}
