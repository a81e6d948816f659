/// A sparse matrix of `Float` values in compressed sparse row (CSR) form.
///
/// Row `r` holds the entries `rowOffsets[r] ..< rowOffsets[r + 1]` of `columnIndices`
/// and `values`. Offsets are `Int` (64-bit) so a matrix may hold more than 2^31
/// non-zeros; column indices are `Int32`, which bounds the number of columns (features)
/// to 2^31 - 1. Within a row, column indices are strictly increasing.
///
/// `Features` produces these (TF-IDF rows); `Classifier` adds the products its solver needs.
public struct SparseMatrix: Sendable, Equatable {
  /// Number of rows (documents).
  public private(set) var rowCount: Int
  /// Number of columns (features). At most `Int(Int32.max)`.
  public let columnCount: Int
  /// Start of each row in `columnIndices` / `values`; `rowCount + 1` entries, first is 0.
  public private(set) var rowOffsets: [Int]
  /// Column of each stored entry, increasing within a row.
  public private(set) var columnIndices: [Int32]
  /// Value of each stored entry.
  public private(set) var values: [Float]

  /// Errors raised when CSR arrays do not describe a valid matrix.
  public enum ValidationError: Error, Equatable, Sendable {
    /// `rowOffsets` is empty, does not start at 0, decreases, or does not end at the entry count.
    case badRowOffsets
    /// `columnIndices` and `values` differ in length.
    case lengthMismatch
    /// An entry's column is negative, not below `columnCount`, or not increasing in its row.
    case badColumn(row: Int)
    /// `columnCount` exceeds `Int32.max`.
    case tooManyColumns
  }

  /// An empty matrix with `columnCount` columns and no rows.
  public init(columnCount: Int) {
    precondition(columnCount >= 0 && columnCount <= Int(Int32.max), "columnCount out of range")
    self.rowCount = 0
    self.columnCount = columnCount
    self.rowOffsets = [0]
    self.columnIndices = []
    self.values = []
  }

  /// Builds a matrix from CSR arrays, checking that they are consistent.
  ///
  /// - Parameters:
  ///   - columnCount: number of columns, 0 ... `Int32.max`.
  ///   - rowOffsets: `rowCount + 1` non-decreasing offsets starting at 0.
  ///   - columnIndices: column of each entry, strictly increasing within a row.
  ///   - values: value of each entry.
  /// - Throws: `ValidationError` when the arrays are inconsistent.
  public init(columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) throws {
    guard columnCount >= 0, columnCount <= Int(Int32.max) else { throw ValidationError.tooManyColumns }
    guard columnIndices.count == values.count else { throw ValidationError.lengthMismatch }
    guard let first = rowOffsets.first, first == 0, rowOffsets.last == columnIndices.count else {
      throw ValidationError.badRowOffsets
    }
    for r in 0..<(rowOffsets.count - 1) {
      let start = rowOffsets[r]
      let end = rowOffsets[r + 1]
      guard start <= end else { throw ValidationError.badRowOffsets }
      var previous: Int32 = -1
      for k in start..<end {
        let c = columnIndices[k]
        guard c > previous, Int(c) < columnCount else { throw ValidationError.badColumn(row: r) }
        previous = c
      }
    }
    self.rowCount = rowOffsets.count - 1
    self.columnCount = columnCount
    self.rowOffsets = rowOffsets
    self.columnIndices = columnIndices
    self.values = values
  }

  /// Builds a matrix from arrays already known to be valid (internal fast path).
  init(uncheckedColumnCount columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) {
    self.rowCount = rowOffsets.count - 1
    self.columnCount = columnCount
    self.rowOffsets = rowOffsets
    self.columnIndices = columnIndices
    self.values = values
  }

  /// Number of stored entries.
  public var nonZeroCount: Int { columnIndices.count }

  /// Appends one row given as `(column, value)` pairs with strictly increasing columns.
  public mutating func appendRow<C: Collection>(_ entries: C) where C.Element == (Int32, Float) {
    for (c, v) in entries {
      precondition(c >= 0 && Int(c) < columnCount, "column out of range")
      columnIndices.append(c)
      values.append(v)
    }
    rowOffsets.append(columnIndices.count)
    rowCount += 1
  }

  /// Appends all rows of `other`, which must have the same column count.
  public mutating func appendRows(of other: SparseMatrix) {
    precondition(other.columnCount == columnCount, "column counts differ")
    let base = columnIndices.count
    columnIndices.append(contentsOf: other.columnIndices)
    values.append(contentsOf: other.values)
    rowOffsets.append(contentsOf: other.rowOffsets.dropFirst().lazy.map { $0 + base })
    rowCount += other.rowCount
  }

  /// The stored entries of row `r` (0 ..< `rowCount`) as parallel column and value slices.
  public func row(_ r: Int) -> (columns: ArraySlice<Int32>, values: ArraySlice<Float>) {
    let range = rowOffsets[r]..<rowOffsets[r + 1]
    return (columnIndices[range], values[range])
  }

  /// A new matrix holding the given rows, in the given order (indices may repeat).
  public func selectingRows<S: Sequence>(_ rows: S) -> SparseMatrix where S.Element == Int {
    var result = SparseMatrix(columnCount: columnCount)
    for r in rows {
      let range = rowOffsets[r]..<rowOffsets[r + 1]
      result.columnIndices.append(contentsOf: columnIndices[range])
      result.values.append(contentsOf: values[range])
      result.rowOffsets.append(result.columnIndices.count)
      result.rowCount += 1
    }
    return result
  }
}
