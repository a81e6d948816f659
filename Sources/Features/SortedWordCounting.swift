#if canImport(Glibc)
  import Glibc
#endif

/// The fast fit for word n-grams alone: count by sorting integer keys instead of hashing
/// n-gram text, so memory is read in streams rather than at random.
///
/// Documents go through in chunks of at most `largestChunk` (a few chunks at a time, one per
/// thread), so that what is held beside the documents and the matrix grows with the distinct
/// tokens and n-grams, never with a list of every document's n-grams:
///
/// 1. Each chunk's distinct tokens join one table (their bytes once each).
/// 2. The tokens are sorted by their bytes; a token's rank (from 1) in that order makes an
///    n-gram's key: its token ranks packed high to low, `bits` bits each, zeros after a shorter
///    n-gram. Since a space sorts below every token byte, key order is exactly the UTF-8 order
///    of the space-joined n-grams, the vocabulary's column order.
/// 3. Each chunk is tokenized again and its keys radix-sorted (`BlockKeys`), giving every key's
///    document frequency and total count in the chunk.
/// 4. The chunks' counts are merged (`SortedKeyCounts`) and the chunk dropped; pruning picks
///    the columns, in key order.
/// 5. Each chunk's keys are made once more and its rows built from its sorted entries, in
///    column order without sorting, then appended to the matrix, whose size (the kept keys'
///    document frequencies summed) is known beforehand.
///
/// Every count is an integer sum, so the vocabulary, idf and matrix are the same bits for any
/// chunk size and thread count, and the same as `fit` then `transform`.
enum SortedWordCounting {
  /// The most documents in a chunk: big enough that merging a chunk's counts into the distinct
  /// n-grams so far is rare work, small enough that a chunk's sorted occurrences (8 bytes each,
  /// about 25 MB for 65,536 sentences of 1-2 grams) stay a small part of the peak.
  static let largestChunk = 65_536

  /// Fits (and transforms when `keepRows`), or returns nil when n-gram keys would not fit in
  /// 64 bits (then the caller uses the general path).
  /// - Parameter chunkSize: documents per chunk (>= 1); nil: `chunkSize(documents:threads:)`.
  ///   The result does not depend on it.
  static func fit(
    _ documents: [String], settings: FeatureSettings, threads: Int, keepRows: Bool, chunkSize: Int? = nil
  ) throws -> (vectorizer: TfidfVectorizer, matrix: SparseMatrix?)? {
    guard let wordRange = settings.wordNGrams, settings.charNGrams == nil else { return nil }
    let minN = wordRange.lowerBound
    let maxN = wordRange.upperBound
    let chunks = FixedChunks.ranges(
      count: documents.count, chunkSize: chunkSize ?? Self.chunkSize(documents: documents.count, threads: threads))

    // 1. Every distinct token.
    var tokens = TermTable(capacity: 1 << 14)
    FixedChunks.mapInWaves(chunks, threads: threads) {
      BlockTokens(documents, range: $0, settings: settings, keepStream: false).table
    } consume: { table in
      table.arena.withUnsafeBytes { a in
        for t in 0..<table.count {
          let bytes = UnsafeRawBufferPointer(rebasing: a[table.offsets[t]..<table.offsets[t + 1]])
          _ = tokens.insert(bytes, kind: .word, hash: table.hashes[t])
        }
      }
    }
    guard tokens.count > 0 else { throw FeaturesError.emptyVocabulary }

    // 2. Their byte order.
    let tokenOrder = TokenOrder.sorted(arena: tokens.arena, offsets: tokens.offsets)
    var rankOfToken = [UInt64](repeating: 0, count: tokens.count)
    for (r, t) in tokenOrder.enumerated() { rankOfToken[t] = UInt64(r + 1) }
    let bits = 64 - UInt64(tokens.count).leadingZeroBitCount
    guard bits * maxN <= 64 else { return nil }
    let keys = ChunkKeys(
      documents: documents, settings: settings, tokens: tokens, rankOfToken: rankOfToken, bits: bits, minN: minN,
      maxN: maxN)

    // 3 and 4. Counts per chunk, merged.
    var counts = SortedKeyCounts()
    FixedChunks.mapInWaves(chunks, threads: threads) {
      SortedKeyCounts(keys.block($0))
    } consume: {
      counts.merge($0)
      releaseFreedMemory()
    }
    let documentFrequencies = try DocumentFrequencyRange(settings: settings, documentCount: documents.count)
    var kept: [Int] = []
    for g in 0..<counts.keys.count where documentFrequencies.keeps(counts.documentFrequency[g]) { kept.append(g) }
    if let limit = settings.maxFeatures, kept.count > limit {
      // Most frequent first; equal totals keep the term that sorts first (lower key).
      let total = counts.totalCount
      var byTotal = kept
      byTotal.sort { total[$0] != total[$1] ? total[$0] > total[$1] : $0 < $1 }
      kept = byTotal[0..<limit].sorted()
    }
    if kept.isEmpty { throw FeaturesError.emptyVocabulary }

    // Terms and idf.
    let terms = SortedKeyTerms.terms(
      keys: counts.keys, kept: kept, tokens: tokens, tokenOrder: tokenOrder, bits: bits, maxN: maxN, threads: threads)
    let idf = InverseDocumentFrequency.values(
      documentFrequencies: kept.lazy.map { counts.documentFrequency[$0] }, documentCount: documents.count)
    let vocabulary = Vocabulary(terms: terms, wordTermCount: terms.count, index: nil)
    let vectorizer = TfidfVectorizer(settings: settings, vocabulary: vocabulary, idf: idf)
    guard keepRows else { return (vectorizer, nil) }

    // 5. Rows, chunk by chunk, into the matrix's own arrays.
    let columnKeys = kept.map { counts.keys[$0] }
    let entryCount = kept.reduce(0) { $0 + Int(counts.documentFrequency[$1]) }
    counts = SortedKeyCounts()
    var rows = MatrixBuilder(rowCount: documents.count, entryCount: entryCount)
    FixedChunks.mapInWaves(chunks, threads: threads) { range -> SparseMatrix in
      let block = keys.block(range)
      return SortedKeyRows.matrix(
        blocks: [block], columnOfUnique: [block.columns(in: columnKeys)], idf: idf,
        sublinearTF: settings.sublinearTF, columnCount: vocabulary.count, threads: 1)
    } consume: {
      rows.append($0)
      releaseFreedMemory()
    }
    return (vectorizer, rows.matrix(columnCount: vocabulary.count))
  }

