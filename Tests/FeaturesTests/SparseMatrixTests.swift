import Features
import XCTest

final class SparseMatrixTests: XCTestCase {
  func testValidationRejectsUnsortedColumns() {
    XCTAssertThrowsError(
      try SparseMatrix(columnCount: 3, rowOffsets: [0, 2], columnIndices: [2, 1], values: [1, 1]))
    XCTAssertThrowsError(
      try SparseMatrix(columnCount: 3, rowOffsets: [0, 1], columnIndices: [3], values: [1]))
    XCTAssertThrowsError(
      try SparseMatrix(columnCount: 3, rowOffsets: [0, 2], columnIndices: [0], values: [1]))
  }

  func testAppendAndSelectRows() throws {
    var m = SparseMatrix(columnCount: 4)
    m.appendRow([(0, 1), (3, 2)])
    m.appendRow([])
    m.appendRow([(1, 5)])
    XCTAssertEqual(m.rowCount, 3)
    XCTAssertEqual(m.nonZeroCount, 3)
    let s = m.selectingRows([2, 0])
    XCTAssertEqual(Array(s.row(0).columns), [1])
    XCTAssertEqual(Array(s.row(1).values), [1, 2])
    var joined = m
    joined.appendRows(of: s)
    XCTAssertEqual(joined.rowOffsets, [0, 2, 2, 3, 4, 6])
  }
}
