import Foundation

/// The fast fit for word n-grams alone: count by sorting integer keys instead of hashing
/// n-gram text, so memory is read in streams rather than at random.
///
/// 1. Each block of documents maps its tokens to block-local ids.
/// 2. The blocks' tokens are merged and sorted by their bytes; a token's rank (from 1) in that
///    order makes an n-gram's key: its token ranks packed high to low, `bits` bits each, zeros
///    after a shorter n-gram. Since a space sorts below every token byte, key order is exactly
///    the UTF-8 order of the space-joined n-grams, the vocabulary's column order.
/// 3. Each document's keys are sorted and counted; each block radix-sorts its (key, document)
///    entries and finds every key's document frequency and total count.
/// 4. The blocks' sorted key lists are merged; pruning picks the columns, in key order.
/// 5. Rows come straight from each document's sorted entries: already in column order.
enum SortedWordCounting {
  private struct BlockTokens {
    var table = TermTable(capacity: 1 << 14)
    var stream: [Int32] = []
    var documentOffsets: [Int] = [0]
  }

  private struct BlockKeys {
    /// Each document's distinct keys (sorted) and counts, documents back to back.
    var keys: [UInt64] = []
    var counts: [Int32] = []
    var documentOffsets: [Int] = [0]
    /// The block's distinct keys, sorted, with document frequency and total count.
    var uniqueKeys: [UInt64] = []
    var documentFrequency: [Int32] = []
    var totalCount: [Int64] = []
    /// Entries of unique key `u`: `entryOrder[runStarts[u] ..< runStarts[u + 1]]`, each an index
    /// into `keys` (high 32 bits) and that entry's count (low 32 bits).
    var runStarts: [Int] = [0]
    var entryOrder: [UInt64] = []
  }

