import LinearModel

/// What a document's sentences say, summed up as a fixed number of values per label: the input
/// of `ArticleClassifier`.
///
/// An article that takes a stance often carries it in a few confident sentences among many
/// neutral ones (a Bangkok Post op-ed: 6 skeptical sentences of 80). A share alone misses it and
/// a single vote overreacts, so the evidence keeps several views of the same probabilities.
/// For each label, in label order: the mean probability over the prose sentences, the share
/// of sentences it wins, its largest probability, the (squashed) count of sentences where it
/// reaches 0.5, and its probability in the first sentence (the headline); then the squashed
/// number of sentences. With the `attribution` layout, then for each label: its probability summed
/// over the sentences that are not attributed (`Attribution`) divided by the number of
/// sentences, and the squashed count of those where it reaches 0.5. A news report that quotes
/// stance-taking officials and an op-ed that argues in its own voice have alike probabilities
/// but not alike attribution. Every value is in 0...1.
public enum ArticleEvidence {
  /// Which values the evidence holds.
  public enum Layout: String, Codable, Sendable, CaseIterable {
    /// The probabilities' views only (`perLabel` values per label and the sentence count):
    /// models trained before attribution was measured.
    case probabilities
    /// Those, then `attributionPerLabel` values per label from the unattributed sentences.
    case attribution
  }

  /// Values per label from the probabilities.
  public static let perLabel = 5
  /// Values per label from the unattributed sentences (`attribution` layout).
  public static let attributionPerLabel = 2

  /// Number of values for `classCount` labels in `layout`.
  public static func count(classCount k: Int, layout: Layout = .probabilities) -> Int {
    perLabel * k + 1 + (layout == .attribution ? attributionPerLabel * k : 0)
  }

  /// The evidence of one document from its prose sentences' probabilities (`n × classCount`,
  /// row-major, rows summing to 1): the `probabilities` layout without `attributed`, the
  /// `attribution` layout with it (whether each sentence is attributed, `n` marks). A document
  /// without sentences gives all zeros.
  public static func features(_ probabilities: [Float], attributed: [Bool]? = nil, classCount k: Int) -> [Double] {
    precondition(k >= 1 && probabilities.count % k == 0, "probabilities must hold n × classCount values")
    let n = probabilities.count / k
    precondition(attributed == nil || attributed?.count == n, "one attribution mark per sentence")
    let layout: Layout = attributed == nil ? .probabilities : .attribution
    var out = [Double](repeating: 0, count: count(classCount: k, layout: layout))
    guard n > 0 else { return out }
    var sums = [Double](repeating: 0, count: k)
    var wins = [Int](repeating: 0, count: k)
    var maxima = [Double](repeating: 0, count: k)
    var confident = [Int](repeating: 0, count: k)
    for s in 0..<n {
      for c in 0..<k {
        let p = Double(probabilities[s * k + c])
        sums[c] += p
        maxima[c] = max(maxima[c], p)
        if p >= 0.5 { confident[c] += 1 }
      }
      wins[argmax(probabilities, row: s, classCount: k)] += 1
    }
    for c in 0..<k {
      out[c * perLabel] = sums[c] / Double(n)
      out[c * perLabel + 1] = Double(wins[c]) / Double(n)
      out[c * perLabel + 2] = maxima[c]
      out[c * perLabel + 3] = squash(Double(confident[c]), scale: 8)
      out[c * perLabel + 4] = Double(probabilities[c])
    }
    out[perLabel * k] = squash(Double(n), scale: 40)
    if let attributed {
      var ownSums = [Double](repeating: 0, count: k)
      var ownConfident = [Int](repeating: 0, count: k)
      for s in 0..<n where !attributed[s] {
        for c in 0..<k {
          let p = Double(probabilities[s * k + c])
          ownSums[c] += p
          if p >= 0.5 { ownConfident[c] += 1 }
        }
      }
      let base = perLabel * k + 1
      for c in 0..<k {
        out[base + c * attributionPerLabel] = ownSums[c] / Double(n)
        out[base + c * attributionPerLabel + 1] = squash(Double(ownConfident[c]), scale: 8)
      }
    }
    return out
  }

  /// `x / (x + scale)`: 0 at 0, one half at `scale`, below 1 always.
  private static func squash(_ x: Double, scale: Double) -> Double { x / (x + scale) }
}
