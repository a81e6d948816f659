import Features
import Foundation

/// Stochastic gradient descent on the objective of `LogisticRegression.fit`, for training sets
/// large enough that full-batch L-BFGS is slow (hundreds of passes over the matrix).
///
/// Minimizes `F = (1/S)·Σ sᵢ·CE(yᵢ, softmax(W xᵢ + b)ᵢ) + ||W||²/(2·C·S)` (S = Σ sᵢ), the
/// objective L-BFGS minimizes, with one step per row: each epoch visits every row once, in an
/// order drawn from `SplitMix64` with a fixed seed, and the learning rate falls linearly from
/// `learningRate` to 0 over all steps of all epochs (as fastText's does). The L2 term shrinks
/// every weight at every step; it is carried by one shared scale factor (`W = scale·V`), so a
/// step touches only the row's columns. The intercepts are not penalized.
///
/// Deterministic: one thread, every sum in a fixed order, no BLAS and no fused multiply-add, so
/// the same rows, labels and options give the same bits on any machine and thread count.
/// Memory: the weights in Double (features × K), the row order (4 bytes a row), and at the end
/// one gradient buffer the size of the weights, on top of the matrix held once (CSR).
enum StochasticGradientFit {
  /// Step size at the first step. Rows are L2-normalized TF-IDF (norm 1), so a step moves a
  /// row's own scores by at most this much per unit of residual (longer rows take shorter
  /// steps). 4 was the best of 0.5, 1, 2, 4 and 8 at 5 epochs on 100,000 rows of the scale series
  /// (held-out accuracy 0.880, 0.917, 0.938, 0.943, 0.943; L-BFGS 0.942), and equal to 8 at 1M
  /// rows (bench/RESULTS.md, "Training at scale").
  static let learningRate = 4.0

  /// Seeds the order of the rows in every epoch (fixed: the model depends only on the data
  /// and options).
  static let orderSeed: UInt64 = 0x5354_414E_4345_5347