  /// Fits (and transforms when `keepRows`), or returns nil when n-gram keys would not fit in
  /// 64 bits (then the caller uses the general path).
  static func fit(
    _ documents: [String], settings: FeatureSettings, threads: Int, ranges: [Range<Int>], keepRows: Bool
  ) throws -> (vectorizer: TfidfVectorizer, matrix: SparseMatrix?)? {
    guard let wordRange = settings.wordNGrams, settings.charNGrams == nil else { return nil }
    let minN = wordRange.lowerBound
    let maxN = wordRange.upperBound

    // 1. Tokens to block-local ids.
    let tokenBlocks = FixedChunks.map(count: ranges.count, chunkSize: 1, threads: threads) { r -> BlockTokens in
      var block = BlockTokens()
      let range = ranges[r.lowerBound]
      block.stream.reserveCapacity(range.reduce(0) { $0 + documents[$1].utf8.count } / 5)
      block.documentOffsets.reserveCapacity(range.count + 1)
      var analyzer = NGramAnalyzer(settings: settings)
      for d in ranges[r.lowerBound] {
        analyzer.load(documents[d])
        analyzer.forEachToken { bytes, hash in
          block.stream.append(block.table.insert(bytes, kind: .word, hash: hash).id)
        }
        block.documentOffsets.append(block.stream.count)
      }
      return block
    }

    // 2. Global tokens, their byte order, and each block's local id -> rank.
    var tokens = tokenBlocks[0].table
    var globalOfLocal: [[Int32]] = [Array(0..<Int32(tokens.count))]
    for block in tokenBlocks.dropFirst() {
      var map = [Int32](repeating: 0, count: block.table.count)
      block.table.arena.withUnsafeBytes { a in
        for t in 0..<block.table.count {
          let bytes = UnsafeRawBufferPointer(rebasing: a[block.table.offsets[t]..<block.table.offsets[t + 1]])
          map[t] = tokens.insert(bytes, kind: .word, hash: block.table.hashes[t]).id
        }
      }
      globalOfLocal.append(map)
    }
    guard tokens.count > 0 else { throw FeaturesError.emptyVocabulary }
    let tokenOrder = TermSorter.sortedOrder(
      arena: tokens.arena, offsets: tokens.offsets, wordCount: tokens.count, limit: nil, totals: [])
    var rankOfToken = [UInt64](repeating: 0, count: tokens.count)
    for (r, t) in tokenOrder.enumerated() { rankOfToken[t] = UInt64(r + 1) }
    let bits = 64 - UInt64(tokens.count).leadingZeroBitCount
    guard bits * maxN <= 64 else { return nil }
    let keyBits = bits * maxN

    // 3. Keys per document, then per block.
    let keyBlocks = FixedChunks.map(count: ranges.count, chunkSize: 1, threads: threads) { r -> BlockKeys in
      let b = r.lowerBound
      let ranks = globalOfLocal[b].map { rankOfToken[Int($0)] }
      return blockKeys(tokenBlocks[b], ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits)
    }

    // 4. Merge the blocks' sorted keys; prune; columns in key order.
    var mergedKeys: [UInt64] = []
    var mergedDF: [Int64] = []
    var mergedTotal: [Int64] = []
    var mergedOfUnique = keyBlocks.map { [Int32](repeating: 0, count: $0.uniqueKeys.count) }
    var heads = [Int](repeating: 0, count: keyBlocks.count)
    while true {
      var smallest = UInt64.max
      var any = false
      for (b, block) in keyBlocks.enumerated() where heads[b] < block.uniqueKeys.count {
        smallest = any ? min(smallest, block.uniqueKeys[heads[b]]) : block.uniqueKeys[heads[b]]
        any = true
      }
      if !any { break }
      var df: Int64 = 0
      var total: Int64 = 0
      let g = Int32(mergedKeys.count)
      for (b, block) in keyBlocks.enumerated() where heads[b] < block.uniqueKeys.count {
        let h = heads[b]
        if block.uniqueKeys[h] == smallest {
          df += Int64(block.documentFrequency[h])
          total += block.totalCount[h]
          mergedOfUnique[b][h] = g
          heads[b] = h + 1
        }
      }
      mergedKeys.append(smallest)
      mergedDF.append(df)
      mergedTotal.append(total)
    }
    let high = settings.maxDF.documents(outOf: documents.count)
    let low = settings.minDF.documents(outOf: documents.count)
    if high < low { throw FeaturesError.maxDFBelowMinDF }
    var kept: [Int] = []
    for g in 0..<mergedKeys.count {
      let d = Double(mergedDF[g])
      if mergedDF[g] > 0 && d <= high && d >= low { kept.append(g) }
    }
    if let limit = settings.maxFeatures, kept.count > limit {
      // Most frequent first; equal totals keep the term that sorts first (lower key).
      var byTotal = kept
      byTotal.sort { mergedTotal[$0] != mergedTotal[$1] ? mergedTotal[$0] > mergedTotal[$1] : $0 < $1 }
      kept = byTotal[0..<limit].sorted()
    }
    if kept.isEmpty { throw FeaturesError.emptyVocabulary }
    var columnOfMerged = [Int32](repeating: -1, count: mergedKeys.count)
    for (c, g) in kept.enumerated() { columnOfMerged[g] = Int32(c) }

    // Terms (in parallel: building 10^5..10^6 strings is measurable) and idf.
    let mask = (UInt64(1) << UInt64(bits)) - 1
    let termChunks = FixedChunks.map(count: kept.count, chunkSize: 16384, threads: threads) { r -> [String] in
      var bytes: [UInt8] = []
      var chunk: [String] = []
      chunk.reserveCapacity(r.count)
      for g in kept[r] {
        bytes.removeAll(keepingCapacity: true)
        let key = mergedKeys[g]
        for position in 0..<maxN {
          let rank = (key >> UInt64(bits * (maxN - 1 - position))) & mask
          if rank == 0 { break }
          if position > 0 { bytes.append(0x20) }
          bytes.append(contentsOf: tokens.bytes(of: tokenOrder[Int(rank) - 1]))
        }
        chunk.append(String(decoding: bytes, as: UTF8.self))
      }
      return chunk
    }
    var terms: [String] = []
    terms.reserveCapacity(kept.count)
    for chunk in termChunks { terms.append(contentsOf: chunk) }
    let n = Double(documents.count)
    let idf = kept.map { g in Float(log((1 + n) / (1 + Double(mergedDF[g]))) + 1) }
    let vocabulary = Vocabulary(terms: terms, wordTermCount: terms.count, index: nil)
    let vectorizer = TfidfVectorizer(settings: settings, vocabulary: vocabulary, idf: idf)
    guard keepRows else { return (vectorizer, nil) }

    // 5. Rows, in column order without sorting.
    let sublinear = settings.sublinearTF
    let parts = FixedChunks.map(count: keyBlocks.count, chunkSize: 1, threads: threads) { r -> TfidfRows in
      let b = r.lowerBound
      let block = keyBlocks[b]
      var columnOfEntry = [Int32](repeating: -1, count: block.keys.count)
      for u in 0..<block.uniqueKeys.count {
        let column = columnOfMerged[Int(mergedOfUnique[b][u])]
        if column < 0 { continue }
        for j in block.runStarts[u]..<block.runStarts[u + 1] { columnOfEntry[Int(block.entryOrder[j] >> 32)] = column }
      }
      var rows = TfidfRows(reservingRows: block.documentOffsets.count - 1, entries: block.keys.count)
      idf.withUnsafeBufferPointer { idf in
        for d in 0..<(block.documentOffsets.count - 1) {
          for e in block.documentOffsets[d]..<block.documentOffsets[d + 1] where columnOfEntry[e] >= 0 {
            rows.add(column: columnOfEntry[e], count: block.counts[e])
          }
          rows.finishRow(idf: idf, sublinearTF: sublinear, sorted: true)
        }
      }
      return rows
    }
    return (vectorizer, TfidfRows.matrix(parts, columnCount: vocabulary.count, threads: threads))
  }

