import Features
import Foundation
import LinearModel

/// Temperature scaling of a model's sentence probabilities: `q_c ∝ p_c^(1/T)`, i.e. the
/// softmax of the log-probabilities divided by `T`.
///
/// Balanced class weights and L2 regularization leave a logistic regression's probabilities
/// too flat or too sharp for what they predict; one temperature, fitted on out-of-fold
/// predictions, fixes the scale without moving any sentence's most probable label (so labels,
/// counts and F1 are unchanged). Vector scaling (a bias per class) would also correct the shift
/// that balanced weights give the rare labels, but it moves labels and undoes what the weights
/// are for: recall of the rare stances.
public struct ProbabilityCalibration: Codable, Equatable, Sendable {
  /// The temperature T > 0: below 1 sharpens, above 1 flattens.
  public var temperature: Double
  /// How the out-of-fold predictions it was fitted on looked before and after (the reliability
  /// diagram), pooled over folds; empty when not measured.
  public var reliability: [ReliabilityBin]

  /// A calibration with the given temperature (> 0, finite).
  public init(temperature: Double, reliability: [ReliabilityBin] = []) {
    self.temperature = temperature
    self.reliability = reliability
  }

  /// Whether the temperature is usable (finite, > 0).
  public var isValid: Bool { temperature.isFinite && temperature > 0 }

  /// Calibrates one row of probabilities (summing to 1) in place.
  public func apply(_ row: UnsafeMutableBufferPointer<Float>) {
    let inverse = 1 / temperature
    var top = -Double.infinity
    for p in row where p > 0 { top = max(top, PortableMath.log(Double(p))) }
    var sum = 0.0
    for c in row.indices {
      let v = row[c] > 0 ? PortableMath.exp((PortableMath.log(Double(row[c])) - top) * inverse) : 0
      row[c] = Float(v)
      sum += v
    }
    for c in row.indices { row[c] = Float(Double(row[c]) / sum) }
  }

  /// `probabilities` (`rows × classCount`) calibrated.
  public func applied(_ probabilities: [Float], classCount k: Int) -> [Float] {
    var out = probabilities
    out.withUnsafeMutableBufferPointer { all in
      for r in 0..<(all.count / k) { apply(UnsafeMutableBufferPointer(rebasing: all[(r * k)..<(r * k + k)])) }
    }
    return out
  }

  /// The temperature that minimizes the mean negative log-likelihood of `labels` under
  /// `probabilities` (`rows × classCount`), found by golden-section search on log T in [-3, 3].
  public static func fit(_ probabilities: [Float], labels: [Int32], classCount k: Int) -> ProbabilityCalibration {
    let logs = probabilities.map { PortableMath.log(max(Double($0), 1e-30)) }
    func loss(_ logT: Double) -> Double {
      let inverse = PortableMath.exp(-logT)
      var total = 0.0
      for (r, y) in labels.enumerated() {
        let row = logs[(r * k)..<(r * k + k)]
        let top = row.max()! * inverse
        var sum = 0.0
        for v in row { sum += PortableMath.exp(v * inverse - top) }
        total += PortableMath.log(sum) + top - logs[r * k + Int(y)] * inverse
      }
      return total / Double(max(labels.count, 1))
    }
    var (a, b) = (-3.0, 3.0)
    let ratio = (5.0.squareRoot() - 1) / 2
    var c = b - ratio * (b - a)
    var d = a + ratio * (b - a)
    var (fc, fd) = (loss(c), loss(d))
    for _ in 0..<80 {
      if fc < fd {
        (b, d, fd) = (d, c, fc)
        c = b - ratio * (b - a)
        fc = loss(c)
      } else {
        (a, c, fc) = (c, d, fd)
        d = a + ratio * (b - a)
        fd = loss(d)
      }
    }
    return ProbabilityCalibration(temperature: PortableMath.exp((a + b) / 2))
  }
}

/// One bin of a reliability diagram: predictions whose top probability falls in the bin.
public struct ReliabilityBin: Codable, Equatable, Sendable {
  /// The bin's lower edge (0, 0.1, ..., 0.9); the bin is `[lower, lower + 0.1)`, the last one closed.
  public var lower: Double
  /// Predictions in the bin.
  public var count: Int
  /// Their mean top probability before calibration, and the share right.
  public var confidence: Double, accuracy: Double
  /// The same after calibration (with a temperature fitted without each prediction's fold).
  public var calibratedCount: Int, calibratedConfidence: Double, calibratedAccuracy: Double

  /// A bin with every field given.
  public init(
    lower: Double, count: Int, confidence: Double, accuracy: Double, calibratedCount: Int,
    calibratedConfidence: Double, calibratedAccuracy: Double
  ) {
    self.lower = lower
    self.count = count
    self.confidence = confidence
    self.accuracy = accuracy
    self.calibratedCount = calibratedCount
    self.calibratedConfidence = calibratedConfidence
    self.calibratedAccuracy = calibratedAccuracy
  }
}

/// Expected calibration error of the top label.
public enum CalibrationError {
  /// Per bin of the top probability (`bins` equal-width bins over [0, 1]): count, mean top
  /// probability and share right, of `probabilities` (`rows × classCount`) against `labels`.
  public static func bins(_ probabilities: [Float], labels: [Int32], classCount k: Int, bins: Int = 10) -> [(
    count: Int, confidence: Double, accuracy: Double
  )] {
    var count = [Int](repeating: 0, count: bins)
    var confidence = [Double](repeating: 0, count: bins)
    var right = [Int](repeating: 0, count: bins)
    for (r, y) in labels.enumerated() {
      let best = argmax(probabilities, row: r, classCount: k)
      let top = Double(probabilities[r * k + best])
      let bin = min(bins - 1, max(0, Int(top * Double(bins))))
      count[bin] += 1
      confidence[bin] += top
      if best == Int(y) { right[bin] += 1 }
    }
    return (0..<bins).map { b in
      count[b] == 0
        ? (0, 0, 0) : (count[b], confidence[b] / Double(count[b]), Double(right[b]) / Double(count[b]))
    }
  }

  /// `Σ_b (n_b / n)·|accuracy_b − confidence_b|` over 10 equal-width bins of the top probability.
  public static func expected(_ probabilities: [Float], labels: [Int32], classCount k: Int) -> Double {
    let n = Double(max(labels.count, 1))
    return bins(probabilities, labels: labels, classCount: k).reduce(0) {
      $0 + Double($1.count) / n * abs($1.accuracy - $1.confidence)
    }
  }
}