  /// Fits on all `classCount` classes (each must have an example of positive weight).
  ///
  /// - Parameters:
  ///   - exampleWeights: `sᵢ` >= 0 per row (sample weight × class weight), not all zero.
  ///   - tolerance: the gradient bound the report's `converged` compares with.
  ///   - intercepts: the starting intercepts (K).
  ///   - warmStart: starting weights (features × K, feature-major), or nil for zeros.
  ///   - threads: threads of the measuring pass at the end (the passes themselves take one);
  ///     the result does not depend on it.
  /// - Returns: the weights and intercepts rounded to Float, and a report whose `iterations` are
  ///   the epochs run, with the objective and gradient measured in one more pass at the end.
  static func fit(
    _ x: SparseMatrix, labels: [Int32], classCount k: Int, exampleWeights: [Double], c: Double, epochs: Int,
    tolerance: Double, intercepts: [Double], warmStart: [Float]?, threads: Int = 1
  ) -> (weights: [Float], intercepts: [Float], report: FitReport) {
    let n = x.rowCount
    let features = x.columnCount
    let weightSum = exampleWeights.reduce(0, +)
    // Per-row weights scaled to mean 1, so the step size means the same whatever the weights.
    let perRow = Double(n) / weightSum
    let lambda = 1 / (c * weightSum)
    let stepCount = Double(epochs) * Double(n)
    var v = warmStart.map { $0.map(Double.init) } ?? [Double](repeating: 0, count: features * k)
    // Room for a full `Lanes` load at the last feature's weights (removed before returning).
    v += [Double](repeating: 0, count: Lanes.scalarCount)
    var b = intercepts
    var scale = 1.0
    var order = [Int32](0..<Int32(n))
    var generator = SplitMix64(seed: orderSeed)
    var scores = [Double](repeating: 0, count: k)
    var step = 0.0
    var others = SIMDMask<Lanes.MaskStorage>()  // the lanes past the classes
    for lane in min(k, Lanes.scalarCount)..<Lanes.scalarCount { others[lane] = true }
    x.rowOffsets.withUnsafeBufferPointer { offsets in
      x.columnIndices.withUnsafeBufferPointer { columns in
        x.values.withUnsafeBufferPointer { values in
          v.withUnsafeMutableBufferPointer { v in
            scores.withUnsafeMutableBufferPointer { z in
              b.withUnsafeMutableBufferPointer { b in
                for _ in 0..<epochs {
                  generator.shuffle(&order)
                  for row in order {
                    let i = Int(row)
                    var eta = learningRate * (1 - step / stepCount)
                    step += 1
                    let s = exampleWeights[i] * perRow
                    if s == 0 { continue }
                    let start = offsets[i]
                    let end = offsets[i + 1]
                    var squaredNorm = 0.0
                    if k <= Lanes.scalarCount {
                      // The same products and sums as the loop below, a class a lane (lanes past
                      // k read the next feature's weights and are ignored).
                      var lanes = Lanes()
                      for e in start..<end {
                        let value = Double(values[e])
                        squaredNorm += value * value
                        lanes += value * load(v, at: Int(columns[e]) * k)
                      }
                      for cl in 0..<k { z[cl] = lanes[cl] }
                    } else {
                      for cl in 0..<k { z[cl] = 0 }
                      for e in start..<end {
                        let base = Int(columns[e]) * k
                        let value = Double(values[e])
                        squaredNorm += value * value
                        for cl in 0..<k { z[cl] += value * v[base + cl] }
                      }
                    }
                    // A row longer than 1 (the context stage's extra columns) takes a shorter
                    // step, so that it moves its own scores no more than a TF-IDF row does.
                    if squaredNorm > 1.01 { eta /= squaredNorm }
                    var top = -Double.infinity
                    for cl in 0..<k {
                      z[cl] = scale * z[cl] + b[cl]
                      top = max(top, z[cl])
                    }
                    var total = 0.0
                    for cl in 0..<k {
                      z[cl] = PortableMath.exp(z[cl] - top)
                      total += z[cl]
                    }
                    // z becomes the step of each class's score: eta·sᵢ·(pᵢ − yᵢ).
                    let label = Int(labels[i])
                    for cl in 0..<k {
                      let residual = z[cl] / total - (cl == label ? 1 : 0)
                      z[cl] = eta * s * residual
                      b[cl] -= z[cl]
                    }
                    scale *= 1 - eta * lambda
                    let inverse = 1 / scale
                    for cl in 0..<k { z[cl] *= inverse }
                    if k <= Lanes.scalarCount {
                      var steps = Lanes()
                      for cl in 0..<k { steps[cl] = z[cl] }
                      for e in start..<end {
                        let base = Int(columns[e]) * k
                        let old = load(v, at: base)
                        // Lanes past k store back the next feature's weights as they were.
                        store((old - steps * Double(values[e])).replacing(with: old, where: others), v, at: base)
                      }
                    } else {
                      for e in start..<end {
                        let base = Int(columns[e]) * k
                        let value = Double(values[e])
                        for cl in 0..<k { v[base + cl] -= z[cl] * value }
                      }
                    }
                    // Fold the scale into the weights before it loses precision.
                    if scale < 1e-6 {
                      for j in 0..<v.count { v[j] *= scale }
                      scale = 1
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    v.removeLast(Lanes.scalarCount)
    for j in 0..<v.count { v[j] *= scale }
    let report = measure(
      x, labels: labels, classCount: k, exampleWeights: exampleWeights, c: c, weights: v, intercepts: b,
      epochs: epochs, tolerance: tolerance, threads: threads)
    return (v.map { Float($0) }, b.map { Float($0) }, report)
  }

  /// A feature's weights, one class a lane (for up to 16 classes).
  typealias Lanes = SIMD16<Double>

  /// The `Lanes` starting at `v[at]` (v holds `Lanes.scalarCount` past it).
  @inline(__always)
  private static func load(_ v: UnsafeMutableBufferPointer<Double>, at index: Int) -> Lanes {
    UnsafeRawPointer(v.baseAddress! + index).loadUnaligned(as: Lanes.self)
  }

  /// Writes `lanes` to `v[at...]` (v holds `Lanes.scalarCount` past it).
  @inline(__always)
  private static func store(_ lanes: Lanes, _ v: UnsafeMutableBufferPointer<Double>, at index: Int) {
    UnsafeMutableRawPointer(v.baseAddress! + index).storeBytes(of: lanes, as: Lanes.self)
  }

  /// One pass at the end: the design objective `0.5·||W||² + C·Σ sᵢ·CE` and the largest
  /// absolute entry of the averaged objective's gradient (weights and intercepts), as L-BFGS
  /// reports them. `converged` says whether that gradient is within `tolerance`; the solver
  /// itself stops after its epochs either way.
  ///
  /// Every sum runs over the rows in order, whatever `threads`: in each block of rows, the rows'
  /// residuals are computed in parallel (each row on its own), the loss and intercept sums are
  /// added in row order, and the gradient is added in row order by threads that each own a range
  /// of features.
  private static func measure(
    _ x: SparseMatrix, labels: [Int32], classCount k: Int, exampleWeights: [Double], c: Double, weights: [Double],
    intercepts: [Double], epochs: Int, tolerance: Double, threads: Int
  ) -> FitReport {
    let weightSum = exampleWeights.reduce(0, +)
    let blockRows = 4096
    var gradient = [Double](repeating: 0, count: weights.count)
    var interceptGradient = [Double](repeating: 0, count: k)
    var loss = 0.0
    // Per row of a block: sᵢ·(pᵢ − yᵢ) per class, and sᵢ·CEᵢ.
    var residuals = [Double](repeating: 0, count: blockRows * k)
    var rowLoss = [Double](repeating: 0, count: blockRows)
    let featureRanges = FixedChunks.ranges(
      count: x.columnCount, chunkSize: max(1, (x.columnCount + threads - 1) / threads))
    for blockStart in stride(from: 0, to: x.rowCount, by: blockRows) {
      let rows = blockStart..<min(blockStart + blockRows, x.rowCount)
      residuals.withUnsafeMutableBufferPointer { residuals in
        rowLoss.withUnsafeMutableBufferPointer { rowLoss in
          FixedChunks.forEach(count: rows.count, chunkSize: (rows.count + threads - 1) / threads, threads: threads) {
            _, part in
            var z = [Double](repeating: 0, count: k)
            for r in part {
              let i = rows.lowerBound + r
              let s = exampleWeights[i]
              if s == 0 { continue }
              let range = x.rowOffsets[i]..<x.rowOffsets[i + 1]
              for cl in 0..<k { z[cl] = intercepts[cl] }
              for e in range {
                let base = Int(x.columnIndices[e]) * k
                let value = Double(x.values[e])
                for cl in 0..<k { z[cl] += value * weights[base + cl] }
              }
              var top = -Double.infinity
              for cl in 0..<k { top = max(top, z[cl]) }
              var total = 0.0
              for cl in 0..<k { total += PortableMath.exp(z[cl] - top) }
              let logSum = top + PortableMath.log(total)
              let label = Int(labels[i])
              rowLoss[r] = s * (logSum - z[label])
              for cl in 0..<k { residuals[r * k + cl] = s * (PortableMath.exp(z[cl] - logSum) - (cl == label ? 1 : 0)) }
            }
          }
        }
      }
      for r in 0..<rows.count where exampleWeights[rows.lowerBound + r] != 0 {
        loss += rowLoss[r]
        for cl in 0..<k { interceptGradient[cl] += residuals[r * k + cl] }
      }
      residuals.withUnsafeBufferPointer { residuals in
        gradient.withUnsafeMutableBufferPointer { gradient in
          FixedChunks.forEach(count: featureRanges.count, chunkSize: 1, threads: threads) { owner, _ in
            let owned = featureRanges[owner]
            for r in 0..<rows.count {
              let i = rows.lowerBound + r
              if exampleWeights[i] == 0 { continue }
              for e in x.rowOffsets[i]..<x.rowOffsets[i + 1] {
                let column = Int(x.columnIndices[e])
                guard owned.contains(column) else { continue }
                let value = Double(x.values[e])
                for cl in 0..<k { gradient[column * k + cl] += residuals[r * k + cl] * value }
              }
            }
          }
        }
      }
    }
    var norm = 0.0
    var largest = 0.0
    for j in 0..<weights.count {
      norm += weights[j] * weights[j]
      largest = max(largest, abs((gradient[j] + weights[j] / c) / weightSum))
    }
    for cl in 0..<k { largest = max(largest, abs(interceptGradient[cl] / weightSum)) }
    return FitReport(
      iterations: epochs, objective: 0.5 * norm + c * loss, gradientNorm: largest,
      converged: largest <= tolerance, evaluations: epochs, solver: .sgd)
  }
}
