/// A smooth function of a flat Double parameter vector, as the L-BFGS solver sees it.
///
/// Vectors are `length` Doubles. Every vector operation the solver uses is linear (`axpy`,
/// `scal`) except the inner product, which the objective supplies: that lets a problem store
/// its parameters in a representation where the Euclidean inner product is not a plain dot
/// product (see `RowSpaceObjective`).
protocol SmoothObjective: AnyObject {
  /// Number of Doubles in a parameter vector.
  var length: Int { get }
  /// The inner product of two parameter vectors.
  func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double
  /// The value and gradient at `theta`: writes the gradient to `gradient` and returns the value
  /// and the largest absolute gradient entry (in the original, not the stored, coordinates).
  func evaluate(_ theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> (
    value: Double, gradientMaxAbs: Double
  )
  /// Prepares the line `theta + step·direction`; `lineValue` may then be called for many steps.
  func prepareLine(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>)
  /// The value and slope along the prepared line at `step`.
  func lineValue(_ theta: UnsafePointer<Double>, _ direction: UnsafePointer<Double>, step: Double) -> (
    value: Double, slope: Double
  )
}
