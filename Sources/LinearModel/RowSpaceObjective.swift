import Features
import Foundation

/// The averaged multinomial logistic loss, optimized in the span of the training rows.
///
/// The loss depends on `W` only through `X·W`, and its gradient `(W/C + Xᵀ·R)/S` stays in the
/// span of the rows of `X` (plus a warm start `W₀`): every iterate is `W = Xᵀ·A + ω·W₀` with
/// `A` of `rows × K`. Vectors are stored as that coefficient matrix together with their image
/// `X·W` (`rows × K`), so inner products cost `rows × K` instead of `features × K`, and the
/// line search never touches `X`. Each gradient costs one `Xᵀ·Γ` and one `X·T` (`RowBlockedColumns`).
///
/// Layout of a vector (`length` Doubles): `A` (n·K) | image `X·W` (n·K) | intercepts (K) | ω | `⟨W₀, W⟩`.
/// Value: `F = (1/S)·Σ sᵢ·CE(yᵢ, softmax(X·W + b)ᵢ) + ||W||²/(2·C·S)`, `S = Σ sᵢ` (scikit-learn's
/// scaling); `C·S·F` is the training objective (`FitReport.objective`).
final class RowSpaceObjective: SmoothObjective {
  let n: Int
  let k: Int
  let x: SparseMatrix
  let blocks: RowBlockedColumns
  let labels: [Int32]
  let exampleWeights: [Double]
  let c: Double
  let weightSum: Double
  let threads: Int
  let warmWeights: [Double]?
  let warmImage: [Double]?
  let warmNorm2: Double
  let length: Int
  var nk: Int { n * k }
  var imageOffset: Int { n * k }
  var interceptOffset: Int { 2 * n * k }
  var omegaOffset: Int { 2 * n * k + k }
  var warmDotOffset: Int { 2 * n * k + k + 1 }

  /// `s_i·(p_i − y_i)` at the last `evaluate`, `n × K`.
  private let residuals: UnsafeMutablePointer<Double>
  private let lineLoss: SoftmaxLineLoss
  /// Per-block partial outputs of the fused `X·Xᵀ` product, `gramBlocks × n × K`.
  /// The dense weight gradient `T = Xᵀ·Γ` (`features × K`), rounded to Float: the one
  /// features-sized buffer of the fit (the image `X·T` streams it in feature order).
  private let dense: UnsafeMutablePointer<Float>
  private var line = (thetaTheta: 0.0, thetaDirection: 0.0, directionDirection: 0.0)

  /// - Parameters:
  ///   - exampleWeights: `sᵢ` >= 0 per row (sample weight × class weight), not all zero.
  ///   - warmStart: `W₀` (`features × K`) when starting from a model, else nil.
  init(
    x: SparseMatrix, labels: [Int32], classCount: Int, exampleWeights: [Double], c: Double, threads: Int,
    warmStart: [Float]?
  ) {
    n = x.rowCount
    k = classCount
    self.x = x
    blocks = RowBlockedColumns(x, classCount: classCount)
    self.labels = labels
    self.exampleWeights = exampleWeights
    self.c = c
    weightSum = exampleWeights.reduce(0, +)
    self.threads = threads
    length = 2 * x.rowCount * classCount + classCount + 2
    lineLoss = SoftmaxLineLoss(
      n: x.rowCount, k: classCount, labels: labels, exampleWeights: exampleWeights, threads: threads)
    residuals = .allocate(capacity: max(1, x.rowCount * classCount))
    residuals.initialize(repeating: 0, count: max(1, x.rowCount * classCount))
    dense = .allocate(capacity: max(1, x.columnCount * classCount))
    if let w0 = warmStart {
      let w = w0.map(Double.init)
      var image = [Double](repeating: 0, count: x.rowCount * classCount)
      w.withUnsafeBufferPointer { wp in
        image.withUnsafeMutableBufferPointer {
          x.multiply(denseRowMajor: wp.baseAddress!, k: classCount, into: $0.baseAddress!, threads: threads)
        }
      }
      warmWeights = w
      warmImage = image
      warmNorm2 = w.reduce(0) { $0 + $1 * $1 }
    } else {
      warmWeights = nil
      warmImage = nil
      warmNorm2 = 0
    }
  }

  deinit {
    residuals.deallocate()
    dense.deallocate()
  }

  /// Writes the starting point: `W = W₀` (or 0) and the given intercepts.
  func initialPoint(_ theta: UnsafeMutablePointer<Double>, intercepts: [Double]) {
    theta.initialize(repeating: 0, count: length)
    if let image = warmImage {
      for i in 0..<nk { theta[imageOffset + i] = image[i] }
      theta[omegaOffset] = 1
      theta[warmDotOffset] = warmNorm2
    }
    for c in 0..<k { theta[interceptOffset + c] = intercepts[c] }
  }

