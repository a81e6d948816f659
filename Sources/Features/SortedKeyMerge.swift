/// Sorted key lists with document frequencies and totals, merged block by block.
///
/// Each two-list merge is cut into parts at keys of the list merged so far, and the parts are
/// merged side by side: a first walk counts each part's output (keys in both lists make one),
/// so every part knows where it writes. The result does not depend on the number of parts.
struct SortedKeyMerge {
  private(set) var keys: [UInt64] = []
  private(set) var documentFrequency: [Int64] = []
  private(set) var totalCount: [Int64] = []
  /// For each block merged so far: the merged index of each of its unique keys.
  private(set) var indexOfUnique: [[Int32]] = []

  /// Merges the blocks in order on up to `threads` threads (the result depends on neither).
  init(_ blocks: [BlockKeys], threads: Int = 1) {
    guard let first = blocks.first else { return }
    // The first block is the merge so far as it is.
    keys = first.uniqueKeys
    documentFrequency = first.documentFrequency.map { Int64($0) }
    totalCount = first.totalCount
    indexOfUnique = [(0..<Int32(first.uniqueKeys.count)).map { $0 }]
    for block in blocks.dropFirst() { add(block, threads: max(1, threads)) }
  }

  private mutating func add(_ block: BlockKeys, threads: Int) {
    let n = keys.count
    let m = block.uniqueKeys.count
    // Part p merges keys[aStart[p] ..< aStart[p + 1]] with uniqueKeys[bStart[p] ..< bStart[p + 1]].
    let parts = n + m >= 1 << 16 ? 4 * threads : 1
    var aStart = (0...parts).map { n * $0 / parts }
    var bStart = [Int](repeating: m, count: parts + 1)
    bStart[0] = 0
    keys.withUnsafeBufferPointer { a in
      block.uniqueKeys.withUnsafeBufferPointer { b in
        for p in 1..<parts where aStart[p] < n { bStart[p] = b.lowerBound(of: a[aStart[p]]) }
      }
    }
    aStart[parts] = n
    // Output per part: every key once.
    let sizes = keys.withUnsafeBufferPointer { a in
      block.uniqueKeys.withUnsafeBufferPointer { b in
        FixedChunks.map(count: parts, chunkSize: 1, threads: threads) { r -> Int in
          let p = r.lowerBound
          var i = aStart[p]
          var j = bStart[p]
          var both = 0
          while i < aStart[p + 1] && j < bStart[p + 1] {
            if a[i] < b[j] {
              i += 1
            } else if b[j] < a[i] {
              j += 1
            } else {
              both += 1
              i += 1
              j += 1
            }
          }
          return aStart[p + 1] - aStart[p] + bStart[p + 1] - bStart[p] - both
        }
      }
    }
    var outStart = [0]
    for s in sizes { outStart.append(outStart.last! + s) }
    let count = outStart.last!
    var newKeys = uninitializedArray(count, of: UInt64.self)
    var newDF = uninitializedArray(count, of: Int64.self)
    var newTotal = uninitializedArray(count, of: Int64.self)
    var oldIndex = uninitializedArray(n, of: Int32.self)
    var blockIndex = uninitializedArray(m, of: Int32.self)
    keys.withUnsafeBufferPointer { a in
      documentFrequency.withUnsafeBufferPointer { aDF in
        totalCount.withUnsafeBufferPointer { aTotal in
          block.uniqueKeys.withUnsafeBufferPointer { b in
            block.documentFrequency.withUnsafeBufferPointer { bDF in
              block.totalCount.withUnsafeBufferPointer { bTotal in
                newKeys.withUnsafeMutableBufferPointer { k in
                  newDF.withUnsafeMutableBufferPointer { df in
                    newTotal.withUnsafeMutableBufferPointer { t in
                      oldIndex.withUnsafeMutableBufferPointer { oldIndex in
                        blockIndex.withUnsafeMutableBufferPointer { blockIndex in
                          // Each part writes only its own output range and its own inputs' indices.
                          FixedChunks.forEach(count: parts, chunkSize: 1, threads: threads) { p, _ in
                            var i = aStart[p]
                            var j = bStart[p]
                            let iEnd = aStart[p + 1]
                            let jEnd = bStart[p + 1]
                            var out = outStart[p]
                            while i < iEnd || j < jEnd {
                              let takeA = j >= jEnd || (i < iEnd && a[i] <= b[j])
                              let takeB = i >= iEnd || (j < jEnd && b[j] <= a[i])
                              var d: Int64 = 0
                              var total: Int64 = 0
                              if takeA {
                                k[out] = a[i]
                                d += aDF[i]
                                total += aTotal[i]
                                oldIndex[i] = Int32(out)
                                i += 1
                              }
                              if takeB {
                                k[out] = b[j]
                                d += Int64(bDF[j])
                                total += bTotal[j]
                                blockIndex[j] = Int32(out)
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
        }
      }
    }
    keys = newKeys
    documentFrequency = newDF
    totalCount = newTotal
    let previous = indexOfUnique
    indexOfUnique = FixedChunks.map(count: previous.count, chunkSize: 1, threads: threads) { r in
      previous[r.lowerBound].map { oldIndex[Int($0)] }
    }
    indexOfUnique.append(blockIndex)
  }
}
