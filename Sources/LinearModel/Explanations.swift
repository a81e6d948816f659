import Features

extension LogisticRegression {
  /// The features that push row `row` of `x` toward `label` the most: the `top` largest
  /// contributions `x_j · w_{j,label}`, largest first (only positive ones, ties by lower feature).
  ///
  /// - Parameters:
  ///   - row: a row of `x`, `0 ..< x.rowCount`.
  ///   - label: a class, `0 ..< classCount`.
  ///   - top: how many to return at most (>= 0).
  public func contributions(row: Int, of x: SparseMatrix, label: Int, top: Int) -> [(feature: Int32, weight: Float)] {
    precondition(row >= 0 && row < x.rowCount && label >= 0 && label < classCount, "row or label out of range")
    let (columns, values) = x.row(row)
    var items: [(feature: Int32, weight: Float)] = []
    items.reserveCapacity(columns.count)
    for (j, v) in zip(columns, values) {
      let contribution = v * weights[Int(j) * classCount + label]
      if contribution > 0 { items.append((j, contribution)) }
    }
    return Self.largest(items, count: top)
  }

  /// The `count` features with the largest weight for `label`, largest first (ties by lower feature).
  public func topFeatures(label: Int, count: Int) -> [(feature: Int32, weight: Float)] {
    precondition(label >= 0 && label < classCount, "label out of range")
    var items: [(feature: Int32, weight: Float)] = []
    items.reserveCapacity(featureCount)
    for j in 0..<featureCount { items.append((Int32(j), weights[j * classCount + label])) }
    return Self.largest(items, count: count)
  }

  /// The first `count` items by descending weight, then ascending feature, for a stable order.
  static func largest(_ items: [(feature: Int32, weight: Float)], count: Int) -> [(feature: Int32, weight: Float)] {
    let sorted = items.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.feature < $1.feature }
    return Array(sorted.prefix(max(0, count)))
  }
}
