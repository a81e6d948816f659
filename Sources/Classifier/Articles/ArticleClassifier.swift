import Features
import Foundation
import LinearModel

/// Labels a whole article from its sentences' evidence (`ArticleEvidence`): a multinomial
/// logistic regression learnt from articles that a reader judged, on sentence probabilities
/// predicted out of fold. Its probabilities are the article's scores.
public struct ArticleClassifier: Codable, Equatable, Sendable {
  /// Number of labels (the model's labels, in its order).
  public var classCount: Int
  /// `ArticleEvidence.count(classCount:layout:) × classCount` weights, feature-major.
  public var weights: [Double]
  /// One intercept per label.
  public var intercepts: [Double]
  /// Whether the article rule's precedence is laid over a stance label (the codebook's rule 2
  /// at the article level: an op-ed that doubts in state-media frames is state-media).
  public var appliesPrecedence: Bool
  /// The evidence the classifier reads; nil (models before attribution) is `.probabilities`.
  public var evidenceLayout: ArticleEvidence.Layout?

  /// A classifier with the given shape and values.
  public init(
    classCount: Int, weights: [Double], intercepts: [Double], appliesPrecedence: Bool = false,
    evidenceLayout: ArticleEvidence.Layout? = nil
  ) {
    self.classCount = classCount
    self.weights = weights
    self.intercepts = intercepts
    self.appliesPrecedence = appliesPrecedence
    self.evidenceLayout = evidenceLayout
  }

  /// The evidence the classifier reads.
  public var layout: ArticleEvidence.Layout { evidenceLayout ?? .probabilities }

  /// Whether the classifier needs to know which sentences are attributed.
  public var readsAttribution: Bool { layout == .attribution }

  /// How the classifier is fitted: its regularization and whether classes are balanced.
  public struct Setting: Codable, Equatable, Sendable {
    /// Inverse regularization strength C > 0.
    public var c: Double
    /// Balanced class weights (`n / (K n_k)`), or every article weighing 1.
    public var balanced: Bool
    /// The power the balanced weights are raised to (0 ... 2); nil is 1. Ignored unless `balanced`.
    public var power: Double?

    /// A setting with the given values.
    public init(c: Double, balanced: Bool, power: Double? = nil) {
      self.c = c
      self.balanced = balanced
      self.power = power
    }

    /// The class weights the setting fits with.
    public var classWeight: ClassWeight {
      guard balanced else { return .none }
      return power.map { .tempered(power: $0) } ?? .balanced
    }

    /// The settings `crossValidate` chooses among: C 0.3, 1 and 3, each unweighted, with the
    /// balanced weights to the power 0.5, and balanced. Judged articles are few and mostly
    /// neutral, and which serves macro-F1 depends on the data: so the data decides.
    public static let grid: [Setting] = [nil, 0.5, 1].flatMap { (p: Double?) in
      [0.3, 1, 3].map { Setting(c: $0, balanced: p != nil, power: p == 1 ? nil : p) }
    }
  }

  /// Whether the stored arrays fit `classCount` labels and are finite.
  public func isValid(classCount k: Int) -> Bool {
    classCount == k && weights.count == ArticleEvidence.count(classCount: k, layout: layout) * k
      && intercepts.count == k
      && weights.allSatisfy(\.isFinite) && intercepts.allSatisfy(\.isFinite)
  }

  /// The article's probability per label (sums to 1) given its evidence.
  public func probabilities(evidence x: [Double]) -> [Double] {
    let k = classCount
    var z = intercepts
    for (j, v) in x.enumerated() where v != 0 {
      for c in 0..<k { z[c] += v * weights[j * k + c] }
    }
    let top = z.max() ?? 0
    let e = z.map { PortableMath.exp($0 - top) }
    let sum = e.reduce(0, +)
    return e.map { $0 / sum }
  }

  /// The article's probabilities from its prose sentences' probabilities (`n × classCount`)
  /// and whether each is attributed (`Attribution`; `n` marks). A classifier that
  /// `readsAttribution` needs the marks (a missing one stops the program: it is a caller's
  /// bug, as a wrong-sized array would be); one that does not ignores them.
  public func probabilities(sentences: [Float], attributed: [Bool]?) -> [Double] {
    precondition(!readsAttribution || attributed != nil, "this article classifier reads each sentence's attribution")
    return probabilities(
      evidence: ArticleEvidence.features(
        sentences, attributed: readsAttribution ? attributed : nil, classCount: classCount))
  }

  /// Fits the classifier on articles' evidence rows (`articles × ArticleEvidence.count(classCount:layout:)`)
  /// and judged labels.
  ///
  /// - Parameters:
  ///   - setting: inverse regularization strength and class weights (`crossValidate` chooses them).
  ///   - layout: the evidence the rows hold.
  /// - Throws: what `LogisticRegression.fit` throws (e.g. fewer than two labels judged).
  public static func fit(
    evidence x: [Double], labels: [Int32], classCount k: Int, layout: ArticleEvidence.Layout,
    setting: Setting = Setting(c: 1, balanced: false)
  ) throws -> ArticleClassifier {
    let f = ArticleEvidence.count(classCount: k, layout: layout)
    let options = TrainingOptions(
      c: setting.c, classWeight: setting.classWeight, maxIterations: 5000, tolerance: 1e-7)
    let (model, _) = try LogisticRegression.fit(
      DenseRows.matrix(x, columns: f), labels: labels, classCount: k, sampleWeights: nil, options: options,
      warmStart: nil)
    return ArticleClassifier(
      classCount: k, weights: model.weights.map(Double.init), intercepts: model.intercepts.map(Double.init),
      evidenceLayout: layout == .probabilities ? nil : layout)
  }
}
