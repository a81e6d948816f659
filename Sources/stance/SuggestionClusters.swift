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
  /// A text's TF-IDF row on the shared columns (renumbered densely), L2-normalized.
  typealias Point = [(column: Int32, value: Float)]

  /// The most centroid entries (clusters × shared columns) the clustering keeps in memory
  /// (4 bytes each, in one array updated in place): with more, fewer clusters are made.
  static let centroidBudget = 40_000_000

  /// Most k-means rounds; it usually settles in fewer.
  static let maximumRounds = 15

  /// The cluster (0 ..< `clusters`, or fewer when `centroidBudget` binds) of each of `texts`,
  /// by spherical k-means on the TF-IDF rows of `vectorizer`. `texts` come most useful first
  /// (see `groups` for the texts that share no column). The start is seeded by `seed`;
  /// the result depends on `texts`, `clusters` and `seed` only, not on `threads`.
  static func assign(
    _ texts: [String], clusters: Int, vectorizer: TfidfVectorizer, seed: UInt64, threads: Int
  ) -> [Int] {
    guard !texts.isEmpty, clusters > 1 else { return [Int](repeating: 0, count: texts.count) }
    let (points, width) = sharedColumnPoints(texts, vectorizer: vectorizer)
    return groups(points, clusters: clusters, width: width, seed: seed, threads: threads)
  }

  /// The rows of `texts` on the columns held by at least two of them (renumbered densely
  /// 0 ..< width), each scaled to length 1 so that a dot product with a unit centre is a
  /// cosine. A column of one text adds nothing to its similarity with any other, and leaving
  /// it out keeps the centroids small; a text with no shared column gets an empty point.
  static func sharedColumnPoints(_ texts: [String], vectorizer: TfidfVectorizer) -> (points: [Point], width: Int) {
    let builder = TfidfRowBuilder(vectorizer: vectorizer)
    var rows: [Point] = []
    rows.reserveCapacity(texts.count)
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
    let points: [Point] = rows.map { row in
      let kept = row.compactMap { entry in dense[entry.column].map { (column: $0, value: entry.value) } }
      let norm = kept.reduce(Float(0)) { $0 + $1.value * $1.value }.squareRoot()
      return norm > 0 ? kept.map { (column: $0.column, value: $0.value / norm) } : []
    }
    return (points, max(dense.count, 1))
  }

  /// The cluster of each of `points` (unit rows on `width` columns, most useful first): spherical
  /// k-means into `clusters` groups (fewer when there are fewer non-empty points or the
  /// `centroidBudget` binds).
  ///
  /// An empty point (a text that shares no column with any other) has no similarity to any
  /// centre, so k-means cannot place it: left in, every one of them would fall to cluster 0
  /// by the tie and make it look large (visited last), and one chosen as a centre would attract
  /// nothing. They are left out of k-means and dealt round-robin over the clusters in rank
  /// order instead: the clustering has no evidence about them, so they neither crowd one
  /// cluster nor jump the queue as clusters of their own, and keep their rank's place.
  static func groups(_ points: [Point], clusters: Int, width: Int, seed: UInt64, threads: Int) -> [Int] {
    let placed = points.indices.filter { !points[$0].isEmpty }
    let k = max(1, min(clusters, placed.count, centroidBudget / max(width, 1)))
    var assignment = [Int](repeating: 0, count: points.count)
    if k > 1 {
      let grouped = kMeans(placed.map { points[$0] }, k: k, width: width, seed: seed, threads: threads)
      for (j, i) in placed.enumerated() { assignment[i] = grouped[j] }
    }
    var dealt = 0
    for i in points.indices where points[i].isEmpty {
      assignment[i] = dealt % k
      dealt += 1
    }
    return assignment
  }

  /// The cluster (0 ..< `k`, 1 < k <= points.count) of each of `points` (non-empty unit rows).
  static func kMeans(_ points: [Point], k: Int, width: Int, seed: UInt64, threads: Int) -> [Int] {
    let n = points.count
    // Centroids column-major (`width` columns × `k` clusters): a point's similarities to every
    // centroid are then one contiguous multiply-add per entry of the point. This is the only
    // array of that size: each round updates it in place.
    var centroids = [Float](repeating: 0, count: width * k)
    for (c, i) in startingCentres(points, count: k, width: width, seed: seed).enumerated() {
      for entry in points[i] { centroids[Int(entry.column) * k + c] = entry.value }
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
      // Each centroid: the normalized sum of its members, summed in place of the old one (an
      // empty cluster keeps its centre: its entries are not cleared).
      var members = [Int](repeating: 0, count: k)
      for c in assignment { members[c] += 1 }
      for column in 0..<width {
        for c in 0..<k where members[c] > 0 { centroids[column * k + c] = 0 }
      }
      for i in 0..<n {
        let c = assignment[i]
        for entry in points[i] { centroids[Int(entry.column) * k + c] += entry.value }
      }
      var norms = [Float](repeating: 0, count: k)
      for column in 0..<width {
        for c in 0..<k {
          let v = centroids[column * k + c]
          norms[c] += v * v
        }
      }
      for c in 0..<k { norms[c] = norms[c].squareRoot() }
      for column in 0..<width {
        for c in 0..<k where members[c] > 0 && norms[c] > 0 { centroids[column * k + c] /= norms[c] }
      }
    }
    return assignment
  }

  /// The k-means++ start (Arthur & Vassilvitskii 2007): `count` distinct indices of `points`
  /// (unit rows on `width` columns; count <= points.count), the first uniform, each next drawn
  /// with probability proportional to its squared Euclidean distance to the nearest centre so
  /// far. For unit rows that is 2 (1 − cosine), so the weight is 1 − cosine. When every
  /// point left lies on a centre (duplicates), the next is drawn uniformly among the unchosen.
  /// The draws are seeded by `seed`.
  static func startingCentres(_ points: [Point], count: Int, width: Int, seed: UInt64) -> [Int] {
    let n = points.count
    guard n > 0, count > 0 else { return [] }
    var generator = SplitMix64(seed: seed ^ 0x5EED_C1A5_7E25)
    var centres = [generator.below(n)]
    var isCentre = [Bool](repeating: false, count: n)
    isCentre[centres[0]] = true
    var centre = [Float](repeating: 0, count: width)
    var nearest = [Float](repeating: .infinity, count: n)
    while centres.count < min(count, n) {
      let last = centres[centres.count - 1]
      for entry in points[last] { centre[Int(entry.column)] = entry.value }
      var total = 0.0
      for i in 0..<n {
        // A centre's own weight is 0 exactly (its cosine with itself may round below 1).
        guard !isCentre[i] else {
          nearest[i] = 0
          continue
        }
        var s: Float = 0
        for entry in points[i] { s += entry.value * centre[Int(entry.column)] }
        nearest[i] = min(nearest[i], max(0, 1 - s))
        total += Double(nearest[i])
      }
      for entry in points[last] { centre[Int(entry.column)] = 0 }
      var next = -1
      if total > 0 {
        var target = Double(generator.next() >> 11) / Double(1 << 53) * total
        // The last point of positive weight if rounding leaves `target` just above 0 at the end.
        for i in 0..<n where nearest[i] > 0 {
          next = i
          target -= Double(nearest[i])
          if target < 0 { break }
        }
      } else {
        let unchosen = (0..<n).filter { !isCentre[$0] }
        next = unchosen[generator.below(unchosen.count)]
      }
      centres.append(next)
      isCentre[next] = true
    }
    return centres
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
