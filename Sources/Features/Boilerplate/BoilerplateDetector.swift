import Foundation

/// Tells the page chrome of a scraped page (menus, bylines, timestamps, "RELATED" link lists,
/// captions, metadata lines) from its prose, span by span.
///
/// A logistic model over `SpanShape`'s features, learned from spans that a reader marked in real
/// pages (`labels/boilerplate.jsonl`; fitted by `BoilerplateDetector.fit` in Classifier). The
/// article label, the article scores and the context features leave boilerplate out; the span
/// stays in the output, marked.
public struct BoilerplateDetector: Codable, Equatable, Sendable {
  /// One weight per `SpanShape` feature (the log-odds of boilerplate per unit of the feature).
  public var weights: [Double]
  /// The log-odds of boilerplate when every feature is 0.
  public var bias: Double

  /// A detector with the given weights (`SpanShape.count` of them) and bias.
  public init(weights: [Double], bias: Double) {
    self.weights = weights
    self.bias = bias
  }

  /// Whether the detector fits this build's features (a model written with another feature set
  /// is refused rather than misread).
  public var isCompatible: Bool { weights.count == SpanShape.count && weights.allSatisfy(\.isFinite) && bias.isFinite }

  /// The probability (0...1) that each span of `text` is boilerplate.
  public func probabilities(_ text: String, spans: [Range<Int>]) -> [Double] {
    let x = SpanShape.features(text, spans: spans)
    let f = SpanShape.count
    return (0..<spans.count).map { i in
      var z = bias
      for j in 0..<f { z += weights[j] * x[i * f + j] }
      return 1 / (1 + PortableMath.exp(-z))
    }
  }

  /// Documents of fewer spans than this are not pages: no span of theirs is marked.
  public static let minimumPageSpans = 4

  /// Which spans of `text` are boilerplate (probability above one half). A document whose spans
  /// would all be boilerplate keeps them all as prose: a headline or a one-line record alone is
  /// what the user asked to score. So does a document of fewer than `minimumPageSpans` spans: a
  /// headline, a post or a two-sentence record has no menus, and its short last sentence ("The
  /// ministers met on Monday.") looks like the credit line that ends a page.
  public func mark(_ text: String, spans: [Range<Int>]) -> [Bool] {
    guard spans.count >= Self.minimumPageSpans else { return [Bool](repeating: false, count: spans.count) }
    let marks = probabilities(text, spans: spans).map { $0 > 0.5 }
    return marks.allSatisfy { $0 } ? [Bool](repeating: false, count: spans.count) : marks
  }
}
