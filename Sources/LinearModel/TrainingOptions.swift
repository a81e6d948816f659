/// Settings of one logistic regression fit.
public struct TrainingOptions: Codable, Equatable, Sendable {
  /// Inverse regularization strength C > 0 (scikit-learn's `C`): larger fits the data more closely.
  public var c: Double
  /// How classes are weighted in the loss.
  public var classWeight: ClassWeight
  /// Most L-BFGS iterations (>= 0) before giving up unconverged; default 1000.
  public var maxIterations: Int
  /// Convergence threshold (>= 0) on the largest absolute gradient entry of the loss averaged
  /// over the summed example weights, as scikit-learn's `tol` (scipy's `pgtol`); default 1e-4.
  public var tolerance: Double
  /// Worker threads (>= 1). Results are bit-identical whatever this is.
  public var threads: Int
  /// L-BFGS history length (pairs of steps and gradient changes kept), >= 1; default 10 as scipy.
  public var historySize: Int
  /// Which optimizer runs; nil is `Solver.auto` (kept nil so that models trained without a
  /// choice record the same options as before solvers could be chosen).
  public var solver: Solver?
  /// Passes over the rows (>= 1) of the `sgd` solver; nil is `defaultEpochs`. L-BFGS ignores it.
  public var epochs: Int?
  /// Epochs of the `sgd` solver when `epochs` is nil.
  public static let defaultEpochs = 5

  /// Creates options; every parameter has the documented default. C 3 was chosen by
  /// cross-validation on four data sets (docs/defaults.md), and the balanced class weights raised
  /// to the power 0.75 on the same four (docs/defaults-class-weight.md).
  public init(
    c: Double = 3, classWeight: ClassWeight = .tempered(power: 0.75), maxIterations: Int = 1000,
    tolerance: Double = 1e-4,
    threads: Int = 1, historySize: Int = 10
  ) {
    self.c = c
    self.classWeight = classWeight
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.threads = threads
    self.historySize = historySize
  }

  /// Checks every value's range.
  /// - Throws: `ClassifierError.invalidOption` naming the first bad one.
  public func validate() throws {
    guard c > 0, c.isFinite else { throw ClassifierError.invalidOption("c must be > 0, got \(c)") }
    guard maxIterations >= 0 else { throw ClassifierError.invalidOption("maxIterations must be >= 0") }
    guard tolerance >= 0, tolerance.isFinite else { throw ClassifierError.invalidOption("tolerance must be >= 0") }
    guard threads >= 1 else { throw ClassifierError.invalidOption("threads must be >= 1") }
    guard historySize >= 1 else { throw ClassifierError.invalidOption("historySize must be >= 1") }
    if let epochs, epochs < 1 { throw ClassifierError.invalidOption("epochs must be >= 1, got \(epochs)") }
  }
}
