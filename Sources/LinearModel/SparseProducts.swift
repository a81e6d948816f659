import Features

extension SparseMatrix {
  /// Rows per chunk in the parallel products; fixed so results never depend on threads.
  public static let productChunkRows = 2048

  /// Computes `out = self · W` where `W` is a dense `columnCount × k` row-major matrix.
  ///
  /// - Parameters:
  ///   - weights: `columnCount * k` values, row `j` holding feature `j`'s `k` weights.
  ///   - k: number of dense columns (classes), >= 1.
  ///   - out: receives `rowCount * k` values, row-major.
  ///   - threads: worker threads, >= 1. Each output row is written by one chunk only.
  public func multiply(
    denseRowMajor weights: UnsafeBufferPointer<Float>, k: Int,
    into out: UnsafeMutableBufferPointer<Float>, threads: Int
  ) {
    precondition(weights.count >= columnCount * k && out.count >= rowCount * k)
    rowOffsets.withUnsafeBufferPointer { offsets in
      columnIndices.withUnsafeBufferPointer { cols in
        values.withUnsafeBufferPointer { vals in
          FixedChunks.forEach(count: rowCount, chunkSize: Self.productChunkRows, threads: threads) { _, rows in
            for r in rows {
              let o = r * k
              for c in 0..<k { out[o + c] = 0 }
              for e in offsets[r]..<offsets[r + 1] {
                let v = vals[e]
                let w = Int(cols[e]) * k
                for c in 0..<k { out[o + c] += v * weights[w + c] }
              }
            }
          }
        }
      }
    }
  }

  /// Computes `out = self · W` in Double, where `W` is `columnCount × k` row-major Double and
  /// `out` is `rowCount × k` row-major; rows split in fixed chunks (`productChunkRows`).
  func multiply(denseRowMajor w: UnsafePointer<Double>, k: Int, into out: UnsafeMutablePointer<Double>, threads: Int) {
    rowOffsets.withUnsafeBufferPointer { ro in
      columnIndices.withUnsafeBufferPointer { ci in
        values.withUnsafeBufferPointer { xv in
          FixedChunks.forEach(count: rowCount, chunkSize: Self.productChunkRows, threads: threads) { _, rows in
            for i in rows {
              let o = out + i * k
              for c in 0..<k { o[c] = 0 }
              for e in ro[i]..<ro[i + 1] {
                let v = Double(xv[e])
                let src = w + Int(ci[e]) * k
                for c in 0..<k { o[c] += v * src[c] }
              }
            }
          }
        }
      }
    }
  }
}
