/// A block of documents as block-local token ids (steps 1 and 3 of `SortedWordCounting`).
struct BlockTokens {
  var table = TermTable(capacity: 1 << 14)
  var stream: [Int32] = []
  var documentOffsets: [Int] = [0]

  /// An empty block (no documents).
  init() {}

  /// The tokens of `documents[range]`: the block's distinct tokens in `table` and, when
  /// `keepStream`, each document's tokens as ids into it (else only `table` is filled).
  init(_ documents: [String], range: Range<Int>, settings: FeatureSettings, keepStream: Bool) {
    if keepStream {
      stream.reserveCapacity(range.reduce(0) { $0 + documents[$1].utf8.count } / 5)
      documentOffsets.reserveCapacity(range.count + 1)
    }
    var analyzer = NGramAnalyzer(settings: settings)
    // A document's ids gather in a buffer and join the stream in one copy (no per-token append).
    var ids: [Int32] = []
    for d in range {
      analyzer.load(documents[d])
      let count = analyzer.tokens.count / 2
      if ids.count < count { ids = [Int32](repeating: 0, count: max(count, 2 * ids.count)) }
      ids.withUnsafeMutableBufferPointer { ids in
        var k = 0
        analyzer.forEachToken { bytes, hash in
          ids[k] = table.insert(bytes, kind: .word, hash: hash).id
          k += 1
        }
        if keepStream { stream.append(contentsOf: UnsafeBufferPointer(rebasing: ids[0..<k])) }
      }
      if keepStream { documentOffsets.append(stream.count) }
    }
  }
}

/// A block's n-gram keys, sorted and grouped (step 3 of `SortedWordCounting`).
struct BlockKeys {
  /// Documents in the block.
  let documentCount: Int
  /// The block's distinct keys, sorted, with document frequency and total count.
  var uniqueKeys: [UInt64] = []
  var documentFrequency: [Int32] = []
  var totalCount: [Int64] = []
  /// Entries of unique key `u` are `entries[runStarts[u] ..< runStarts[u + 1]]`, in document
  /// order, each the block-local document (high 32 bits) and the key's count there (low 32 bits).
  var runStarts: [Int] = [0]
  var entries: [UInt64] = []

  /// An empty block of `documentCount` documents (filled by `bySortingOccurrences`).
  init(documentCount: Int) {
    self.documentCount = documentCount
  }

  /// Counts the keys of every document of `tokens`; `ranks` maps block-local token ids to ranks.
  init(_ tokens: BlockTokens, ranks: [UInt64], bits: Int, minN: Int, maxN: Int, keyBits: Int) {
    documentCount = tokens.documentOffsets.count - 1
    precondition(documentCount < Int(UInt32.max), "too many documents in one block")
    var keys: [UInt64] = []
    keys.reserveCapacity(tokens.stream.count * (maxN - minN + 1))
    var payload: [UInt64] = []
    payload.reserveCapacity(keys.capacity)
    // Per-document counting table: open addressing on the key (0 = empty; real keys are
    // never 0 because ranks start at 1).
    var tableKeys = [UInt64](repeating: 0, count: 1024)
    var tableCounts = [UInt32](repeating: 0, count: 1024)
    var used: [Int] = []
    ranks.withUnsafeBufferPointer { ranks in
      tokens.stream.withUnsafeBufferPointer { stream in
        for d in 0..<documentCount {
          let start = tokens.documentOffsets[d]
          let m = tokens.documentOffsets[d + 1] - start
          var size = 1024
          while size < 2 * m * (maxN - minN + 1) { size <<= 1 }
          if tableKeys.count < size {
            tableKeys = [UInt64](repeating: 0, count: size)
            tableCounts = [UInt32](repeating: 0, count: size)
          }
          let shift = UInt64(64 - size.trailingZeroBitCount)
          let mask = size - 1
          used.removeAll(keepingCapacity: true)
          tableKeys.withUnsafeMutableBufferPointer { tk in
            tableCounts.withUnsafeMutableBufferPointer { tc in
              for i in 0..<m {
                var key: UInt64 = 0
                var length = 1
                while length <= maxN && i + length <= m {
                  key |= ranks[Int(stream[start + i + length - 1])] << UInt64(bits * (maxN - length))
                  if length >= minN {
                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    while true {
                      let k = tk[slot]
                      if k == key {
                        tc[slot] &+= 1
                        break
                      }
                      if k == 0 {
                        tk[slot] = key
                        tc[slot] = 1
                        used.append(slot)
                        break
                      }
                      slot = (slot &+ 1) & mask
                    }
                  }
                  length += 1
                }
              }
              for slot in used {
                keys.append(tk[slot])
                payload.append(UInt64(d) << 32 | UInt64(tc[slot]))
                tk[slot] = 0
              }
            }
          }
        }
      }
    }
    // Stable: equal keys keep document order.
    KeySorting.radixSort(keys: &keys, payload: &payload, bits: keyBits)
    uniqueKeys.reserveCapacity(keys.count / 2)
    keys.withUnsafeBufferPointer { sorted in
      payload.withUnsafeBufferPointer { payload in
        var k = 0
        while k < sorted.count {
          let key = sorted[k]
          var total: Int64 = 0
          var j = k
          while j < sorted.count && sorted[j] == key {
            total += Int64(payload[j] & 0xFFFF_FFFF)
            j += 1
          }
          uniqueKeys.append(key)
          documentFrequency.append(Int32(j - k))
          totalCount.append(total)
          runStarts.append(j)
          k = j
        }
      }
    }
    entries = payload
  }
}