  /// `⟨W_a, W_b⟩` over the weights only (no intercepts).
  func weightDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    FixedOrderVectors.dot(nk, a, b + imageOffset) + a[omegaOffset] * b[warmDotOffset]
  }

  func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    weightDot(a, b) + FixedOrderVectors.dot(k, a + interceptOffset, b + interceptOffset)
  }

  /// Loss sum, slope sum and (when `write`) residuals and their column sums along a line.
  private func lossAlongLine(
    _ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>?, step: Double, write: Bool
  ) -> (loss: Double, slope: Double, columnSums: [Double]) {
    lineLoss.evaluate(
      image: theta + imageOffset, intercepts: theta + interceptOffset,
      directionImage: direction.map { $0 + imageOffset }, directionIntercepts: direction.map { $0 + interceptOffset },
      step: step, residuals: write ? residuals : nil)
  }

  func prepareLine(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>) {
    line = (weightDot(theta, theta), weightDot(theta, direction), weightDot(direction, direction))
  }

  func lineValue(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>, step: Double) -> (
    value: Double, slope: Double
  ) {
    let (loss, slope, _) = lossAlongLine(theta, direction, step: step, write: false)
    return SoftmaxLineLoss.lineObjective(
      loss: loss, slope: slope, step: step, line: line, weightSum: weightSum, c: c)
  }

  func evaluate(_ theta: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> (
    value: Double, gradientMaxAbs: Double
  ) {
    let (loss, _, sums) = lossAlongLine(theta, nil, step: 0, write: true)
    let scale = 1 / weightSum
    let value = scale * loss + 0.5 * scale / c * weightDot(theta, theta)
    // Γ = (A/C + R)/S, so that the weight gradient is Xᵀ·Γ + ω_g·W₀ with ω_g = ω/(C·S).
    for i in 0..<nk { g[i] = scale * (theta[i] / c + residuals[i]) }
    let omega = scale / c * theta[omegaOffset]
    let k = self.k
    let dense = self.dense
    // T = Xᵀ·Γ, rounded to Float; the largest |T + ω_g·W₀| and ⟨W₀, T⟩ come from the Double sums.
    let sides = withWarmWeights { w0 in
      blocks.multiplyTransposed(g, k: k, threads: threads) { features, rows -> (Double, Double) in
        var largest = 0.0
        var warmDot = 0.0
        let base = features.lowerBound * k
        let count = features.count * k
        if let w = w0 {
          for i in 0..<count {
            let value = rows[i]
            dense[base + i] = Float(value)
            warmDot += w[base + i] * value
            largest = max(largest, abs(value + omega * w[base + i]))
          }
        } else {
          // The common case, without the warm-start branch and with four running maxima, so that
          // the loop is not one long dependency chain (max is exact in any order).
          var lanes = (0.0, 0.0, 0.0, 0.0)
          var i = 0
          while i + 4 <= count {
            let a = rows[i]
            let b = rows[i + 1]
            let c = rows[i + 2]
            let d = rows[i + 3]
            dense[base + i] = Float(a)
            dense[base + i + 1] = Float(b)
            dense[base + i + 2] = Float(c)
            dense[base + i + 3] = Float(d)
            lanes = (max(lanes.0, abs(a)), max(lanes.1, abs(b)), max(lanes.2, abs(c)), max(lanes.3, abs(d)))
            i += 4
          }
          while i < count {
            dense[base + i] = Float(rows[i])
            largest = max(largest, abs(rows[i]))
            i += 1
          }
          largest = max(largest, lanes.0, lanes.1, lanes.2, lanes.3)
        }
        return (largest, warmDot)
      }
    }
    blocks.multiply(dense, k: k, into: g + imageOffset, threads: threads)
    var largest = 0.0
    var warmDot = 0.0
    for side in sides {
      largest = max(largest, side.0)
      warmDot += side.1
    }
    if let image = warmImage {
      for i in 0..<nk { g[imageOffset + i] += omega * image[i] }
    }
    for c in 0..<k {
      g[interceptOffset + c] = scale * sums[c]
      largest = max(largest, abs(g[interceptOffset + c]))
    }
    g[omegaOffset] = omega
    g[warmDotOffset] = warmDot + omega * warmNorm2
    return (value, largest)
  }

  /// Calls `body` with the warm-start weights' storage, or nil without a warm start.
  private func withWarmWeights<R>(_ body: (UnsafePointer<Double>?) -> R) -> R {
    guard let w = warmWeights else { return body(nil) }
    return w.withUnsafeBufferPointer { body($0.baseAddress) }
  }

  /// The training objective `C·S·F` (`FitReport.objective`) for an averaged value `F`.
  func designObjective(_ value: Double) -> Double { value * c * weightSum }

  /// The dense weights `W = Xᵀ·A + ω·W₀` (`features × K`, row-major) and intercepts of `theta`.
  func model(_ theta: UnsafePointer<Double>) -> (weights: [Float], intercepts: [Float]) {
    let k = self.k
    let omega = theta[omegaOffset]
    var weights = [Float](repeating: 0, count: x.columnCount * k)
    weights.withUnsafeMutableBufferPointer { out in
      withWarmWeights { w0 in
        _ = blocks.multiplyTransposed(theta, k: k, threads: threads) { features, rows in
          let base = features.lowerBound * k
          for i in 0..<(features.count * k) { out[base + i] = Float(rows[i] + (w0.map { omega * $0[base + i] } ?? 0)) }
        }
      }
    }
    let intercepts = (0..<k).map { Float(theta[interceptOffset + $0]) }
    return (weights, intercepts)
  }
}
