import Features

/// How typical each candidate sentence is of the others: the mean cosine similarity of its
/// TF-IDF row to its `neighbours` most similar candidates (0 for a sentence like no other,
/// up to 1 for one repeated `neighbours` times).
///
/// `suggest` multiplies each sentence's uncertainty by its density (information density,
/// Settles & Craven 2008; the k-nearest-neighbour form is Zhu et al. 2008), because the
/// sentences a model is least sure of are often outliers, a quote fragment, a list, an odd
/// topic, whose label teaches it little about the rest (Karamcheti et al. 2021).
enum SuggestionDensity {
  /// How many nearest candidates the density averages over.
  static let neighbours = 10

  /// Columns held by more than this share of the texts (and more than 50 of them) are left out of the similarities: they
  /// are function words and stock phrases that make every sentence look a little alike, and
  /// their long posting lists would make the work quadratic in the number of texts.
  static let commonShare = 0.05

  /// The density of each of `texts` (0-1, in input order), among `texts` themselves, with the
  /// TF-IDF rows of `vectorizer` (L2-normalized, so a dot product is a cosine; see
  /// `commonShare` for the columns left out).
  static func of(_ texts: [String], vectorizer: TfidfVectorizer, threads: Int) -> [Double] {
    let n = texts.count
    guard n > 1 else { return [Double](repeating: 0, count: n) }
    // The rows (columns renumbered densely), then an inverted index in CSR form: for each
    // column, the rows holding it and their values.
    let builder = TfidfRowBuilder(vectorizer: vectorizer)
    var rowStarts = [0]
    var rowColumns: [Int32] = []
    var rowValues: [Float] = []
    var dense: [Int32: Int32] = [:]
    for text in texts {
      var text = text
      text.withUTF8 { bytes in
        builder.row(bytes) { columns, values in
          for (c, v) in zip(columns, values) {
            let next = Int32(dense.count)
            rowColumns.append(dense[c, default: next])
            if dense[c] == nil { dense[c] = next }
            rowValues.append(v)
          }
        }
      }
      rowStarts.append(rowColumns.count)
    }
    var df = [Int](repeating: 0, count: dense.count)
    for c in rowColumns { df[Int(c)] += 1 }
    let limit = max(50, Int(commonShare * Double(n)))
    var postingStarts = [Int](repeating: 0, count: dense.count + 1)
    for (c, d) in df.enumerated() { postingStarts[c + 1] = postingStarts[c] + (d <= limit ? d : 0) }
    var postingRows = [Int32](repeating: 0, count: postingStarts[dense.count])
    var postingValues = [Float](repeating: 0, count: postingStarts[dense.count])
    var fill = postingStarts
    for i in 0..<n {
      for e in rowStarts[i]..<rowStarts[i + 1] {
        let c = Int(rowColumns[e])
        guard df[c] <= limit else { continue }
        postingRows[fill[c]] = Int32(i)
        postingValues[fill[c]] = rowValues[e]
        fill[c] += 1
      }
    }
    let k = min(neighbours, n - 1)
    let ranges = FixedChunks.ranges(count: n, chunkSize: 64)
    let chunks = WorkQueue.map(count: ranges.count, threads: threads) { job -> [Double] in
      var dot = [Float](repeating: 0, count: n)
      var touched: [Int32] = []
      var best: [Float] = []
      var out: [Double] = []
      for i in ranges[job] {
        for e in rowStarts[i]..<rowStarts[i + 1] {
          let c = Int(rowColumns[e])
          let value = rowValues[e]
          for p in postingStarts[c]..<postingStarts[c + 1] {
            let j = Int(postingRows[p])
            if dot[j] == 0 { touched.append(Int32(j)) }
            dot[j] += value * postingValues[p]
          }
        }
        // The k largest similarities to other rows (a short sorted buffer: k is small).
        best.removeAll(keepingCapacity: true)
        for j in touched {
          let s = dot[Int(j)]
          dot[Int(j)] = 0
          if Int(j) == i || s <= 0 { continue }
          if best.count < k {
            best.insert(s, at: best.firstIndex(where: { $0 < s }) ?? best.count)
          } else if s > best[k - 1] {
            best.removeLast()
            best.insert(s, at: best.firstIndex(where: { $0 < s }) ?? best.count)
          }
        }
        touched.removeAll(keepingCapacity: true)
        out.append(min(1, Double(best.reduce(0, +)) / Double(k)))
      }
      return out
    }
    return chunks.flatMap { $0 }
  }
}
