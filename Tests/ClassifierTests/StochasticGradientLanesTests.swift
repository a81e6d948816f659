import Features
import Foundation
import XCTest

@testable import LinearModel

/// `StochasticGradientFit` loads and stores a feature's class weights as SIMD lanes and measures on
/// several threads: the bits must be those of the plain loops it replaced (kept here as the
/// definition), for class counts on the lane path (up to 16) and past it, rows with negative values
/// (the lanes past the classes are stored back unchanged) and any thread count.
final class StochasticGradientLanesTests: XCTestCase {
  /// The fit before the lanes (stop 14), one thread, scalar loops.
  private func referenceFit(
    _ x: SparseMatrix, labels: [Int32], classCount k: Int, exampleWeights: [Double], c: Double, epochs: Int,
    intercepts: [Double]
  ) -> (weights: [Float], intercepts: [Float], objective: Double, gradient: Double) {
    let n = x.rowCount
    let features = x.columnCount
    let weightSum = exampleWeights.reduce(0, +)
    // Per-row weights scaled to mean 1, so the step size means the same whatever the weights.
    let perRow = Double(n) / weightSum
    let lambda = 1 / (c * weightSum)
    let stepCount = Double(epochs) * Double(n)
    var v = [Double](repeating: 0, count: features * k)
    var b = intercepts
    var scale = 1.0
    var order = [Int32](0..<Int32(n))
    var generator = SplitMix64(seed: StochasticGradientFit.orderSeed)
    var scores = [Double](repeating: 0, count: k)
    var step = 0.0
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
                    var eta = StochasticGradientFit.learningRate * (1 - step / stepCount)
                    step += 1
                    let s = exampleWeights[i] * perRow
                    if s == 0 { continue }
                    let start = offsets[i]
                    let end = offsets[i + 1]
                    for cl in 0..<k { z[cl] = 0 }
                    var squaredNorm = 0.0
                    for e in start..<end {
                      let base = Int(columns[e]) * k
                      let value = Double(values[e])
                      squaredNorm += value * value
                      for cl in 0..<k { z[cl] += value * v[base + cl] }
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
                    for e in start..<end {
                      let base = Int(columns[e]) * k
                      let value = Double(values[e])
                      for cl in 0..<k { v[base + cl] -= z[cl] * value }
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

    for j in 0..<v.count { v[j] *= scale }
    let weights = v
    let intercepts = b
    var gradient = [Double](repeating: 0, count: weights.count)
    var interceptGradient = [Double](repeating: 0, count: k)
    var loss = 0.0
    var z = [Double](repeating: 0, count: k)
    for i in 0..<x.rowCount {
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
      loss += s * (logSum - z[label])
      for cl in 0..<k {
        z[cl] = s * (PortableMath.exp(z[cl] - logSum) - (cl == label ? 1 : 0))
        interceptGradient[cl] += z[cl]
      }
      for e in range {
        let base = Int(x.columnIndices[e]) * k
        let value = Double(x.values[e])
        for cl in 0..<k { gradient[base + cl] += z[cl] * value }
      }
    }
    var norm = 0.0
    var largest = 0.0
    for j in 0..<weights.count {
      norm += weights[j] * weights[j]
      largest = max(largest, abs((gradient[j] + weights[j] / c) / weightSum))
    }
    for cl in 0..<k { largest = max(largest, abs(interceptGradient[cl] / weightSum)) }

    return (v.map { Float($0) }, b.map { Float($0) }, 0.5 * norm + c * loss, largest)
  }

  /// `rows` rows of `perRow` columns with values of both signs, and labels of `classes` classes.
  private func problem(classes: Int, seed: UInt64) throws -> (SparseMatrix, [Int32], [Double]) {
    var generator = SplitMix64(seed: seed)
    var offsets = [0]
    var columns: [Int32] = []
    var values: [Float] = []
    var labels: [Int32] = []
    var weights: [Double] = []
    for _ in 0..<600 {
      let label = Int32(generator.next() % UInt64(classes))
      let picked = Set((0..<9).map { _ in Int32(generator.next() % 60) }).sorted()
      for column in picked {
        columns.append(column)
        let magnitude = Float(generator.next() % 1000 + 1) / 2000
        values.append(generator.next() % 4 == 0 ? -magnitude : magnitude + (column % Int32(classes) == label ? 0.5 : 0))
      }
      offsets.append(columns.count)
      labels.append(label)
      weights.append(generator.next() % 10 == 0 ? 0 : 1 + Double(generator.next() % 3))
    }
    // Every class present with a positive weight.
    for cl in 0..<classes {
      labels[cl] = Int32(cl)
      weights[cl] = 1
    }
    let x = try SparseMatrix(columnCount: 60, rowOffsets: offsets, columnIndices: columns, values: values)
    return (x, labels, weights)
  }

  func testLanesGiveThePlainLoopsBits() throws {
    for classes in [2, 3, 13, 16, 17] {
      let (x, labels, weights) = try problem(classes: classes, seed: UInt64(classes))
      let start = (0..<classes).map { Double($0) / 10 }
      let reference = referenceFit(
        x, labels: labels, classCount: classes, exampleWeights: weights, c: 0.5, epochs: 3, intercepts: start)
      for threads in [1, 2, 3] {
        let fitted = StochasticGradientFit.fit(
          x, labels: labels, classCount: classes, exampleWeights: weights, c: 0.5, epochs: 3, tolerance: 1e-4,
          intercepts: start, warmStart: nil, threads: threads)
        XCTAssertEqual(fitted.weights.map(\.bitPattern), reference.weights.map(\.bitPattern), "\(classes) classes")
        XCTAssertEqual(fitted.intercepts.map(\.bitPattern), reference.intercepts.map(\.bitPattern))
        XCTAssertEqual(fitted.report.objective.bitPattern, reference.objective.bitPattern, "\(classes) classes")
        XCTAssertEqual(fitted.report.gradientNorm.bitPattern, reference.gradient.bitPattern)
      }
      XCTAssertTrue(reference.weights.contains { $0 < 0 } && reference.weights.contains { $0 > 0 })
    }
  }
}
