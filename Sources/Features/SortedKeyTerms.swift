/// The kept terms' strings for `SortedWordCounting`, from their packed keys.
enum SortedKeyTerms {
  /// The space-joined n-gram of each kept key, in `kept` order, built in parallel (10^5 to
  /// 10^6 strings are measurable).
  /// - Parameters:
  ///   - keys: packed keys (token ranks from 1, `bits` bits each, high to low, 0 = no token).
  ///   - kept: indices into `keys` to spell.
  ///   - tokens: the tokens; `tokenOrder[r - 1]` is the token of rank `r`.
  static func terms(
    keys: [UInt64], kept: [Int], tokens: TermTable, tokenOrder: [Int], bits: Int, maxN: Int, threads: Int
  ) -> [String] {
    // The tokens' bytes copied once in rank order, so spelling a key reads one array whose
    // order follows the keys' (first tokens ascend), not the tokens' insertion order.
    var start = uninitializedArray(tokenOrder.count + 1, of: Int.self)
    var bytes = uninitializedArray(tokens.arena.count, of: UInt8.self)
    tokens.arena.withUnsafeBufferPointer { arena in
      tokens.offsets.withUnsafeBufferPointer { offsets in
        bytes.withUnsafeMutableBufferPointer { out in
          var at = 0
          for (r, t) in tokenOrder.enumerated() {
            start[r] = at
            let from = offsets[t]
            let length = offsets[t + 1] - from
            if length > 0 { (out.baseAddress! + at).update(from: arena.baseAddress! + from, count: length) }
            at += length
          }
          start[tokenOrder.count] = at
        }
      }
    }
    let mask = (UInt64(1) << UInt64(bits)) - 1
    // Each chunk initializes its own slice of the result (no per-chunk arrays to concatenate).
    return [String](unsafeUninitializedCapacity: kept.count) { terms, initialized in
      FixedChunks.forEach(count: kept.count, chunkSize: 16384, threads: threads) { _, r in
        keys.withUnsafeBufferPointer { keys in
          start.withUnsafeBufferPointer { start in
            bytes.withUnsafeBufferPointer { bytes in
              for t in r {
                let key = keys[kept[t]]
                var length = -1
                for position in 0..<maxN {
                  let rank = Int((key >> UInt64(bits * (maxN - 1 - position))) & mask)
                  if rank == 0 { break }
                  length += 1 + start[rank] - start[rank - 1]
                }
                let term = String(unsafeUninitializedCapacity: max(length, 0)) { out in
                  var at = 0
                  for position in 0..<maxN {
                    let rank = Int((key >> UInt64(bits * (maxN - 1 - position))) & mask)
                    if rank == 0 { break }
                    if position > 0 {
                      out[at] = 0x20
                      at += 1
                    }
                    let from = start[rank - 1]
                    let count = start[rank] - from
                    if count > 0 { (out.baseAddress! + at).update(from: bytes.baseAddress! + from, count: count) }
                    at += count
                  }
                  return at
                }
                (terms.baseAddress! + t).initialize(to: term)
              }
            }
          }
        }
      }
      initialized = kept.count
    }
  }
}
