import Foundation

/// Distinct tokens in UTF-8 byte order (Python's string order), for `SortedWordCounting`.
///
/// A radix sort on each token's first eight bytes (big-endian, zero-padded: no token holds a
/// zero byte, so a shorter token sorts before its extensions) settles almost every pair; only
/// tokens that share their first eight bytes are then compared whole. Same order as
/// `TermSorter.sortedOrder` for word terms, without a comparison per step of a general sort.
enum TokenOrder {
  /// The token indices in byte order; token `k`'s bytes are `arena[offsets[k] ..< offsets[k + 1]]`.
  static func sorted(arena: [UInt8], offsets: [Int]) -> [Int] {
    let count = offsets.count - 1
    guard count > 0 else { return [] }
    var prefixes = uninitializedArray(count, of: UInt64.self)
    arena.withUnsafeBufferPointer { a in
      offsets.withUnsafeBufferPointer { o in
        for k in 0..<count { prefixes[k] = TermSorter.prefixKey(a.baseAddress! + o[k], count: o[k + 1] - o[k]) }
      }
    }
    var order = (0..<UInt64(count)).map { $0 }
    KeySorting.radixSort(keys: &prefixes, payload: &order, bits: 64)
    var result = order.map { Int($0) }
    // Runs of one prefix: whole-byte comparison (tokens of eight bytes or more only).
    var i = 0
    while i < count {
      var j = i + 1
      while j < count && prefixes[j] == prefixes[i] { j += 1 }
      if j - i > 1 {
        arena.withUnsafeBufferPointer { a in
          result[i..<j].sort { TermSorter.bytesPrecede(a.baseAddress!, offsets, $0, $1) }
        }
      }
      i = j
    }
    return result
  }
}
