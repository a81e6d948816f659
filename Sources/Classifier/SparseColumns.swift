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

  /// Computes `out = Xᵀ · r + ω·W₀` rounded to Float, where `r` is `rowCount × k` row-major
  /// Double and `out` is `columnCount × k` row-major; accumulates in Double.
  ///
  /// - Parameters:
  ///   - warm: `W₀` (`columnCount * k` values) or nil; `omega` its factor.
  ///   - threads: worker threads, >= 1; each output row is written by exactly one chunk.
  func multiplyTransposed(
    _ r: UnsafePointer<Double>, k: Int, into out: UnsafeMutablePointer<Float>, threads: Int,
    warm: UnsafePointer<Double>?, omega: Double
  ) {
    columnOffsets.withUnsafeBufferPointer { co in
      rowIndices.withUnsafeBufferPointer { ri in
        values.withUnsafeBufferPointer { xv in
          FixedChunks.forEach(count: columnCount, chunkSize: Self.chunkColumns, threads: threads) { _, columns in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { t in
              let row = t.baseAddress!
              for j in columns {
                for c in 0..<k { row[c] = warm.map { omega * $0[j * k + c] } ?? 0 }
                for e in co[j]..<co[j + 1] {
                  let v = Double(xv[e])
                  let src = r + Int(ri[e]) * k
                  for c in 0..<k { row[c] += v * src[c] }
                }
                for c in 0..<k { out[j * k + c] = Float(row[c]) }
              }
            }
          }
        }
      }
    }
  }
}
