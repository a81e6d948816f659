import Features
import Foundation

/// The weighted multinomial logistic loss of scores `Z + t·Z_d` (plus intercepts `b + t·b_d`),
/// its slope in `t`, and optionally the residuals `sᵢ·(pᵢ − yᵢ)`: the one pass over the rows that
/// both solvers' objectives (`RowSpaceObjective`, `WeightSpaceObjective`) make per evaluation.
struct SoftmaxLineLoss {
  let n: Int
  let k: Int
  let labels: [Int32]
  let exampleWeights: [Double]
  let threads: Int

  /// - Parameters:
  ///   - image: `Z` (`n × k`, row-major) without intercepts; `intercepts`: `b` (`k`).
  ///   - directionImage, directionIntercepts: `Z_d` and `b_d`, or nil for the point itself.
  ///   - step: `t`.
  ///   - residuals: when given (`n × k`), receives `sᵢ·(pᵢ − yᵢ)`, and the column sums are returned.
  /// - Returns: the summed weighted loss, the slope `Σ sᵢ·(pᵢ − yᵢ)·z_dᵢ`, and the residuals' column
  ///   sums (zeros without `residuals`), each summed over fixed row chunks in order.
  func evaluate(
    image: UnsafePointer<Double>, intercepts: UnsafePointer<Double>, directionImage: UnsafePointer<Double>?,
    directionIntercepts: UnsafePointer<Double>?, step: Double, residuals: UnsafeMutablePointer<Double>?
  ) -> (loss: Double, slope: Double, columnSums: [Double]) {
    let k = self.k
    let chunks = labels.withUnsafeBufferPointer { y in
      exampleWeights.withUnsafeBufferPointer { s in
        FixedChunks.map(count: n, chunkSize: SparseMatrix.productChunkRows, threads: threads) { rows in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * k) { scratch in
            let z = scratch.baseAddress!
            let zd = z + k
            let sums = z + 2 * k
            for c in 0..<k { sums[c] = 0 }
            var loss = 0.0
            var slope = 0.0
            for i in rows {
              let img = image + i * k
              let b = intercepts
              if let dimg0 = directionImage, let db = directionIntercepts {
                let dimg = dimg0 + i * k
                for c in 0..<k {
                  zd[c] = dimg[c] + db[c]
                  z[c] = img[c] + b[c] + step * zd[c]
                }
              } else {
                for c in 0..<k {
                  zd[c] = 0
                  z[c] = img[c] + b[c]
                }
              }
              var top = z[0]
              for c in 1..<k where z[c] > top { top = z[c] }
              var total = 0.0
              for c in 0..<k { total += PortableMath.exp(z[c] - top) }
              let logSum = top + PortableMath.log(total)
              let label = Int(y[i])
              let weight = s[i]
              loss += weight * (logSum - z[label])
              let r = residuals.map { $0 + i * k }
              for c in 0..<k {
                let p = PortableMath.exp(z[c] - logSum)
                let rc = weight * (c == label ? p - 1 : p)
                slope += rc * zd[c]
                if let r {
                  r[c] = rc
                  sums[c] += rc
                }
              }
            }
            return (loss, slope, Array(UnsafeBufferPointer(start: sums, count: k)))
          }
        }
      }
    }
    var loss = 0.0
    var slope = 0.0
    var sums = [Double](repeating: 0, count: k)
    for chunk in chunks {
      loss += chunk.0
      slope += chunk.1
      for c in 0..<k { sums[c] += chunk.2[c] }
    }
    return (loss, slope, sums)
  }

  /// The averaged objective `F` and its slope at `step` along a line, from the summed loss and
  /// slope of `evaluate` and the line's weight inner products `⟨θ,θ⟩`, `⟨θ,d⟩`, `⟨d,d⟩`.
  static func lineObjective(
    loss: Double, slope: Double, step: Double,
    line: (thetaTheta: Double, thetaDirection: Double, directionDirection: Double), weightSum: Double, c: Double
  ) -> (value: Double, slope: Double) {
    let scale = 1 / weightSum
    let penalty = line.thetaTheta + 2 * step * line.thetaDirection + step * step * line.directionDirection
    let value = scale * loss + 0.5 * scale / c * penalty
    let derivative = scale * slope + scale / c * (line.thetaDirection + step * line.directionDirection)
    return (value, derivative)
  }
}
