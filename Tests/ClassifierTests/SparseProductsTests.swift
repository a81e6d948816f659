import Classifier
import Features
import XCTest

final class SparseProductsTests: XCTestCase {
  func testMultiplyMatchesDenseProduct() throws {
    let x = try SparseMatrix(
      columnCount: 3, rowOffsets: [0, 2, 3], columnIndices: [0, 2, 1], values: [1, 2, 3])
    let w: [Float] = [1, 2, 3, 4, 5, 6]  // 3 features × 2 classes
    var out = [Float](repeating: -1, count: 4)
    w.withUnsafeBufferPointer { wp in
      out.withUnsafeMutableBufferPointer { op in x.multiply(denseRowMajor: wp, k: 2, into: op, threads: 2) }
    }
    XCTAssertEqual(out, [1 + 10, 2 + 12, 9, 12])
  }
}
