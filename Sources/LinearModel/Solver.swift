/// Which optimizer fits a logistic regression.
///
/// `lbfgs` minimizes the objective to the tolerance (scikit-learn's solver, the default on the
/// sizes of hand-labelled data). `sgd` makes a fixed number of passes of stochastic gradient
/// descent over the rows in a seeded order (`StochasticGradientFit`): at a million rows it
/// reaches the same held-out accuracy in a small fraction of the time and holds the matrix once.
/// `auto` picks `sgd` from `Solver.autoThreshold` rows up, `lbfgs` below.
public enum Solver: String, Codable, Sendable, CaseIterable {
  /// `lbfgs` below `autoThreshold` rows, `sgd` from there up.
  case auto
  /// Full-batch L-BFGS to the tolerance.
  case lbfgs
  /// Seeded-order stochastic gradient descent, a fixed number of epochs.
  case sgd

  /// Training rows from which `auto` picks `sgd`. Hand-labelled sets (the shipped model's
  /// ~11k sentences, the public bias sets) stay far below it, so their models are unchanged.
  public static let autoThreshold = 200_000

  /// The solver that runs for `rows` training rows: `auto` resolved, the others as they are.
  public func resolved(rows: Int) -> Solver {
    switch self {
    case .auto: return rows >= Self.autoThreshold ? .sgd : .lbfgs
    case .lbfgs, .sgd: return self
    }
  }
}
