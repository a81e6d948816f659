import Features
import Foundation

/// How much each class counts in the training loss, multiplied into every example's weight.
public enum ClassWeight: Codable, Equatable, Sendable {
  /// Every class weighs 1.
  case none
  /// Class `k` weighs `total / (classCount · weight_k)`, where `weight_k` is the summed sample
  /// weight of its examples and `total` that of all examples (with unit sample weights:
  /// `n / (K · count_k)`), as scikit-learn's `class_weight="balanced"`; K counts the classes
  /// that have examples.
  case balanced
  /// One weight per class, in label order; each finite and >= 0.
  case explicit([Double])
  /// The balanced weight raised to `power` (0 ... 2): 1 is `.balanced`, 0 is `.none`, and values
  /// between trade the rarer classes' recall against their precision.
  case tempered(power: Double)

  /// The weight of each of the `classCount` classes for these labels and sample weights.
  ///
  /// Classes absent from `labels` get weight 1 under `.balanced` (they contribute no example).
  /// - Throws: `ClassifierError.invalidClassWeights` when explicit weights have the wrong count
  ///   or a negative or non-finite value.
  public func perClass(labels: [Int32], sampleWeights: [Float]?, classCount: Int) throws -> [Double] {
    switch self {
    case .none:
      return [Double](repeating: 1, count: classCount)
    case .explicit(let weights):
      guard weights.count == classCount, weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
        throw ClassifierError.invalidClassWeights
      }
      return weights
    case .tempered(let power):
      guard power.isFinite, (0...2).contains(power) else { throw ClassifierError.invalidClassWeights }
      let balanced = try ClassWeight.balanced.perClass(
        labels: labels, sampleWeights: sampleWeights, classCount: classCount)
      return balanced.map { PortableMath.pow($0, power) }
    case .balanced:
      var perLabel = [Double](repeating: 0, count: classCount)
      var total = 0.0
      for (i, label) in labels.enumerated() {
        let w = sampleWeights.map { Double($0[i]) } ?? 1
        perLabel[Int(label)] += w
        total += w
      }
      // Classes without examples do not count in K, as scikit-learn sees only the labels present.
      let present = Double(perLabel.filter { $0 > 0 }.count)
      return perLabel.map { $0 > 0 ? total / (present * $0) : 1 }
    }
  }
}
