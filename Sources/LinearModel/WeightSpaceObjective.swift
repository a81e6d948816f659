import Features

/// The averaged multinomial logistic loss, optimized over the weights themselves.
///
/// `RowSpaceObjective` keeps each vector as `rows × K` coefficients plus their image, which is
/// the smaller form while features outnumber rows; once rows outnumber features (large training
/// sets of short texts) the weights (`features × K`) are the smaller form and L-BFGS's history
/// costs less memory and time kept as weights. Each evaluation costs one `X·W` and one `Xᵀ·R`;
/// preparing a line costs one `X·D`, after which trial steps are one softmax pass.
///
/// Layout of a vector (`length` Doubles): `W` (features·K, feature-major) | intercepts (K).
/// Value: `F = (1/S)·Σ sᵢ·CE(yᵢ, softmax(X·W + b)ᵢ) + ||W||²/(2·C·S)`, as `RowSpaceObjective`.
final class WeightSpaceObjective: SmoothObjective {
  let n: Int
  let k: Int
  let features: Int
  let blocks: RowBlockedColumns
  let c: Double
  let weightSum: Double
  let threads: Int
  let length: Int
  var weightCount: Int { features * k }

  private let lineLoss: SoftmaxLineLoss
  /// `X·W` at the last `evaluate` (`n × K`), the start of the next line.
  private let image: UnsafeMutablePointer<Double>
  /// `X·D` of the prepared line's direction (`n × K`).
  private let directionImage: UnsafeMutablePointer<Double>
  /// `sᵢ·(pᵢ − yᵢ)` at the last `evaluate` (`n × K`).
  private let residuals: UnsafeMutablePointer<Double>
  /// A weight-shaped vector rounded to Float, the input `RowBlockedColumns.multiply` streams.
  private let rounded: UnsafeMutablePointer<Float>
  private var line = (thetaTheta: 0.0, thetaDirection: 0.0, directionDirection: 0.0)

  /// - Parameter exampleWeights: `sᵢ` >= 0 per row (sample weight × class weight), not all zero.
  init(x: SparseMatrix, labels: [Int32], classCount: Int, exampleWeights: [Double], c: Double, threads: Int) {
    n = x.rowCount
    k = classCount
    features = x.columnCount
    blocks = RowBlockedColumns(x, classCount: classCount)
    self.c = c
    weightSum = exampleWeights.reduce(0, +)
    self.threads = threads
    length = x.columnCount * classCount + classCount
    lineLoss = SoftmaxLineLoss(n: n, k: k, labels: labels, exampleWeights: exampleWeights, threads: threads)
    let rowsK = max(1, n * k)
    image = .allocate(capacity: rowsK)
    image.initialize(repeating: 0, count: rowsK)
    directionImage = .allocate(capacity: rowsK)
    directionImage.initialize(repeating: 0, count: rowsK)
    residuals = .allocate(capacity: rowsK)
    residuals.initialize(repeating: 0, count: rowsK)
    rounded = .allocate(capacity: max(1, features * k))
  }

  deinit {
    image.deallocate()
    directionImage.deallocate()
    residuals.deallocate()
    rounded.deallocate()
  }

  /// Writes the starting point: `W = W₀` (or 0) and the given intercepts.
  func initialPoint(_ theta: UnsafeMutablePointer<Double>, weights: [Float]?, intercepts: [Double]) {
    theta.initialize(repeating: 0, count: length)
    if let w = weights {
      for i in 0..<weightCount { theta[i] = Double(w[i]) }
    }
    for c in 0..<k { theta[weightCount + c] = intercepts[c] }
  }

  /// `out = X·w` for the weight part of a vector (rounded to Float, as the row-span solver's
  /// products are).
  private func multiply(_ w: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
    for i in 0..<weightCount { rounded[i] = Float(w[i]) }
    blocks.multiply(rounded, k: k, into: out, threads: threads)
  }

  private func weightDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    FixedOrderVectors.dot(weightCount, a, b)
  }

  func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    FixedOrderVectors.dot(length, a, b)
  }

  func prepareLine(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>) {
    multiply(direction, into: directionImage)
    line = (weightDot(theta, theta), weightDot(theta, direction), weightDot(direction, direction))
  }

  func lineValue(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>, step: Double) -> (
    value: Double, slope: Double
  ) {
    let (loss, slope, _) = lineLoss.evaluate(
      image: image, intercepts: theta + weightCount, directionImage: directionImage,
      directionIntercepts: direction + weightCount, step: step, residuals: nil)
    return SoftmaxLineLoss.lineObjective(
      loss: loss, slope: slope, step: step, line: line, weightSum: weightSum, c: c)
  }

  func evaluate(_ theta: UnsafePointer<Double>, gradient g: UnsafeMutablePointer<Double>) -> (
    value: Double, gradientMaxAbs: Double
  ) {
    multiply(theta, into: image)
    let (loss, _, sums) = lineLoss.evaluate(
      image: image, intercepts: theta + weightCount, directionImage: nil, directionIntercepts: nil, step: 0,
      residuals: residuals)
    let scale = 1 / weightSum
    let value = scale * loss + 0.5 * scale / c * weightDot(theta, theta)
    let k = self.k
    let c = self.c
    // g_W = (W/C + Xᵀ·R)/S, written chunk by chunk of features; each chunk reports its largest entry.
    let largestPerChunk = blocks.multiplyTransposed(residuals, k: k, threads: threads) { range, rows -> Double in
      var largest = 0.0
      let base = range.lowerBound * k
      for i in 0..<(range.count * k) {
        let entry = scale * (theta[base + i] / c + rows[i])
        g[base + i] = entry
        largest = max(largest, abs(entry))
      }
      return largest
    }
    var largest = largestPerChunk.max() ?? 0
    for j in 0..<k {
      g[weightCount + j] = scale * sums[j]
      largest = max(largest, abs(g[weightCount + j]))
    }
    return (value, largest)
  }

  /// The weights (`features × K`, row-major, rounded to Float) and intercepts of `theta`.
  func model(_ theta: UnsafePointer<Double>) -> (weights: [Float], intercepts: [Float]) {
    let weights = (0..<weightCount).map { Float(theta[$0]) }
    let intercepts = (0..<k).map { Float(theta[weightCount + $0]) }
    return (weights, intercepts)
  }

  /// The training objective `C·S·F` (`FitReport.objective`) for an averaged value `F`.
  func designObjective(_ value: Double) -> Double { value * c * weightSum }
}
