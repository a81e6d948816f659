import LinearModel

/// Expected calibration error (top label, 10 equal-width bins) across cross-validation folds.
public struct CalibrationReport: Codable, Equatable, Sendable {
  /// With the temperature fitted on the other folds.
  public var calibrated: Spread
  /// Without calibration.
  public var uncalibrated: Spread

  /// A report with both figures.
  public init(calibrated: Spread, uncalibrated: Spread) {
    self.calibrated = calibrated
    self.uncalibrated = uncalibrated
  }
}
