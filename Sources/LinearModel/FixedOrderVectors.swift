/// Level-1 vector algebra whose results do not depend on the CPU or on the BLAS build.
///
/// BLAS kernels choose their own order of summation (`ddot` sums in lanes whose width depends on
/// the core type) and may fuse multiply and add (`daxpy` with FMA on some kernels, not on the
/// reference BLAS). Either reaches the solver's line searches and stopping tests, so the same data
/// gave different models on different machines. These loops fix both: eight lanes summed in index
/// order and combined pairwise in a fixed tree, and no fused multiply-add (Swift does not contract
/// `a * b + c`). The operations whose result is exact whatever the kernel (copy, scale) stay on
/// BLAS (see `LBFGS`).
enum FixedOrderVectors {
  /// `Σ a[i]·b[i]` over `count` (>= 0) elements, always summed in the same order.
  static func dot(_ count: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    var lanes = SIMD8<Double>(repeating: 0)
    let whole = count & ~7
    var i = 0
    while i < whole {
      let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
      let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Double>.self)
      lanes = lanes + x * y
      i += 8
    }
    var tail = 0.0
    while i < count {
      tail = tail + a[i] * b[i]
      i += 1
    }
    let four = lanes.lowHalf + lanes.highHalf
    let two = four.lowHalf + four.highHalf
    return (two[0] + two[1]) + tail
  }

  /// `y[i] += alpha·x[i]` for `count` (>= 0) elements, each a product rounded before the sum.
  static func addScaled(
    _ count: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    let scale = SIMD8<Double>(repeating: alpha)
    let whole = count & ~7
    var i = 0
    while i < whole {
      let xs = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Double>.self)
      let ys = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Double>.self)
      UnsafeMutableRawPointer(y + i).storeBytes(of: ys + xs * scale, as: SIMD8<Double>.self)
      i += 8
    }
    while i < count {
      y[i] = y[i] + alpha * x[i]
      i += 1
    }
  }
}
