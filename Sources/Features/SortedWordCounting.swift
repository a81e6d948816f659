/// The fast fit for word n-grams alone: count by sorting integer keys instead of hashing
/// n-gram text, so memory is read in streams rather than at random.
///
/// 1. Each block of documents maps its tokens to block-local ids.
/// 2. The blocks' tokens are merged and sorted by their bytes; a token's rank (from 1) in that
///    order makes an n-gram's key: its token ranks packed high to low, `bits` bits each, zeros
///    after a shorter n-gram. Since a space sorts below every token byte, key order is exactly
///    the UTF-8 order of the space-joined n-grams, the vocabulary's column order.
/// 3. Each document's keys are counted (a small hash table per document); each block
///    radix-sorts its (key, document, count) entries and finds every key's document frequency
///    and total count.
/// 4. The blocks' sorted key lists are merged; pruning picks the columns, in key order.
/// 5. Walking the sorted entries hands each document its columns already in column order.
enum SortedWordCounting {
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
      // A document's ids gather in a buffer and join the stream in one copy (no per-token append).
      var ids: [Int32] = []
      for d in ranges[r.lowerBound] {
        analyzer.load(documents[d])
        let count = analyzer.tokens.count / 2
        if ids.count < count { ids = [Int32](repeating: 0, count: max(count, 2 * ids.count)) }
        ids.withUnsafeMutableBufferPointer { ids in
          var k = 0
          analyzer.forEachToken { bytes, hash in
            ids[k] = block.table.insert(bytes, kind: .word, hash: hash).id
            k += 1
          }
          block.stream.append(contentsOf: UnsafeBufferPointer(rebasing: ids[0..<k]))
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
    let tokenOrder = TokenOrder.sorted(arena: tokens.arena, offsets: tokens.offsets)
    var rankOfToken = [UInt64](repeating: 0, count: tokens.count)
    for (r, t) in tokenOrder.enumerated() { rankOfToken[t] = UInt64(r + 1) }
    let bits = 64 - UInt64(tokens.count).leadingZeroBitCount
    guard bits * maxN <= 64 else { return nil }
    let keyBits = bits * maxN

    // 3. Keys per document, then per block.
    let keyBlocks = FixedChunks.map(count: ranges.count, chunkSize: 1, threads: threads) { r -> BlockKeys in
      let b = r.lowerBound
      let ranks = globalOfLocal[b].map { rankOfToken[Int($0)] }
      return BlockKeys.bySortingOccurrences(
        tokenBlocks[b], ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits)
        ?? BlockKeys(tokenBlocks[b], ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits)
    }

    // 4. Merge the blocks' sorted keys; prune; columns in key order.
    let merged = SortedKeyMerge(keyBlocks, threads: threads)
    let mergedKeys = merged.keys
    let mergedDF = merged.documentFrequency
    let mergedTotal = merged.totalCount
    let mergedOfUnique = merged.indexOfUnique
    let documentFrequencies = try DocumentFrequencyRange(settings: settings, documentCount: documents.count)
    var kept: [Int] = []
    for g in 0..<mergedKeys.count where documentFrequencies.keeps(mergedDF[g]) { kept.append(g) }
    if let limit = settings.maxFeatures, kept.count > limit {
      // Most frequent first; equal totals keep the term that sorts first (lower key).
      var byTotal = kept
      byTotal.sort { mergedTotal[$0] != mergedTotal[$1] ? mergedTotal[$0] > mergedTotal[$1] : $0 < $1 }
      kept = byTotal[0..<limit].sorted()
    }
    if kept.isEmpty { throw FeaturesError.emptyVocabulary }
    var columnOfMerged = [Int32](repeating: -1, count: mergedKeys.count)
    for (c, g) in kept.enumerated() { columnOfMerged[g] = Int32(c) }

    // Terms and idf.
    let terms = SortedKeyTerms.terms(
      keys: mergedKeys, kept: kept, tokens: tokens, tokenOrder: tokenOrder, bits: bits, maxN: maxN, threads: threads)
    let idf = InverseDocumentFrequency.values(
      documentFrequencies: kept.lazy.map { mergedDF[$0] }, documentCount: documents.count)
    let vocabulary = Vocabulary(terms: terms, wordTermCount: terms.count, index: nil)
    let vectorizer = TfidfVectorizer(settings: settings, vocabulary: vocabulary, idf: idf)
    guard keepRows else { return (vectorizer, nil) }

    // 5. Rows, in column order without sorting.
    let columnOfUnique = FixedChunks.map(count: keyBlocks.count, chunkSize: 1, threads: threads) { r in
      mergedOfUnique[r.lowerBound].map { columnOfMerged[Int($0)] }
    }
    let matrix = SortedKeyRows.matrix(
      blocks: keyBlocks, columnOfUnique: columnOfUnique, idf: idf, sublinearTF: settings.sublinearTF,
      columnCount: vocabulary.count, threads: threads)
    return (vectorizer, matrix)
  }
}
