/// Sorted key lists with document frequencies and totals, merged block by block.
struct SortedKeyMerge {
  private(set) var keys: [UInt64] = []
  private(set) var documentFrequency: [Int64] = []
  private(set) var totalCount: [Int64] = []
  /// For each block merged so far: the merged index of each of its unique keys.
  private(set) var indexOfUnique: [[Int32]] = []

  /// Merges the blocks in order (the result does not depend on the order).
  init(_ blocks: [BlockKeys]) {
    guard let first = blocks.first else { return }
    // The first block is the merge so far as it is.
    keys = first.uniqueKeys
    documentFrequency = first.documentFrequency.map { Int64($0) }
    totalCount = first.totalCount
    indexOfUnique = [(0..<Int32(first.uniqueKeys.count)).map { $0 }]
    for block in blocks.dropFirst() { add(block) }
  }

  private mutating func add(_ block: BlockKeys) {
    let n = keys.count
    let m = block.uniqueKeys.count
    // Every slot below `count` is written; the rest is cut off.
    var newKeys = uninitializedArray(n + m, of: UInt64.self)
    var newDF = uninitializedArray(n + m, of: Int64.self)
    var newTotal = uninitializedArray(n + m, of: Int64.self)
    var oldIndex = uninitializedArray(n, of: Int32.self)
    var blockIndex = uninitializedArray(m, of: Int32.self)
    var count = 0
    keys.withUnsafeBufferPointer { a in
      block.uniqueKeys.withUnsafeBufferPointer { b in
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
                  k[count] = a[i]
                  d += documentFrequency[i]
                  total += totalCount[i]
                  oldIndex[i] = Int32(count)
                  i += 1
                }
                if takeB {
                  k[count] = b[j]
                  d += Int64(block.documentFrequency[j])
                  total += block.totalCount[j]
                  blockIndex[j] = Int32(count)
                  j += 1
                }
                df[count] = d
                t[count] = total
                count += 1
              }
            }
          }
        }
      }
    }
    newKeys.removeSubrange(count...)
    newDF.removeSubrange(count...)
    newTotal.removeSubrange(count...)
    keys = newKeys
    documentFrequency = newDF
    totalCount = newTotal
    indexOfUnique = indexOfUnique.map { $0.map { oldIndex[Int($0)] } }
    indexOfUnique.append(blockIndex)
  }
}
