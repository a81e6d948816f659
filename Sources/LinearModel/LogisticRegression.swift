import Features
import Foundation

/// A trained multinomial logistic regression: one weight per (feature, class) and one
/// intercept per class; `P(k | x) = softmax(W x + b)_k`.
public struct LogisticRegression: Equatable, Sendable {
  /// Number of classes K (>= 2); labels are `0 ..< classCount`.
  public let classCount: Int
  /// Number of features (columns of the matrices it scores).
  public let featureCount: Int
  /// `featureCount × classCount` weights, row-major: feature `j`'s K weights are contiguous.
  public var weights: [Float]
  /// One intercept per class.
  public var intercepts: [Float]

  /// A model from its weights (`featureCount * classCount`, row-major) and `classCount` intercepts.
  public init(classCount: Int, featureCount: Int, weights: [Float], intercepts: [Float]) {
    precondition(classCount >= 1 && featureCount >= 0, "bad model shape")
    precondition(weights.count == featureCount * classCount, "weights must hold featureCount × classCount values")
    precondition(intercepts.count == classCount, "intercepts must hold classCount values")
    self.classCount = classCount
    self.featureCount = featureCount
    self.weights = weights
    self.intercepts = intercepts
  }

  /// The linear scores `W x + b` of every row: `rowCount × classCount` values, row-major.
  ///
  /// - Parameters:
  ///   - x: rows to score; `x.columnCount` must equal `featureCount`.
  ///   - threads: worker threads, >= 1; the result does not depend on it.
  public func decisionValues(_ x: SparseMatrix, threads: Int) -> [Float] {
    precondition(x.columnCount == featureCount, "matrix has \(x.columnCount) columns, model \(featureCount)")
    let k = classCount
    var out = [Float](repeating: 0, count: x.rowCount * k)
    weights.withUnsafeBufferPointer { w in
      intercepts.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { o in
          x.rowOffsets.withUnsafeBufferPointer { offsets in
            x.columnIndices.withUnsafeBufferPointer { columns in
              x.values.withUnsafeBufferPointer { values in
                let rows = SparseRows(offsets: offsets, columns: columns, values: values)
                FixedChunks.forEach(
                  count: x.rowCount, chunkSize: SparseMatrix.productChunkRows, threads: max(1, threads)
                ) { _, range in
                  if k == 4 {
                    rows.decisionValues4(range, weights: w, intercepts: b, into: o)
                  } else {
                    rows.decisionValues(range, k: k, weights: w, intercepts: b, into: o)
                  }
                }
              }
            }
          }
        }
      }
    }
    return out
  }

  /// Class probabilities of every row: `rowCount × classCount` values, row-major, each row
  /// summing to 1 (softmax of the decision values, computed stably in Double).
  public func probabilities(_ x: SparseMatrix, threads: Int) -> [Float] {
    var scores = decisionValues(x, threads: threads)
    let k = classCount
    scores.withUnsafeMutableBufferPointer { s in
      for r in 0..<x.rowCount {
        let row = UnsafeMutableBufferPointer(rebasing: s[(r * k)..<(r * k + k)])
        Softmax.normalize(row)
      }
    }
    return scores
  }

  /// The class probabilities of one row given by its `columns` (each below `featureCount`)
  /// and `values`, written to `out` (`classCount` values): the same bits as that row's in
  /// `probabilities(_:threads:)`, without building a matrix.
  public func probabilities(
    columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>
  ) {
    let k = classCount
    weights.withUnsafeBufferPointer { w in
      intercepts.withUnsafeBufferPointer { b in
        if k == 4 {
          let row = SparseRows.decisionValues4(columns: columns, values: values, weights: w, intercepts: b)
          UnsafeMutableRawPointer(out.baseAddress!).storeBytes(of: row, as: SIMD4<Float>.self)
        } else {
          SparseRows.decisionValues(columns: columns, values: values, k: k, weights: w, intercepts: b, into: out)
        }
      }
    }
    Softmax.normalize(out)
  }

  /// The most probable class of every row (the lowest index on ties).
  public func predict(_ x: SparseMatrix, threads: Int) -> [Int32] {
    let scores = decisionValues(x, threads: threads)
    let k = classCount
    return (0..<x.rowCount).map { r in Int32(argmax(scores, row: r, classCount: k)) }
  }
}

