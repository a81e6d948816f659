import Features

/// The training matrix cut into blocks of consecutive rows, each block stored by columns, for
/// the products `Xᵀ·G` and `X·T` the solver runs every iteration.
///
/// Why blocks: both products touch one `K`-vector of a rows×K matrix per non-zero, at random
/// rows. With the rows of a block (`rowsPerBlock × K` Doubles, a few hundred KB) those accesses
/// stay in the core's L2 cache, while the features×K side is read or written in feature order,
/// as a stream. The whole-matrix version of the same loops was bound by cache misses.
///
/// Both products split work in fixed chunks (feature chunks for `Xᵀ·G`, row blocks for `X·T`)
/// whose boundaries depend only on the matrix and `K`; each output element is written by one
/// chunk, in a fixed order, so results are the same for any thread count.
struct RowBlockedColumns {
  /// Rows of the matrix (examples).
  let rowCount: Int
  /// Columns of the matrix (features).
  let columnCount: Int
  /// First row of each block, then `rowCount`.
  let blockStarts: [Int]
  /// Per block: the features with entries in it, ascending.
  let features: [[Int32]]
  /// Per block: where each present feature's entries start, then the block's entry count.
  let offsets: [[Int]]
  /// Per block: the row (absolute) of each entry, ascending within a feature.
  let rows: [[Int32]]
  /// Per block: the value of each entry.
  let values: [[Float]]

  /// Features per chunk of `Xᵀ·G` (their K-vectors, in Double, stay in L2 with a block's rows).
  static let featureChunk = 2048
  /// Doubles of a block's rows×K slice: 64K Doubles = 512 KB.
  static let blockDoubles = 1 << 16

  /// Rows per block for `classCount` classes.
  static func rowsPerBlock(classCount: Int) -> Int { max(64, blockDoubles / max(1, classCount)) }

  /// Splits `x` in row blocks sized for `classCount` and sorts each block's entries by feature.
  init(_ x: SparseMatrix, classCount: Int) {
    rowCount = x.rowCount
    columnCount = x.columnCount
    let size = Self.rowsPerBlock(classCount: classCount)
    blockStarts = Array(stride(from: 0, to: x.rowCount, by: size)) + [x.rowCount]
    var features: [[Int32]] = []
    var offsets: [[Int]] = []
    var rows: [[Int32]] = []
    var values: [[Float]] = []
    var counts = [Int](repeating: 0, count: x.columnCount)
    var slot = [Int](repeating: 0, count: x.columnCount)
    for b in 0..<(blockStarts.count - 1) {
      let first = blockStarts[b]
      let end = blockStarts[b + 1]
      let entries = x.rowOffsets[end] - x.rowOffsets[first]
      for e in x.rowOffsets[first]..<x.rowOffsets[end] { counts[Int(x.columnIndices[e])] += 1 }
      var present: [Int32] = []
      var starts: [Int] = []
      var total = 0
      for j in 0..<x.columnCount where counts[j] > 0 {
        present.append(Int32(j))
        starts.append(total)
        slot[j] = total
        total += counts[j]
        counts[j] = 0
      }
      starts.append(total)
      var blockRows = [Int32](repeating: 0, count: entries)
      var blockValues = [Float](repeating: 0, count: entries)
      for r in first..<end {
        for e in x.rowOffsets[r]..<x.rowOffsets[r + 1] {
          let j = Int(x.columnIndices[e])
          blockRows[slot[j]] = Int32(r)
          blockValues[slot[j]] = x.values[e]
          slot[j] += 1
        }
      }
      features.append(present)
      offsets.append(starts)
      rows.append(blockRows)
      values.append(blockValues)
    }
    self.features = features
    self.offsets = offsets
    self.rows = rows
    self.values = values
  }

  /// Number of row blocks.
  var blockCount: Int { blockStarts.count - 1 }

  /// Computes `Xᵀ·g` (`g`: `rowCount × k` row-major Double) chunk by chunk of features: each
  /// chunk's rows are accumulated in Double over the blocks in order, then handed to
  /// `emit(features, rows)` (`rows` holds `features.count × k` values), whose results are
  /// returned in chunk order.
  func multiplyTransposed<R>(
    _ g: UnsafePointer<Double>, k: Int, threads: Int, emit: (Range<Int>, UnsafeMutablePointer<Double>) -> R
  ) -> [R] {
    FixedChunks.map(count: columnCount, chunkSize: Self.featureChunk, threads: threads) { chunk -> R in
      let buffer = UnsafeMutablePointer<Double>.allocate(capacity: chunk.count * k)
      defer { buffer.deallocate() }
      buffer.initialize(repeating: 0, count: chunk.count * k)
      for b in 0..<blockCount {
        features[b].withUnsafeBufferPointer { present in
          offsets[b].withUnsafeBufferPointer { starts in
            rows[b].withUnsafeBufferPointer { ri in
              values[b].withUnsafeBufferPointer { xv in
                var p = present.lowerBound(of: Int32(chunk.lowerBound))
                while p < present.count && Int(present[p]) < chunk.upperBound {
                  let acc = buffer + (Int(present[p]) - chunk.lowerBound) * k
                  for e in starts[p]..<starts[p + 1] {
                    let v = Double(xv[e])
                    let src = g + Int(ri[e]) * k
                    for c in 0..<k { acc[c] += v * src[c] }
                  }
                  p += 1
                }
              }
            }
          }
        }
      }
      return emit(chunk, buffer)
    }
  }

  /// Computes `out = X·t` (`t`: `columnCount × k` row-major Float, `out`: `rowCount × k` Double),
  /// block by block: each block's rows accumulate in Double while `t` streams in feature order.
  func multiply(_ t: UnsafePointer<Float>, k: Int, into out: UnsafeMutablePointer<Double>, threads: Int) {
    FixedChunks.forEach(count: blockCount, chunkSize: 1, threads: threads) { _, blocks in
      let b = blocks.lowerBound
      let block = out + blockStarts[b] * k
      block.initialize(repeating: 0, count: (blockStarts[b + 1] - blockStarts[b]) * k)
      features[b].withUnsafeBufferPointer { present in
        offsets[b].withUnsafeBufferPointer { starts in
          rows[b].withUnsafeBufferPointer { ri in
            values[b].withUnsafeBufferPointer { xv in
              for p in 0..<present.count {
                let row = t + Int(present[p]) * k
                for e in starts[p]..<starts[p + 1] {
                  let v = Double(xv[e])
                  let dst = out + Int(ri[e]) * k
                  for c in 0..<k { dst[c] += v * Double(row[c]) }
                }
              }
            }
          }
        }
      }
    }
  }
}
