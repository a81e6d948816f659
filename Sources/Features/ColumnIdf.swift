/// A vectorizer's idf values stored inside a larger per-column table, `stride` floats apart:
/// a scorer that keeps each column's idf beside its weights hands this to `TfidfRowBuilder`,
/// so that weighting a row and then scoring it touch one cache line per column instead of two
/// (issue 20: the idf load was a third of the weighting's time).
///
/// The values must equal the vectorizer's `idf` bit for bit; the row builder reads them
/// instead. `owner` keeps the table's memory alive while a builder uses it.
public struct ColumnIdf: @unchecked Sendable {
  let owner: AnyObject
  let base: UnsafePointer<Float>
  let stride: Int
  let count: Int

  /// Column `c`'s idf is `base[c * stride]` for `c < count`; `owner` owns that memory and is
  /// kept alive with this value. `stride` >= 1.
  public init(owner: AnyObject, base: UnsafePointer<Float>, stride: Int, count: Int) {
    precondition(stride >= 1 && count >= 0, "stride must be positive and count not negative")
    self.owner = owner
    self.base = base
    self.stride = stride
    self.count = count
  }

  /// The idf of column `column` (0 ..< `count`).
  public subscript(column: Int) -> Float {
    precondition(column >= 0 && column < count, "column out of range")
    return withExtendedLifetime(owner) { base[column * stride] }
  }
}
