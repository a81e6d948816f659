import Features

/// Dense feature rows as the `SparseMatrix` the solver takes (every value stored, zeros too).
enum DenseRows {
  /// The matrix of `values` (`rows × columns`, row-major).
  static func matrix(_ values: [Double], columns: Int) -> SparseMatrix {
    precondition(columns > 0 && values.count % columns == 0, "values must hold rows × columns")
    let rows = values.count / columns
    let offsets = (0...rows).map { $0 * columns }
    let indices = (0..<values.count).map { Int32($0 % columns) }
    // Consistent by construction; the checked initializer cannot fail here.
    return try! SparseMatrix(
      columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values.map { Float($0) })
  }
}
