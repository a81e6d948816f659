extension SparseMatrix {
  /// This matrix with `count` columns appended after its own, filled in every row from `dense`
  /// (`rowCount × count` values, row-major; zeros are stored too, so every row gains `count` entries).
  ///
  /// A two-stage model scores a sentence's n-grams together with a few numbers about its
  /// document; this puts both into one row so one product and one explanation cover them.
  public func appendingDenseColumns(_ dense: [Float], count: Int) -> SparseMatrix {
    precondition(count >= 0 && dense.count == rowCount * count, "dense must hold rowCount × count values")
    precondition(columnCount + count <= Int(Int32.max), "too many columns")
    let total = nonZeroCount + rowCount * count
    var offsets = [Int](repeating: 0, count: rowCount + 1)
    var columns = [Int32](repeating: 0, count: total)
    var entries = [Float](repeating: 0, count: total)
    let first = Int32(columnCount)
    var at = 0
    for r in 0..<rowCount {
      for i in rowOffsets[r]..<rowOffsets[r + 1] {
        columns[at] = columnIndices[i]
        entries[at] = values[i]
        at += 1
      }
      for c in 0..<count {
        columns[at] = first + Int32(c)
        entries[at] = dense[r * count + c]
        at += 1
      }
      offsets[r + 1] = at
    }
    return SparseMatrix(
      uncheckedColumnCount: columnCount + count, rowOffsets: offsets, columnIndices: columns, values: entries)
  }
}
