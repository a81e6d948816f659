/// What drove each label across a corpus: for every prose sentence, the positive contribution
/// (TF-IDF value × weight) of each of its n-grams towards the label the sentence won, summed
/// per n-gram and label.
///
/// Sums are kept in fixed point (`scale` units per weight unit) so that adding is exact and
/// order-free: tallies filled by any number of threads, in any order, merge to the same totals,
/// and a report built from them stays byte-identical whatever the thread count.
///
/// A reference type: a `Scorer` adds to the tally it is given while it scores; give each
/// thread its own and `merge` them at the end. Not thread-safe.
public final class NGramTally {
  /// Fixed-point units per unit of contribution (2^20: contributions below 1e-6 are dropped).
  public static let scale = 1_048_576.0
  /// Number of labels K.
  public let classCount: Int
  /// Number of n-grams tallied (the first features of the vocabulary).
  public let featureCount: Int
  /// `featureCount × classCount` sums, row-major by feature.
  public private(set) var sums: [Int64]
  /// Prose sentences tallied per label.
  public private(set) var sentences: [Int]

  /// An empty tally over `featureCount` n-grams and `classCount` labels.
  public init(featureCount: Int, classCount: Int) {
    self.featureCount = featureCount
    self.classCount = classCount
    sums = [Int64](repeating: 0, count: featureCount * classCount)
    sentences = [Int](repeating: 0, count: classCount)
  }

  /// Adds one sentence (its row's n-gram `columns` and TF-IDF `values`) won by `label`, with
  /// the weights of the classifier that decided it (`weights[feature × classCount + label]`).
  /// Columns from `featureCount` on are not counted: a tally over the first n-grams only (the
  /// word n-grams) leaves out the character n-grams after them.
  public func add(
    columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, weights: UnsafeBufferPointer<Float>,
    label: Int
  ) {
    let k = classCount
    sentences[label] += 1
    sums.withUnsafeMutableBufferPointer { out in
      for (j, v) in zip(columns, values) where Int(j) < featureCount {
        let contribution = Double(v * weights[Int(j) * k + label])
        if contribution > 0 { out[Int(j) * k + label] &+= Int64((contribution * Self.scale).rounded()) }
      }
    }
  }

  /// Adds every sum of `other` (same shape) into this tally.
  public func merge(_ other: NGramTally) {
    precondition(other.featureCount == featureCount && other.classCount == classCount, "tallies differ in shape")
    for c in 0..<classCount { sentences[c] += other.sentences[c] }
    sums.withUnsafeMutableBufferPointer { out in
      other.sums.withUnsafeBufferPointer { add in
        for i in out.indices { out[i] &+= add[i] }
      }
    }
  }

  /// The `count` n-grams with the largest sums for `label`, largest first (ties by lower
  /// feature), as `(feature, summed contribution)`; only n-grams with a sum above 0.
  public func top(label: Int, count: Int, where keep: (Int32) -> Bool = { _ in true }) -> [(
    feature: Int32, weight: Double
  )] {
    var items: [(feature: Int32, sum: Int64)] = []
    for j in 0..<featureCount where sums[j * classCount + label] > 0 && keep(Int32(j)) {
      items.append((Int32(j), sums[j * classCount + label]))
    }
    items.sort { $0.sum != $1.sum ? $0.sum > $1.sum : $0.feature < $1.feature }
    return items.prefix(count).map { ($0.feature, Double($0.sum) / Self.scale) }
  }
}
