/// The class of row `r` of `values` (`rows × k`, row-major) with the largest value, the lowest
/// index among equals (a NaN never takes the place of an earlier value); 0 when `k` is 0.
@inline(__always)
package func argmax(_ values: [Float], row r: Int, classCount k: Int) -> Int {
  var best = 0
  for c in 1..<max(k, 1) where values[r * k + c] > values[r * k + best] { best = c }
  return best
}
