import Features
import LinearModel

extension BoilerplateDetector {
  /// Fits the detector on the spans of `pages`: a two-class logistic regression over
  /// `SpanShape`'s features, unweighted (chrome is common on scraped pages, and its prior
  /// belongs in the bias).
  ///
  /// - Parameters:
  ///   - pages: pages with marked spans; both kinds of span must occur.
  ///   - c: inverse regularization strength (> 0).
  /// - Throws: what `LogisticRegression.fit` throws (e.g. only one kind of span).
  public static func fit(_ pages: [LabelledPage], c: Double = 1) throws -> BoilerplateDetector {
    let (x, y, _) = table(pages)
    return try fit(x: x, y: y, c: c)
  }

  private static func fit(x: [Double], y: [Int32], c: Double) throws -> BoilerplateDetector {
    let options = TrainingOptions(c: c, classWeight: .none, maxIterations: 2000, tolerance: 1e-6)
    let (model, _) = try LogisticRegression.fit(
      DenseRows.matrix(x, columns: SpanShape.count), labels: y, classCount: 2, sampleWeights: nil, options: options,
      warmStart: nil)
    // Two-class softmax is the logistic of the difference of the two rows.
    let f = SpanShape.count
    let weights = (0..<f).map { Double(model.weights[$0 * 2 + 1]) - Double(model.weights[$0 * 2]) }
    return BoilerplateDetector(weights: weights, bias: Double(model.intercepts[1]) - Double(model.intercepts[0]))
  }

  /// Features, labels (1 = boilerplate) and outlet of every span of `pages`.
  private static func table(_ pages: [LabelledPage]) -> (x: [Double], y: [Int32], outlet: [String]) {
    var x: [Double] = []
    var y: [Int32] = []
    var outlet: [String] = []
    for page in pages {
      let (ranges, flags) = page.spans()
      x += SpanShape.features(page.text, spans: ranges)
      y += flags.map { $0 ? 1 : 0 }
      outlet += repeatElement(page.outlet, count: ranges.count)
    }
    return (x, y, outlet)
  }

  /// How well the detector finds boilerplate on outlets it was not fitted on: each outlet's
  /// spans are predicted by a detector fitted on the other outlets' pages.
  ///
  /// - Returns: nil when fewer than two outlets have pages.
  /// - Throws: what `fit` throws.
  public static func crossValidate(_ pages: [LabelledPage], c: Double = 1) throws -> BoilerplateEvaluation? {
    let (x, y, outlet) = table(pages)
    let outlets = Array(Set(outlet)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard outlets.count >= 2 else { return nil }
    let f = SpanShape.count
    var predicted = [Int32](repeating: 0, count: y.count)
    var perOutlet: [Double] = []
    for held in outlets {
      let train = y.indices.filter { outlet[$0] != held }
      let test = y.indices.filter { outlet[$0] == held }
      let trainY = train.map { y[$0] }
      guard Set(trainY).count == 2 else { continue }
      let detector = try fit(x: train.flatMap { x[($0 * f)..<($0 * f + f)] }, y: trainY, c: c)
      for i in test {
        var z = detector.bias
        for j in 0..<f { z += detector.weights[j] * x[i * f + j] }
        predicted[i] = z > 0 ? 1 : 0
      }
      let truth = test.map { y[$0] }
      if truth.contains(1) {
        perOutlet.append(Metrics(truth: truth, predicted: test.map { predicted[$0] }, classCount: 2).f1[1])
      }
    }
    let pooled = Metrics(truth: y, predicted: predicted, classCount: 2)
    return BoilerplateEvaluation(
      spans: y.count, pages: pages.count, outlets: outlets.count, boilerplate: y.filter { $0 == 1 }.count,
      precision: pooled.precision[1], recall: pooled.recall[1], f1: pooled.f1[1], accuracy: pooled.accuracy,
      outletF1: Spread(perOutlet))
  }
}

/// Leave-one-outlet-out figures of the boilerplate detector (see `BoilerplateDetector.crossValidate`).
public struct BoilerplateEvaluation: Codable, Equatable, Sendable {
  /// Spans evaluated, pages and outlets they came from, and spans marked boilerplate.
  public var spans: Int, pages: Int, outlets: Int, boilerplate: Int
  /// Precision, recall and F1 of `boilerplate` over all held-out predictions pooled.
  public var precision: Double, recall: Double, f1: Double
  /// Share of spans called right.
  public var accuracy: Double
  /// F1 of `boilerplate` per held-out outlet that has any.
  public var outletF1: Spread
}
