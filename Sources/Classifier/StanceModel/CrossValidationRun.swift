import LinearModel

/// The results of one cross-validation run of `Training.crossValidate`.
public struct CrossValidationRun: Sendable {
  /// Accuracy, macro-F1 and per-label figures across folds (the model file keeps them), and
  /// each fold's metrics.
  public var summary: CrossValidationResult
  /// Folds whose model has one stage although a context stage was asked for (see
  /// `Fitted.contextSkipped`): their training part was too small for one.
  public var foldsWithoutContext: Int
  /// Macro-F1 per fold with every test sentence scored alone (a document of its own), as a
  /// headline or a one-sentence record is.
  public var aloneMacroF1: Spread
  /// Test sentences the sentence model called neutral with probability >= 0.8, how many of
  /// them the context stage moved to another label, and how many of those moves were right.
  public var confidentNeutral = 0, flipped = 0, flippedRight = 0
  /// The temperature fitted on all out-of-fold probabilities, with its reliability bins.
  public var calibration: ProbabilityCalibration
  /// Expected calibration error (top label, 10 bins) per fold: with a temperature fitted on
  /// the other folds' predictions, and without one.
  public var ece: Spread, eceUncalibrated: Spread
}
