/// The one tf-idf weighting of the package (scikit-learn's `TfidfTransformer` with
/// `norm="l2"`): a term counted `count` times in a row weighs `tf × idf` in `Double`, where tf is
/// the count, or `1 + ln(count)` with sublinear tf; the row is then divided by its L2 norm
/// (summed in column order) and each value stored as `Float`. Every path that builds rows
/// (`transform`, `fitTransform`, `TfidfRowBuilder`) weighs through this type, so their rows
/// are the same bits.
struct TermWeighting {
  /// Column `c`'s idf is `idf[c]`.
  let idf: UnsafePointer<Float>
  let sublinearTF: Bool
  /// `sublinearTable`, held by the value: the hot loops then read no lazy global.
  private let table: UnsafePointer<Double>

  /// `1 + ln(c)` for counts below 1024, computed once (the same `log` as for larger counts);
  /// allocated once and never freed, so the hot loops can hold a plain pointer to it.
  private static let sublinearTable: UnsafePointer<Double> = {
    let table = UnsafeMutablePointer<Double>.allocate(capacity: sublinearTableCount)
    for c in 0..<sublinearTableCount { table[c] = c == 0 ? 0 : 1 + PortableMath.log(Double(c)) }
    return UnsafePointer(table)
  }()
  private static var sublinearTableCount: Int { 1024 }

  /// Weighting with the idf values at `idf` (one per column); the memory must stay valid
  /// while the weighting is used.
  init(idf: UnsafePointer<Float>, sublinearTF: Bool) {
    self.idf = idf
    self.sublinearTF = sublinearTF
    table = Self.sublinearTable
  }

  /// The term frequency factor of a term counted `count` (>= 1) times.
  @inline(__always)
  func tf(_ count: Int) -> Double {
    guard sublinearTF else { return Double(count) }
    return count < Self.sublinearTableCount ? table[count] : 1 + PortableMath.log(Double(count))
  }

  /// The weight of column `column` counted `count` times, before normalization.
  @inline(__always)
  func weight(column: Int, count: Int) -> Double {
    tf(count) * Double(idf[column])
  }

  /// Writes `weights[k] / norm` as `Float` to `values[k]` for `k < count`, where `norm` is the
  /// square root of `sumOfSquares` (the weights' squares summed in column order); a row whose
  /// norm is 0 gets zeros.
  @inline(__always)
  static func normalize(
    _ weights: UnsafePointer<Double>, count: Int, sumOfSquares: Double, into values: UnsafeMutablePointer<Float>
  ) {
    let norm = sumOfSquares.squareRoot()
    for k in 0..<count { values[k] = normalized(weights[k], norm: norm) }
  }

  /// One weight of a row whose L2 norm is `norm`, as stored.
  @inline(__always)
  static func normalized(_ weight: Double, norm: Double) -> Float { Float(norm > 0 ? weight / norm : 0) }
}
