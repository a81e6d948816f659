import Features
import LinearModel

/// Cluster-margin (Citovsky et al. 2021, "Batch Active Learning at Scale"): the most uncertain
/// candidates are grouped by topic, and the picks go round-robin over the groups, so that one
/// batch does not spend its labels on many sentences about the same thing.
///
/// The paper clusters the whole pool once (agglomerative, average linkage) and keeps the
/// clusters across rounds; `suggest` keeps no state between runs, so it clusters only the
/// candidates it ranks, in each run, with spherical k-means (cosine on the model's TF-IDF rows,
/// seeded k-means++ start), which is linear in their number. As in the paper, clusters are
/// visited smallest first, and within a cluster the most useful candidate comes first.
enum SuggestionClusters {
  /// The most centroid entries (clusters × shared columns) the clustering keeps in memory
  /// (4 bytes each): with more, fewer clusters are made.
  static let centroidBudget = 40_000_000

  /// Most k-means rounds; it usually settles in fewer.
  static let maximumRounds = 15

  /// The cluster (0 ..< `clusters`, or fewer when `centroidBudget` binds) of each of `texts`,
  /// by spherical k-means on the TF-IDF rows of `vectorizer`. The start is seeded by `seed`;
  /// the result depends on `texts`, `clusters` and `seed` only, not on `threads`.
  static func assign(
    _ texts: [String], clusters: Int, vectorizer: TfidfVectorizer, seed: UInt64, threads: Int
  ) -> [Int] {
    let n = texts.count
    guard n > 0, clusters > 1 else { return [Int](repeating: 0, count: n) }
    // The rows, on the columns held by at least two texts (renumbered densely): a column of
    // one text adds nothing to its similarity with any other, and leaving it out keeps the
    // centroids small. The rows are not renormalized: a text's own words still weigh in its norm.
    let builder = TfidfRowBuilder(vectorizer: vectorizer)
    var rows: [[(column: Int32, value: Float)]] = []
    rows.reserveCapacity(n)
    var df: [Int32: Int] = [:]
    for text in texts {
      var text = text
      let row = text.withUTF8 { bytes in
        builder.row(bytes) { columns, values in Array(zip(columns, values).map { (column: $0, value: $1) }) }
      }
      for entry in row { df[entry.column, default: 0] += 1 }
      rows.append(row)
    }
    var dense: [Int32: Int32] = [:]
    for (column, count) in df.sorted(by: { $0.key < $1.key }) where count > 1 {
      dense[column] = Int32(dense.count)
    }
    let points: [[(column: Int32, value: Float)]] = rows.map { row in
      row.compactMap { entry in dense[entry.column].map { (column: $0, value: entry.value) } }
    }
    let width = max(dense.count, 1)
    let k = max(1, min(clusters, n, centroidBudget / width))
    guard k > 1 else { return [Int](repeating: 0, count: n) }

    // Centroids column-major (`width` columns × `k` clusters): a point's similarities to every
    // centroid are then one contiguous multiply-add per entry of the point.
    var centroids = [Float](repeating: 0, count: width * k)

    // k-means++ start: each next centre drawn with probability proportional to the squared
    // distance (1 − cosine, up to a constant) to the nearest centre so far.
    var generator = SplitMix64(seed: seed ^ 0x5EED_C1A5_7E25)
    var centre = [Float](repeating: 0, count: width)
    var nearest = [Float](repeating: .infinity, count: n)
    var chosen = generator.below(n)
    for c in 0..<k {
      for entry in points[chosen] {
        centroids[Int(entry.column) * k + c] = entry.value
        centre[Int(entry.column)] = entry.value
      }
      guard c + 1 < k else { break }
      var total = 0.0
      for i in 0..<n {
        var s: Float = 0
        for entry in points[i] { s += entry.value * centre[Int(entry.column)] }
        let distance = max(0, 1 - s)
        nearest[i] = min(nearest[i], distance * distance)
        total += Double(nearest[i])
      }
      for entry in points[chosen] { centre[Int(entry.column)] = 0 }
      chosen = generator.below(n)
      if total > 0 {
        var target = Double(generator.next() >> 11) / Double(1 << 53) * total
        for i in 0..<n {
          target -= Double(nearest[i])
          if target < 0 {
            chosen = i
            break
          }
        }
      }
    }

    var assignment = [Int](repeating: -1, count: n)
    let ranges = FixedChunks.ranges(count: n, chunkSize: 64)
    for _ in 0..<maximumRounds {
      let next = centroids.withUnsafeBufferPointer { matrix in
        WorkQueue.map(count: ranges.count, threads: threads) { job -> [Int] in
          var similarity = [Float](repeating: 0, count: k)
          return ranges[job].map { i in
            similarity.withUnsafeMutableBufferPointer { acc in
              for j in 0..<k { acc[j] = 0 }
              for entry in points[i] {
                let base = Int(entry.column) * k
                let v = entry.value
                for j in 0..<k { acc[j] += v * matrix[base + j] }
              }
              var best = 0
              for j in 1..<k where acc[j] > acc[best] { best = j }
              return best
            }
          }
        }.flatMap { $0 }
      }
      if next == assignment { break }
      assignment = next
      // Each centroid: the normalized sum of its members (an empty cluster keeps its centre).
      var sums = [Float](repeating: 0, count: width * k)
      var members = [Int](repeating: 0, count: k)
      for i in 0..<n {
        let c = assignment[i]
        members[c] += 1
        for entry in points[i] { sums[Int(entry.column) * k + c] += entry.value }
      }
      var norms = [Float](repeating: 0, count: k)
      for column in 0..<width {
        for c in 0..<k {
          let v = sums[column * k + c]
          norms[c] += v * v
        }
      }
      for c in 0..<k { norms[c] = norms[c].squareRoot() }
      for column in 0..<width {
        for c in 0..<k where members[c] > 0 {
          centroids[column * k + c] = norms[c] > 0 ? sums[column * k + c] / norms[c] : 0
        }
      }
    }
    return assignment
  }

  /// The round-robin order of Cluster-margin: `ranked` holds candidate positions, most useful
  /// first, and `cluster[i]` the cluster of `ranked[i]`. Clusters are visited smallest first
  /// (ties: the one whose best member ranks higher first); each visit takes the cluster's next
  /// member in rank order. Returns a permutation of `ranked`.
  static func roundRobin(_ ranked: [Int], cluster: [Int]) -> [Int] {
    var members: [Int: [Int]] = [:]
    var firstRank: [Int: Int] = [:]
    for (rank, c) in cluster.enumerated() {
      members[c, default: []].append(ranked[rank])
      if firstRank[c] == nil { firstRank[c] = rank }
    }
    let visits = members.keys.sorted {
      let (a, b) = (members[$0]!.count, members[$1]!.count)
      return a != b ? a < b : firstRank[$0]! < firstRank[$1]!
    }
    var order: [Int] = []
    order.reserveCapacity(ranked.count)
    var round = 0
    while order.count < ranked.count {
      for c in visits where round < members[c]!.count { order.append(members[c]![round]) }
      round += 1
    }
    return order
  }
}
