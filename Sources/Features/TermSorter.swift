import Foundation

/// Orders candidate terms: word terms before character terms, each kind in UTF-8 byte order
/// (Python's string order), optionally keeping only the `limit` most frequent first.
enum TermSorter {
  /// The candidate indices in vocabulary order.
  /// - Parameters:
  ///   - arena, offsets: candidate `k`'s bytes are `arena[offsets[k] ..< offsets[k + 1]]`.
  ///   - wordCount: candidates `0 ..< wordCount` are word terms.
  ///   - limit: keep this many with the largest `totals` (ties: the one sorting first).
  static func sortedOrder(arena: [UInt8], offsets: [Int], wordCount: Int, limit: Int?, totals: [Int64]) -> [Int] {
    let count = offsets.count - 1
    // Sort keys: kind, then the first 8 bytes big-endian; most comparisons end there.
    var keys = [UInt64](repeating: 0, count: count)
    arena.withUnsafeBufferPointer { a in
      // An empty arena holds only empty terms, whose keys stay 0.
      guard let base = a.baseAddress else { return }
      for k in 0..<count { keys[k] = prefixKey(base + offsets[k], count: offsets[k + 1] - offsets[k]) }
    }
    func precedes(_ x: Int, _ y: Int) -> Bool {
      let wx = x < wordCount
      let wy = y < wordCount
      if wx != wy { return wx }
      if keys[x] != keys[y] { return keys[x] < keys[y] }
      return arena.withUnsafeBufferPointer { a in a.baseAddress.map { bytesPrecede($0, offsets, x, y) } ?? false }
    }
    var order = Array(0..<count)
    order.sort(by: precedes)
    if let limit, count > limit {
      // Stable by vocabulary order, so equal totals keep the term that sorts first.
      var rank = [Int](repeating: 0, count: count)
      for (r, k) in order.enumerated() { rank[k] = r }
      var byTotal = order
      byTotal.sort { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : rank[$0] < rank[$1] }
      let kept = Set(byTotal[0..<limit])
      order = order.filter { kept.contains($0) }
    }
    return order
  }
}

extension TermSorter {
  /// The first eight of the `count` bytes at `p`, big-endian and zero-padded: comparing two
  /// such keys orders the terms by their first eight bytes (a shorter term before its
  /// extensions, since no term holds a zero byte).
  @inline(__always)
  static func prefixKey(_ p: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    var key: UInt64 = 0
    for j in 0..<8 { key = key << 8 | (j < count ? UInt64(p[j]) : 0) }
    return key
  }

  /// Whether term `x`'s bytes sort before term `y`'s in UTF-8 byte order (a prefix first);
  /// term `k` is `arena[offsets[k] ..< offsets[k + 1]]`.
  @inline(__always)
  static func bytesPrecede(_ arena: UnsafePointer<UInt8>, _ offsets: [Int], _ x: Int, _ y: Int) -> Bool {
    let sx = offsets[x]
    let lx = offsets[x + 1] - sx
    let sy = offsets[y]
    let ly = offsets[y + 1] - sy
    let c = memcmp(arena + sx, arena + sy, min(lx, ly))
    return c != 0 ? c < 0 : lx < ly
  }
}
