import Features
import XCTest

@testable import Classifier
@testable import LinearModel

/// `decisionValues` (and so `probabilities` and `predict`): the K = 4 vector loop and the
/// general loop give the bits of the plain sum, for any thread count.
final class PredictionTests: XCTestCase {
  /// A deterministic sparse matrix with empty rows and repeated columns across rows.
  private func matrix(rows: Int, columns: Int) throws -> SparseMatrix {
    var generator = SplitMix64(seed: 7)
    var offsets = [0]
    var indices: [Int32] = []
    var values: [Float] = []
    for r in 0..<rows {
      if r % 5 != 3 {
        var column = Int(generator.next() % 7)
        while column < columns {
          indices.append(Int32(column))
          values.append(Float(generator.next() % 1000) / 997 - 0.3)
          column += 1 + Int(generator.next() % 13)
        }
      }
      offsets.append(indices.count)
    }
    return try SparseMatrix(columnCount: columns, rowOffsets: offsets, columnIndices: indices, values: values)
  }

  /// Σ in entry order from 0, then the intercept: the reference the loops must equal bit for bit.
  private func reference(_ model: LogisticRegression, _ x: SparseMatrix) -> [Float] {
    let k = model.classCount
    var out = [Float](repeating: 0, count: x.rowCount * k)
    for r in 0..<x.rowCount {
      for c in 0..<k {
        var sum: Float = 0
        for e in x.rowOffsets[r]..<x.rowOffsets[r + 1] {
          sum += x.values[e] * model.weights[Int(x.columnIndices[e]) * k + c]
        }
        out[r * k + c] = sum + model.intercepts[c]
      }
    }
    return out
  }

  func testDecisionValuesMatchThePlainSumForAnyClassCountAndThreads() throws {
    let x = try matrix(rows: 5000, columns: 300)
    var generator = SplitMix64(seed: 11)
    for k in [2, 3, 4, 5] {
      let weights = (0..<(300 * k)).map { _ in Float(Int(generator.next() % 2001) - 1000) / 313 }
      let intercepts = (0..<k).map { Float($0) / 7 - 0.2 }
      let model = LogisticRegression(classCount: k, featureCount: 300, weights: weights, intercepts: intercepts)
      let expected = reference(model, x)
      for threads in [1, 2, 3] {
        XCTAssertEqual(model.decisionValues(x, threads: threads), expected, "K \(k), \(threads) threads")
      }
      let p = model.probabilities(x, threads: 2)
      for r in 0..<x.rowCount {
        XCTAssertEqual(p[(r * k)..<(r * k + k)].reduce(0, +), 1, accuracy: 1e-6)
      }
    }
  }

  /// One row at a time (`probabilities(columns:values:into:)`, what scoring uses) gives the
  /// bits of that row in the matrix call, for the K = 4 loop and the general one.
  func testOneRowProbabilitiesMatchTheMatrixCall() throws {
    let x = try matrix(rows: 400, columns: 300)
    var generator = SplitMix64(seed: 13)
    for k in [3, 4] {
      let weights = (0..<(300 * k)).map { _ in Float(Int(generator.next() % 2001) - 1000) / 313 }
      let intercepts = (0..<k).map { Float($0) / 7 - 0.2 }
      let model = LogisticRegression(classCount: k, featureCount: 300, weights: weights, intercepts: intercepts)
      let expected = model.probabilities(x, threads: 1)
      var out = [Float](repeating: 0, count: k)
      for r in 0..<x.rowCount {
        let entries = x.rowOffsets[r]..<x.rowOffsets[r + 1]
        x.columnIndices.withUnsafeBufferPointer { c in
          x.values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer {
              model.probabilities(
                columns: UnsafeBufferPointer(rebasing: c[entries]), values: UnsafeBufferPointer(rebasing: v[entries]),
                into: $0)
            }
          }
        }
        XCTAssertEqual(out, Array(expected[(r * k)..<(r * k + k)]), "K \(k), row \(r)")
      }
    }
  }
}
