import Features
import XCTest

@testable import Classifier
@testable import LinearModel

/// The row-blocked matrix products against the plain CSR loops: the same numbers to the bit
/// (each output sums in the same order), for any thread count, over many blocks and chunks.
final class RowBlockedColumnsTests: XCTestCase {
  /// 300 rows × 5000 columns (three feature chunks), some rows and a whole block empty.
  func matrix() -> SparseMatrix {
    var random = SplitMix64(seed: 9)
    var x = SparseMatrix(columnCount: 5000)
    for r in 0..<300 {
      if (64..<128).contains(r) || r % 37 == 0 {
        x.appendRow([(Int32, Float)]())
        continue
      }
      var columns = Set<Int32>()
      for _ in 0..<(1 + random.below(40)) { columns.insert(Int32(random.below(5000))) }
      var entries: [(Int32, Float)] = []
      for j in columns.sorted() { entries.append((j, Float(random.below(2001)) / 1000 - 1)) }
      x.appendRow(entries)
    }
    return x
  }

  func testBlocksHoldEveryEntryByColumn() {
    let x = matrix()
    // 2048 classes make 64-row blocks: five blocks for 300 rows.
    let blocked = RowBlockedColumns(x, classCount: 2048)
    XCTAssertEqual(blocked.blockStarts, [0, 64, 128, 192, 256, 300])
    XCTAssertEqual(blocked.features[1], [], "rows 64 ..< 128 are empty")
    var entries: [[Int32: Float]] = Array(repeating: [:], count: x.rowCount)
    for b in 0..<blocked.blockCount {
      XCTAssertEqual(blocked.features[b], blocked.features[b].sorted())
      XCTAssertEqual(blocked.offsets[b].count, blocked.features[b].count + 1)
      for (p, feature) in blocked.features[b].enumerated() {
        let span = blocked.offsets[b][p]..<blocked.offsets[b][p + 1]
        XCTAssertFalse(span.isEmpty)
        XCTAssertEqual(Array(blocked.rows[b][span]), blocked.rows[b][span].sorted())
        for e in span {
          let r = Int(blocked.rows[b][e])
          XCTAssertTrue((blocked.blockStarts[b]..<blocked.blockStarts[b + 1]).contains(r))
          entries[r][feature] = blocked.values[b][e]
        }
      }
    }
    for r in 0..<x.rowCount {
      let span = x.rowOffsets[r]..<x.rowOffsets[r + 1]
      XCTAssertEqual(entries[r], Dictionary(uniqueKeysWithValues: zip(x.columnIndices[span], x.values[span])))
    }
  }

  func testProductsEqualThePlainLoops() {
    let x = matrix()
    let k = 3
    var random = SplitMix64(seed: 10)
    let g = (0..<(x.rowCount * k)).map { _ -> Double in Double(random.below(1_000_001)) / 1e6 - 0.5 }
    let t = (0..<(x.columnCount * k)).map { _ -> Float in Float(random.below(1_000_001)) / 1e6 - 0.5 }
    // Xᵀ·g and X·t by rows, in the order the blocked loops add.
    var xtg = [Double](repeating: 0, count: x.columnCount * k)
    var xt = [Double](repeating: 0, count: x.rowCount * k)
    for r in 0..<x.rowCount {
      for e in x.rowOffsets[r]..<x.rowOffsets[r + 1] {
        let j = Int(x.columnIndices[e])
        let v = Double(x.values[e])
        for c in 0..<k {
          xtg[j * k + c] += v * g[r * k + c]
          xt[r * k + c] += v * Double(t[j * k + c])
        }
      }
    }
    for classCount in [2, 2048] {
      let blocked = RowBlockedColumns(x, classCount: classCount)
      for threads in [1, 2, 3] {
        let chunks = g.withUnsafeBufferPointer { gp in
          blocked.multiplyTransposed(gp.baseAddress!, k: k, threads: threads) { features, rows in
            (features, Array(UnsafeBufferPointer(start: rows, count: features.count * k)))
          }
        }
        XCTAssertEqual(chunks.map(\.0), [0..<2048, 2048..<4096, 4096..<5000])
        XCTAssertEqual(chunks.flatMap(\.1), xtg, "Xᵀ·g, \(classCount) classes, \(threads) threads")
        var out = [Double](repeating: .nan, count: x.rowCount * k)
        t.withUnsafeBufferPointer { tp in
          out.withUnsafeMutableBufferPointer {
            blocked.multiply(tp.baseAddress!, k: k, into: $0.baseAddress!, threads: threads)
          }
        }
        XCTAssertEqual(out, xt, "X·t, \(classCount) classes, \(threads) threads")
      }
    }
  }
}