/// The softmax function, stabilized by subtracting the largest score before exponentiating.
public enum Softmax {
  /// Replaces scores by probabilities in place; sums in Double so the row sums to 1 within 1e-6.
  public static func normalize(_ row: UnsafeMutableBufferPointer<Float>) {
    guard let top = row.max() else { return }
    var sum = 0.0
    for c in row.indices {
      let e = PortableMath.exp(Double(row[c] - top))
      row[c] = Float(e)
      sum += e
    }
    for c in row.indices { row[c] = Float(Double(row[c]) / sum) }
  }
}

/// Raw views of a CSR matrix's arrays, for the prediction loops.
private struct SparseRows {
  let offsets: UnsafeBufferPointer<Int>
  let columns: UnsafeBufferPointer<Int32>
  let values: UnsafeBufferPointer<Float>

  /// `out[r] = Σ_e x[r, e] · W[column e] + b` for the rows in `range`, any K: each class summed
  /// in entry order from 0, then the intercept added (the order the training products use).
  @inline(__always)
  func decisionValues(
    _ range: Range<Int>, k: Int, weights w: UnsafeBufferPointer<Float>, intercepts b: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>
  ) {
    for r in range {
      let entries = offsets[r]..<offsets[r + 1]
      SparseRows.decisionValues(
        columns: UnsafeBufferPointer(rebasing: columns[entries]),
        values: UnsafeBufferPointer(rebasing: values[entries]),
        k: k, weights: w, intercepts: b, into: UnsafeMutableBufferPointer(rebasing: out[(r * k)..<(r * k + k)]))
    }
  }

  /// One row of `decisionValues(_:k:weights:intercepts:into:)`, written to `out` (k values).
  @inline(__always)
  static func decisionValues(
    columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, k: Int,
    weights w: UnsafeBufferPointer<Float>, intercepts b: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>
  ) {
    let row = out.baseAddress!
    let wp = w.baseAddress!
    for c in 0..<k { row[c] = 0 }
    for e in 0..<columns.count {
      let v = values[e]
      let src = wp + Int(columns[e]) * k
      for c in 0..<k { row[c] += v * src[c] }
    }
    for c in 0..<k { row[c] += b[c] }
  }

  /// The same for K = 4 (the shipped model), one 4-lane vector a row: lane by lane the same
  /// operations in the same order, so the same bits, without the per-class loop.
  @inline(__always)
  func decisionValues4(
    _ range: Range<Int>, weights w: UnsafeBufferPointer<Float>, intercepts b: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>
  ) {
    let o = UnsafeMutableRawPointer(out.baseAddress!)
    let stride = MemoryLayout<Float>.stride * 4
    for r in range {
      let entries = offsets[r]..<offsets[r + 1]
      let acc = SparseRows.decisionValues4(
        columns: UnsafeBufferPointer(rebasing: columns[entries]),
        values: UnsafeBufferPointer(rebasing: values[entries]),
        weights: w, intercepts: b)
      o.storeBytes(of: acc, toByteOffset: r &* stride, as: SIMD4<Float>.self)
    }
  }

  /// One row of `decisionValues4`.
  @inline(__always)
  static func decisionValues4(
    columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>, weights w: UnsafeBufferPointer<Float>,
    intercepts b: UnsafeBufferPointer<Float>
  ) -> SIMD4<Float> {
    let wp = UnsafeRawPointer(w.baseAddress!)
    let bias = UnsafeRawPointer(b.baseAddress!).loadUnaligned(as: SIMD4<Float>.self)
    let stride = MemoryLayout<Float>.stride * 4
    var acc = SIMD4<Float>(repeating: 0)
    for e in 0..<columns.count {
      let weights = wp.loadUnaligned(fromByteOffset: Int(columns[e]) &* stride, as: SIMD4<Float>.self)
      acc += values[e] * weights
    }
    acc += bias
    return acc
  }
}
