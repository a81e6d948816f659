import Features

/// A sparse matrix stored by columns (CSC): the transpose of a `SparseMatrix`, built once per
/// fit so that `Xᵀ · R` runs in parallel over features with each output row written by one
/// chunk only, deterministic whatever the thread count and without per-thread dense buffers.
struct SparseColumns {
  /// Rows of the original matrix (examples).
  let rowCount: Int
  /// Columns of the original matrix (features).
  let columnCount: Int
  /// Start of each column in `rowIndices` / `values`; `columnCount + 1` entries.
  let columnOffsets: [Int]
  /// Row of each stored entry, increasing within a column.
  let rowIndices: [Int32]
  /// Value of each stored entry.
  let values: [Float]

  /// Features per chunk of the transposed product; fixed so results never depend on threads.
  static let chunkColumns = 2048

  /// The columns of `x`, by a counting sort of its entries (two passes, O(nnz)).
  init(_ x: SparseMatrix) {
    rowCount = x.rowCount
    columnCount = x.columnCount
    var offsets = [Int](repeating: 0, count: x.columnCount + 1)
    for c in x.columnIndices { offsets[Int(c) + 1] += 1 }
    for j in 0..<x.columnCount { offsets[j + 1] += offsets[j] }
    var next = offsets
    var rows = [Int32](repeating: 0, count: x.nonZeroCount)
    var vals = [Float](repeating: 0, count: x.nonZeroCount)
    x.rowOffsets.withUnsafeBufferPointer { ro in
      x.columnIndices.withUnsafeBufferPointer { ci in
        x.values.withUnsafeBufferPointer { xv in
          for r in 0..<x.rowCount {
            for e in ro[r]..<ro[r + 1] {
              let j = Int(ci[e])
              let slot = next[j]
              rows[slot] = Int32(r)
              vals[slot] = xv[e]
              next[j] = slot + 1
            }
          }
        }
      }
    }
    columnOffsets = offsets
    rowIndices = rows
    values = vals
  }

  /// Computes `out = Xᵀ · r` in Double, where `r` is `rowCount × k` row-major and `out` is
  /// `columnCount × k` row-major, then calls `finish(chunk, columns)` on each chunk of output
  /// rows while they are still in cache, returning its results in chunk order.
  ///
  /// - Parameters:
  ///   - r: `rowCount * k` values.
  ///   - out: receives `columnCount * k` values; each row is written by exactly one chunk.
  ///   - threads: worker threads, >= 1.
  func multiplyTransposed<T>(
    _ r: UnsafePointer<Double>, k: Int, into out: UnsafeMutablePointer<Double>, threads: Int,
    finish: (Range<Int>) -> T
  ) -> [T] {
    columnOffsets.withUnsafeBufferPointer { co in
      rowIndices.withUnsafeBufferPointer { ri in
        values.withUnsafeBufferPointer { xv in
          FixedChunks.map(count: columnCount, chunkSize: Self.chunkColumns, threads: threads) { columns in
            for j in columns {
              let o = out + j * k
              for c in 0..<k { o[c] = 0 }
              for e in co[j]..<co[j + 1] {
                let v = Double(xv[e])
                let src = r + Int(ri[e]) * k
                for c in 0..<k { o[c] += v * src[c] }
              }
            }
            return finish(columns)
          }
        }
      }
    }
  }
}