  /// Documents per chunk for `documents` on `threads` threads: at most `largestChunk`, and a
  /// whole number of chunks per thread, so that every wave of chunks keeps every thread busy
  /// (800,000 documents on 2 threads: 14 chunks of 57,143).
  static func chunkSize(documents: Int, threads: Int) -> Int {
    let threads = max(1, threads)
    let perThread = (documents + threads * largestChunk - 1) / (threads * largestChunk)
    let chunks = max(1, threads * perThread)
    return max(1, (documents + chunks - 1) / chunks)
  }

  /// Hands memory that is free but still held by the allocator back to the system (after each
  /// wave of chunks). The chunks' buffers are tens of MB each, made and freed on several
  /// threads: glibc keeps such blocks in its per-thread arenas once its mmap threshold has
  /// risen, so without this up to 130 MB of freed chunk buffers stayed resident beside the
  /// matrix, through the fit that follows too (1M rows, `bench/train_peak.sh`). Elsewhere a no-op.
  private static func releaseFreedMemory() {
    #if canImport(Glibc)
      _ = mallocTrim?(0)
    #endif
  }

  #if canImport(Glibc)
    /// glibc's `malloc_trim(pad)`, found at run time (the Glibc module does not declare it);
    /// nil where the C library has none (musl).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
      guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
      return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
  #endif
}

/// Makes a chunk's sorted n-gram keys (step 3 of `SortedWordCounting`) once the tokens'
/// ranks are known; read-only, so chunks may run on several threads.
private struct ChunkKeys {
  let documents: [String]
  let settings: FeatureSettings
  let tokens: TermTable
  let rankOfToken: [UInt64]
  let bits: Int
  let minN: Int
  let maxN: Int

  /// The sorted keys and (document, count) entries of `documents[range]`.
  func block(_ range: Range<Int>) -> BlockKeys {
    let block = BlockTokens(documents, range: range, settings: settings, keepStream: true)
    // Block-local token ids to global ranks: every token of the block is in `tokens`.
    var ranks = [UInt64](repeating: 0, count: block.table.count)
    tokens.withFinder { finder in
      block.table.arena.withUnsafeBytes { a in
        for t in 0..<block.table.count {
          let bytes = UnsafeRawBufferPointer(rebasing: a[block.table.offsets[t]..<block.table.offsets[t + 1]])
          ranks[t] = rankOfToken[Int(finder.find(bytes, kind: .word, hash: block.table.hashes[t]))]
        }
      }
    }
    let keyBits = bits * maxN
    return BlockKeys.bySortingOccurrences(block, ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits)
      ?? BlockKeys(block, ranks: ranks, bits: bits, minN: minN, maxN: maxN, keyBits: keyBits)
  }
}

/// A CSR matrix filled by appending blocks of rows into arrays sized once for the whole
/// matrix, so it is never copied while it grows.
private struct MatrixBuilder {
  var rowOffsets: [Int] = [0]
  var columnIndices: [Int32] = []
  var values: [Float] = []

  /// Room for `rowCount` rows and `entryCount` stored entries.
  init(rowCount: Int, entryCount: Int) {
    rowOffsets.reserveCapacity(rowCount + 1)
    columnIndices.reserveCapacity(entryCount)
    values.reserveCapacity(entryCount)
  }

  /// Appends every row of `block`.
  mutating func append(_ block: SparseMatrix) {
    let base = columnIndices.count
    for offset in block.rowOffsets.dropFirst() { rowOffsets.append(base + offset) }
    columnIndices.append(contentsOf: block.columnIndices)
    values.append(contentsOf: block.values)
  }

  /// The rows appended so far, over `columnCount` columns.
  func matrix(columnCount: Int) -> SparseMatrix {
    SparseMatrix(
      uncheckedColumnCount: columnCount, rowOffsets: rowOffsets, columnIndices: columnIndices, values: values)
  }
}
