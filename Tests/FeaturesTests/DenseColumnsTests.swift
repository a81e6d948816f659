import XCTest

@testable import Features

final class DenseColumnsTests: XCTestCase {
  func testAppendsDenseColumnsAfterEveryRow() throws {
    let x = try SparseMatrix(columnCount: 3, rowOffsets: [0, 2, 2, 3], columnIndices: [0, 2, 1], values: [1, 2, 3])
    let y = x.appendingDenseColumns([0.5, 0.25, 0, 1, 7, 8], count: 2)
    XCTAssertEqual(y.columnCount, 5)
    XCTAssertEqual(y.rowCount, 3)
    XCTAssertEqual(y.rowOffsets, [0, 4, 6, 9])
    XCTAssertEqual(y.columnIndices, [0, 2, 3, 4, 3, 4, 1, 3, 4])
    XCTAssertEqual(y.values, [1, 2, 0.5, 0.25, 0, 1, 3, 7, 8])
    // The result is a valid matrix: the checked initializer accepts its arrays.
    XCTAssertEqual(
      try SparseMatrix(columnCount: 5, rowOffsets: y.rowOffsets, columnIndices: y.columnIndices, values: y.values), y)
  }

  func testNoColumnsOrNoRows() {
    let empty = SparseMatrix(columnCount: 4)
    XCTAssertEqual(empty.appendingDenseColumns([], count: 3).columnCount, 7)
    XCTAssertEqual(empty.appendingDenseColumns([], count: 3).rowCount, 0)
  }
}