  private static func blockKeys(
    _ tokens: BlockTokens, ranks: [UInt64], bits: Int, minN: Int, maxN: Int, keyBits: Int
  ) -> BlockKeys {
    var block = BlockKeys()
    let documentCount = tokens.documentOffsets.count - 1
    let occurrences = tokens.stream.count * (maxN - minN + 1)
    block.keys.reserveCapacity(occurrences)
    block.counts.reserveCapacity(occurrences)
    block.documentOffsets.reserveCapacity(documentCount + 1)
    var scratch = [UInt64](repeating: 0, count: 1024)
    ranks.withUnsafeBufferPointer { ranks in
      tokens.stream.withUnsafeBufferPointer { stream in
        for d in 0..<documentCount {
          let start = tokens.documentOffsets[d]
          let m = tokens.documentOffsets[d + 1] - start
          if scratch.count < m * maxN { scratch = [UInt64](repeating: 0, count: m * maxN * 2) }
          var used = 0
          scratch.withUnsafeMutableBufferPointer { keys in
            for i in 0..<m {
              var key: UInt64 = 0
              var length = 1
              while length <= maxN && i + length <= m {
                key |= ranks[Int(stream[start + i + length - 1])] << UInt64(bits * (maxN - length))
                if length >= minN {
                  keys[used] = key
                  used += 1
                }
                length += 1
              }
            }
            KeySorting.sort(UnsafeMutableBufferPointer(rebasing: keys[0..<used]))
            var k = 0
            while k < used {
              let key = keys[k]
              var j = k + 1
              while j < used && keys[j] == key { j += 1 }
              block.keys.append(key)
              block.counts.append(Int32(j - k))
              k = j
            }
          }
          block.documentOffsets.append(block.keys.count)
        }
      }
    }
    precondition(block.keys.count < Int(UInt32.max), "too many distinct n-grams per document block")
    var sorted = block.keys
    var order = [UInt64](repeating: 0, count: block.keys.count)
    block.counts.withUnsafeBufferPointer { c in
      order.withUnsafeMutableBufferPointer { o in
        for e in 0..<c.count { o[e] = UInt64(e) << 32 | UInt64(UInt32(bitPattern: c[e])) }
      }
    }
    KeySorting.radixSort(keys: &sorted, payload: &order, bits: keyBits)
    block.uniqueKeys.reserveCapacity(sorted.count / 2)
    sorted.withUnsafeBufferPointer { sorted in
      order.withUnsafeBufferPointer { order in
        var k = 0
        while k < sorted.count {
          let key = sorted[k]
          var total: Int64 = 0
          var j = k
          while j < sorted.count && sorted[j] == key {
            total += Int64(order[j] & 0xFFFF_FFFF)
            j += 1
          }
          block.uniqueKeys.append(key)
          block.documentFrequency.append(Int32(j - k))
          block.totalCount.append(total)
          block.runStarts.append(j)
          k = j
        }
      }
    }
    block.entryOrder = order
    return block
  }
}
