import Foundation

/// Merges per-block term counts and picks the vocabulary as scikit-learn does: drop terms
/// outside `[minDF, maxDF]`, keep the `maxFeatures` most frequent by total count (ties go to
/// the term that sorts first), and sort the kept terms (word n-grams, then character n-grams,
/// each in UTF-8 byte order).
struct VocabularySelection {
  /// The chosen vocabulary.
  let vocabulary: Vocabulary
  /// Document frequency of each column.
  let documentFrequency: [Int64]
  /// For block `b`, the column of each of its local term ids, or -1 when the term was dropped.
  let columnOfLocalTerm: [[Int32]]

  init(blocks: [TermCounts], documentCount: Int, settings: FeatureSettings) throws {
    // Merge in block order; the result does not depend on how documents were blocked,
    // because the counts are integers and the vocabulary is sorted at the end.
    var merged = blocks.first?.table ?? TermTable()
    var df = (blocks.first?.documentFrequency ?? []).map { Int64($0) }
    var total = blocks.first?.totalCount ?? []
    var globalOfLocal: [[Int32]] = []
    if let first = blocks.first { globalOfLocal.append((0..<Int32(first.table.count)).map { $0 }) }
    for block in blocks.dropFirst() {
      var map = [Int32](repeating: 0, count: block.table.count)
      block.table.arena.withUnsafeBytes { arena in
        for id in 0..<block.table.count {
          let start = block.table.offsets[id]
          let bytes = UnsafeRawBufferPointer(rebasing: arena[start..<block.table.offsets[id + 1]])
          let kind = NGramKind(rawValue: block.table.kinds[id])!
          let (g, inserted) = merged.insert(bytes, kind: kind, hash: block.table.hashes[id])
          if inserted {
            df.append(Int64(block.documentFrequency[id]))
            total.append(block.totalCount[id])
          } else {
            df[Int(g)] += Int64(block.documentFrequency[id])
            total[Int(g)] += block.totalCount[id]
          }
          map[id] = g
        }
      }
      globalOfLocal.append(map)
    }
    if merged.count == 0 { throw FeaturesError.emptyVocabulary }

    let high = settings.maxDF.documents(outOf: documentCount)
    let low = settings.minDF.documents(outOf: documentCount)
    if high < low { throw FeaturesError.maxDFBelowMinDF }
    var kept: [Int32] = []
    for id in 0..<merged.count {
      let d = Double(df[id])
      if d <= high && d >= low { kept.append(Int32(id)) }
    }
    let table = merged
    func termPrecedes(_ a: Int32, _ b: Int32) -> Bool {
      let ka = table.kinds[Int(a)]
      let kb = table.kinds[Int(b)]
      if ka != kb { return ka < kb }
      return table.arena.withUnsafeBytes { arena in
        let sa = table.offsets[Int(a)]
        let la = table.offsets[Int(a) + 1] - sa
        let sb = table.offsets[Int(b)]
        let lb = table.offsets[Int(b) + 1] - sb
        let c = memcmp(arena.baseAddress! + sa, arena.baseAddress! + sb, min(la, lb))
        return c != 0 ? c < 0 : la < lb
      }
    }
    if let limit = settings.maxFeatures, kept.count > limit {
      kept.sort { a, b in
        let ta = total[Int(a)]
        let tb = total[Int(b)]
        return ta != tb ? ta > tb : termPrecedes(a, b)
      }
      kept.removeSubrange(limit...)
    }
    kept.sort(by: termPrecedes)
    if kept.isEmpty { throw FeaturesError.emptyVocabulary }

    var columnOfGlobal = [Int32](repeating: -1, count: merged.count)
    var terms: [String] = []
    terms.reserveCapacity(kept.count)
    var vocabularyTable = TermTable(capacity: kept.count)
    var frequencies: [Int64] = []
    frequencies.reserveCapacity(kept.count)
    var wordCount = 0
    table.arena.withUnsafeBytes { arena in
      for (column, id) in kept.enumerated() {
        let i = Int(id)
        columnOfGlobal[i] = Int32(column)
        let bytes = UnsafeRawBufferPointer(rebasing: arena[table.offsets[i]..<table.offsets[i + 1]])
        let kind = NGramKind(rawValue: table.kinds[i])!
        if kind == .word { wordCount += 1 }
        _ = vocabularyTable.insert(bytes, kind: kind, hash: table.hashes[i])
        terms.append(String(decoding: bytes, as: UTF8.self))
        frequencies.append(df[i])
      }
    }
    vocabulary = Vocabulary(terms: terms, wordTermCount: wordCount, table: vocabularyTable)
    documentFrequency = frequencies
    columnOfLocalTerm = globalOfLocal.map { map in map.map { columnOfGlobal[Int($0)] } }
  }
}
