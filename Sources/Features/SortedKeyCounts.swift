/// Distinct n-gram keys in ascending order with their document frequency and total count,
/// summed over the blocks of documents merged into it so far (step 4 of `SortedWordCounting`).
///
/// It grows with the distinct n-grams, not with the documents: each block's counts are merged
/// in and the block dropped. Sums of integers, so neither the blocks' sizes nor their order
/// change the result.
struct SortedKeyCounts {
  /// The distinct keys, ascending.
  private(set) var keys: [UInt64] = []
  /// In how many documents each key occurs.
  private(set) var documentFrequency: [Int64] = []
  /// How often each key occurs in all.
  private(set) var totalCount: [Int64] = []

  /// No keys.
  init() {}

  /// The counts of one block.
  init(_ block: BlockKeys) {
    keys = block.uniqueKeys
    documentFrequency = block.documentFrequency.map { Int64($0) }
    totalCount = block.totalCount
  }

  /// Adds `other`'s counts: keys in both get the sums, keys in one are taken as they are.
  mutating func merge(_ other: SortedKeyCounts) {
    if other.keys.isEmpty { return }
    if keys.isEmpty {
      self = other
      return
    }
    let n = keys.count
    let m = other.keys.count
    var newKeys = uninitializedArray(n + m, of: UInt64.self)
    var newDF = uninitializedArray(n + m, of: Int64.self)
    var newTotal = uninitializedArray(n + m, of: Int64.self)
    var out = 0
    keys.withUnsafeBufferPointer { a in
      documentFrequency.withUnsafeBufferPointer { aDF in
        totalCount.withUnsafeBufferPointer { aTotal in
          other.keys.withUnsafeBufferPointer { b in
            other.documentFrequency.withUnsafeBufferPointer { bDF in
              other.totalCount.withUnsafeBufferPointer { bTotal in
                newKeys.withUnsafeMutableBufferPointer { k in
                  newDF.withUnsafeMutableBufferPointer { df in
                    newTotal.withUnsafeMutableBufferPointer { t in
                      var i = 0
                      var j = 0
                      while i < n || j < m {
                        let takeA = j >= m || (i < n && a[i] <= b[j])
                        let takeB = i >= n || (j < m && b[j] <= a[i])
                        var d: Int64 = 0
                        var total: Int64 = 0
                        if takeA {
                          k[out] = a[i]
                          d += aDF[i]
                          total += aTotal[i]
                          i += 1
                        }
                        if takeB {
                          k[out] = b[j]
                          d += bDF[j]
                          total += bTotal[j]
                          j += 1
                        }
                        df[out] = d
                        t[out] = total
                        out += 1
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    newKeys.removeSubrange(out...)
    newDF.removeSubrange(out...)
    newTotal.removeSubrange(out...)
    keys = newKeys
    documentFrequency = newDF
    totalCount = newTotal
  }
}

extension BlockKeys {
  /// The column of each of the block's unique keys in a vocabulary whose column `c` is
  /// `columnKeys[c]` (ascending), or -1 for a key not in it: one walk along both sorted lists.
  func columns(in columnKeys: [UInt64]) -> [Int32] {
    var result = [Int32](repeating: -1, count: uniqueKeys.count)
    result.withUnsafeMutableBufferPointer { result in
      uniqueKeys.withUnsafeBufferPointer { keys in
        columnKeys.withUnsafeBufferPointer { columns in
          var c = 0
          for u in 0..<keys.count {
            let key = keys[u]
            while c < columns.count && columns[c] < key { c += 1 }
            if c == columns.count { break }
            if columns[c] == key { result[u] = Int32(c) }
          }
        }
      }
    }
    return result
  }
}
