/// Seeded, stratified k-fold splits, grouped by source when groups are given.
///
/// Without groups, the examples of each label are shuffled and dealt to the folds in turn
/// (continuing the turn across labels), so every fold gets its share of every label and fold
/// sizes differ by at most one. With groups (e.g. the article a sentence came from), a group
/// never sits on both sides of a split: groups are shuffled, ordered by how concentrated their
/// labels are (most first, as scikit-learn's `StratifiedGroupKFold`), and each goes to the fold
/// that keeps every label's share across folds most even, ties to the smaller fold.
/// Shuffles use `SplitMix64(seed:)`, so the same inputs and seed give the same folds anywhere.
public enum CrossValidation {
  /// The test indices of each of `k` folds (each ascending; together every index exactly once).
  ///
  /// - Parameters:
  ///   - labels: one label (>= 0) per example.
  ///   - groups: nil, or one group name per example; equal names stay in one fold.
  ///   - k: folds, >= 2. With fewer examples (or groups) than `k`, some folds are empty.
  ///   - seed: any value; fixes the shuffle.
  public static func folds(labels: [Int32], groups: [String]?, k: Int, seed: UInt64) -> [[Int]] {
    precondition(k >= 2, "k must be at least 2")
    precondition(groups == nil || groups!.count == labels.count, "one group per example")
    var generator = SplitMix64(seed: seed)
    let classCount = Int(labels.max() ?? 0) + 1
    var result = [[Int]](repeating: [], count: k)
    guard let groups else {
      var turn = 0
      for label in 0..<classCount {
        var members = labels.indices.filter { Int(labels[$0]) == label }
        generator.shuffle(&members)
        for i in members {
          result[turn % k].append(i)
          turn += 1
        }
      }
      return result.map { $0.sorted() }
    }
    // Group ids in order of first appearance; members and label counts per group.
    var ids: [String: Int] = [:]
    var members: [[Int]] = []
    var counts: [[Int]] = []
    for (i, name) in groups.enumerated() {
      let id: Int
      if let known = ids[name] {
        id = known
      } else {
        id = members.count
        ids[name] = id
        members.append([])
        counts.append([Int](repeating: 0, count: classCount))
      }
      members[id].append(i)
      counts[id][Int(labels[i])] += 1
    }
    var order = Array(members.indices)
    generator.shuffle(&order)
    let concentration = counts.map { standardDeviation($0.map(Double.init)) }
    // Stable sort: the shuffle decides among groups equally concentrated.
    order = order.enumerated().sorted { a, b in
      concentration[a.element] != concentration[b.element]
        ? concentration[a.element] > concentration[b.element] : a.offset < b.offset
    }.map(\.element)
    var totals = [Double](repeating: 0, count: classCount)
    for row in counts { for l in 0..<classCount { totals[l] += Double(row[l]) } }
    var foldCounts = [[Double]](repeating: [Double](repeating: 0, count: classCount), count: k)
    var foldSizes = [Int](repeating: 0, count: k)
    for group in order {
      var best = 0
      var bestSpread = Double.infinity
      for fold in 0..<k {
        for l in 0..<classCount { foldCounts[fold][l] += Double(counts[group][l]) }
        var spread = 0.0
        for l in 0..<classCount where totals[l] > 0 {
          spread += standardDeviation((0..<k).map { foldCounts[$0][l] / totals[l] })
        }
        spread /= Double(classCount)
        for l in 0..<classCount { foldCounts[fold][l] -= Double(counts[group][l]) }
        if spread < bestSpread - 1e-12 || (abs(spread - bestSpread) <= 1e-12 && foldSizes[fold] < foldSizes[best]) {
          best = fold
          bestSpread = spread
        }
      }
      for l in 0..<classCount { foldCounts[best][l] += Double(counts[group][l]) }
      foldSizes[best] += members[group].count
      result[best].append(contentsOf: members[group])
    }
    return result.map { $0.sorted() }
  }

  /// The folds, checked to be usable: `k >= 2` and every fold non-empty.
  /// - Throws: `ClassifierError.invalidOption` for `k < 2`, `.tooFewForFolds` when a fold is empty.
  public static func checkedFolds(labels: [Int32], groups: [String]?, k: Int, seed: UInt64) throws -> [[Int]] {
    guard k >= 2 else { throw ClassifierError.invalidOption("folds must be >= 2, got \(k)") }
    let available = groups.map { Set($0).count } ?? labels.count
    guard available >= k else { throw ClassifierError.tooFewForFolds(k: k, available: available) }
    let result = folds(labels: labels, groups: groups, k: k, seed: seed)
    guard result.allSatisfy({ !$0.isEmpty }) else { throw ClassifierError.tooFewForFolds(k: k, available: available) }
    return result
  }

  /// The population standard deviation (divisor n) of `values`; 0 for fewer than two.
  static func standardDeviation(_ values: [Double]) -> Double {
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count)).squareRoot()
  }
}
