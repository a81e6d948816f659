/// Builds L2-normalized TF-IDF rows in CSR pieces, one document at a time.
///
/// Each row's arithmetic depends only on that document (`TermWeighting`), so rows are the
/// same bits whatever block or thread builds them.
struct TfidfRows {
  var rowOffsets: [Int] = [0]
  var columns: [Int32] = []
  var values: [Float] = []
  private var packed: [UInt64] = []
  private var weights: [Double] = []
  private var rowColumns: [Int32] = []
  private var rowValues: [Float] = []

  /// Empty, with room for `rows` rows of `entries` entries in all.
  init(reservingRows rows: Int = 0, entries: Int = 0) {
    rowOffsets.reserveCapacity(rows + 1)
    columns.reserveCapacity(entries)
    values.reserveCapacity(entries)
  }

  /// Starts a row; add its terms with `add`, then call `finishRow`.
  @inline(__always)
  mutating func add(column: Int32, count: Int32) {
    packed.append(UInt64(UInt32(bitPattern: column)) << 32 | UInt64(UInt32(bitPattern: count)))
  }

  /// Sorts the pending terms by column, weights and normalizes them, and appends the row.
  mutating func finishRow(_ weighting: TermWeighting) {
    packed.withUnsafeMutableBufferPointer { KeySorting.sort($0) }
    var terms = packed
    packed = []
    terms.withUnsafeBufferPointer { appendRow(packed: $0, weighting) }
    terms.removeAll(keepingCapacity: true)
    packed = terms
  }

  /// Weights and normalizes one row given as `column << 32 | count` terms in increasing
  /// column order, and appends it.
  mutating func appendRow(packed p: UnsafeBufferPointer<UInt64>, _ weighting: TermWeighting) {
    var columns = self.columns
    var values = self.values
    self.columns = []
    self.values = []
    withRow(packed: p, weighting) { c, v in
      columns.append(contentsOf: c)
      values.append(contentsOf: v)
    }
    self.columns = columns
    self.values = values
    rowOffsets.append(columns.count)
  }

  /// Weights and normalizes one row as `appendRow` does (the same bits) and calls
  /// `body(columns, values)` with it instead of appending it; the buffers are valid only
  /// during the call.
  mutating func withRow<R>(
    packed p: UnsafeBufferPointer<UInt64>, _ weighting: TermWeighting,
    _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R
  ) -> R {
    let n = p.count
    if weights.count < n {
      weights = [Double](repeating: 0, count: 2 * n)
      rowColumns = [Int32](repeating: 0, count: 2 * n)
      rowValues = [Float](repeating: 0, count: 2 * n)
    }
    // Raw buffers hoisted out of the loops: this runs once per term of every row `transform`
    // makes, so per-element uniqueness checks showed. The row is built in scratch buffers.
    return weights.withUnsafeMutableBufferPointer { w in
      rowColumns.withUnsafeMutableBufferPointer { c in
        rowValues.withUnsafeMutableBufferPointer { v in
          var sumOfSquares = 0.0
          for k in 0..<n {
            let key = p[k]
            let column = Int(truncatingIfNeeded: key &>> 32)
            let weight = weighting.weight(
              column: column, count: Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: key)))
            w[k] = weight
            c[k] = Int32(truncatingIfNeeded: column)
            sumOfSquares += weight * weight
          }
          TermWeighting.normalize(w.baseAddress!, count: n, sumOfSquares: sumOfSquares, into: v.baseAddress!)
          return body(UnsafeBufferPointer(rebasing: c[0..<n]), UnsafeBufferPointer(rebasing: v[0..<n]))
        }
      }
    }
  }

  /// `withRow` for the terms counted in `tally` (the same bits): each term is weighted as the
  /// tally drains, in the same column order, into the tally's row buffers, without a list of
  /// `column << 32 | count` terms written and read back. Leaves the tally empty.
  static func withRow<R>(
    draining tally: ColumnTally, _ weighting: TermWeighting,
    _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R
  ) -> R {
    let w = tally.rowWeights
    let c = tally.rowColumns
    let v = tally.rowValues
    var n = 0
    var sumOfSquares = 0.0
    tally.counter.drain { column, count in
      let weight = weighting.weight(column: column, count: count)
      w[n] = weight
      c[n] = Int32(truncatingIfNeeded: column)
      sumOfSquares += weight * weight
      n &+= 1
    }
    TermWeighting.normalize(w, count: n, sumOfSquares: sumOfSquares, into: v)
    return body(UnsafeBufferPointer(start: c, count: n), UnsafeBufferPointer(start: v, count: n))
  }

  /// Concatenates blocks of rows, in order, into one matrix (copying blocks in parallel).
  static func matrix(_ blocks: [TfidfRows], columnCount: Int, threads: Int) -> SparseMatrix {
    if blocks.count == 1, let block = blocks.first {
      // One block (a small `transform` call, as scoring makes): its arrays are the matrix.
      return SparseMatrix(
        uncheckedColumnCount: columnCount, rowOffsets: block.rowOffsets, columnIndices: block.columns,
        values: block.values)
    }
    var entryStart = [0]
    var rowStart = [0]
    for block in blocks {
      entryStart.append(entryStart.last! + block.columns.count)
      rowStart.append(rowStart.last! + block.rowOffsets.count - 1)
    }
    let total = entryStart.last!
    var offsets = uninitializedArray(rowStart.last! + 1, of: Int.self)
    offsets[0] = 0
    var columns = uninitializedArray(total, of: Int32.self)
    var values = uninitializedArray(total, of: Float.self)
    offsets.withUnsafeMutableBufferPointer { o in
      columns.withUnsafeMutableBufferPointer { c in
        values.withUnsafeMutableBufferPointer { v in
          // Each block writes only its own slice of the three arrays.
          FixedChunks.forEach(count: blocks.count, chunkSize: 1, threads: threads) { b, _ in
            let block = blocks[b]
            let base = entryStart[b]
            block.columns.withUnsafeBufferPointer { src in
              if src.count > 0 { (c.baseAddress! + base).update(from: src.baseAddress!, count: src.count) }
            }
            block.values.withUnsafeBufferPointer { src in
              if src.count > 0 { (v.baseAddress! + base).update(from: src.baseAddress!, count: src.count) }
            }
            for r in 1..<block.rowOffsets.count { o[rowStart[b] + r] = base + block.rowOffsets[r] }
          }
        }
      }
    }
    return SparseMatrix(uncheckedColumnCount: columnCount, rowOffsets: offsets, columnIndices: columns, values: values)
  }
}
