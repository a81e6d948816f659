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
        for k in 0..<count {
          let start = o[k]
          let length = min(8, o[k + 1] - start)
          var key: UInt64 = 0
          for j in 0..<length { key |= UInt64(a[start + j]) << UInt64(56 - 8 * j) }
          prefixes[k] = key
        }
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
          result[i..<j].sort { x, y in
            let sx = offsets[x]
            let lx = offsets[x + 1] - sx
            let sy = offsets[y]
            let ly = offsets[y + 1] - sy
            let c = memcmp(a.baseAddress! + sx, a.baseAddress! + sy, min(lx, ly))
            return c != 0 ? c < 0 : lx < ly
          }
        }
      }
      i = j
    }
    return result
  }
}
