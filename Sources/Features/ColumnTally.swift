import Foundation

/// Counts the column occurrences of one document at a time and hands them back in increasing
/// column order, without sorting.
///
/// A count per column plus two bitmaps: one bit per column (set when the column is first seen)
/// and one bit per 64 columns (set when any of them is). Draining walks the set bits in order,
/// so a document costs a few operations per occurrence and per distinct column, where sorting
/// its occurrence list (hundreds of keys per sentence with character n-grams) took a tenth of
/// `transform`'s time. The memory is allocated once per worker (its `TfidfRowBuilder`) and
/// reused for every document; after `drain` everything is zero again.
///
/// Counts are kept in one byte a column (250 KB for the shipped model's 253k columns, which
/// stays in the per-core L2 cache next to the word cache; four bytes a column did not, and
/// the random increments missed). A count that wraps past 255 adds 1 to the column's entry in
/// `high`, a second array that only such (rare) documents touch, and sets `overflowed` so
/// that `drain` reads `high` only then.
final class ColumnTally {
  /// Columns are `0 ..< columnCount`.
  let columnCount: Int
  /// The raw view the counting loops use (no reference counting per occurrence); it owns the
  /// tally's count and bitmap memory, which `deinit` frees.
  let counter: ColumnCounter
  /// Room for one drained document: at most one entry per column.
  let packed: UnsafeMutablePointer<UInt64>
  /// Room for one weighted row (see `TfidfRows.withRow(draining:_:_:)`): its
  /// tf-idf weights, columns and values, at most one entry per column. Allocated but not
  /// touched beyond what rows use, so the untouched pages cost no memory.
  let rowWeights: UnsafeMutablePointer<Double>
  let rowColumns: UnsafeMutablePointer<Int32>
  let rowValues: UnsafeMutablePointer<Float>

  /// Vocabularies up to this many columns use a tally; larger ones sort (memory per thread).
  static var maxColumns: Int { 1 << 22 }

  /// An empty tally for columns `0 ..< columnCount`.
  init(columnCount: Int) {
    self.columnCount = columnCount
    let bitWords = (columnCount + 63) >> 6
    let summaryWords = (bitWords + 63) >> 6
    let counts = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, columnCount))
    counts.initialize(repeating: 0, count: max(1, columnCount))
    let high = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, columnCount))
    high.initialize(repeating: 0, count: max(1, columnCount))
    let overflowed = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
    overflowed.initialize(to: false)
    let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, bitWords))
    bits.initialize(repeating: 0, count: max(1, bitWords))
    let summary = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, summaryWords))
    summary.initialize(repeating: 0, count: max(1, summaryWords))
    counter = ColumnCounter(
      counts: counts, high: high, overflowed: overflowed, bits: bits, summary: summary, summaryWords: summaryWords)
    packed = .allocate(capacity: max(1, columnCount))
    rowWeights = .allocate(capacity: max(1, columnCount))
    rowColumns = .allocate(capacity: max(1, columnCount))
    rowValues = .allocate(capacity: max(1, columnCount))
  }

  deinit {
    counter.counts.deallocate()
    counter.high.deallocate()
    counter.overflowed.deallocate()
    counter.bits.deallocate()
    counter.summary.deallocate()
    packed.deallocate()
    rowWeights.deallocate()
    rowColumns.deallocate()
    rowValues.deallocate()
  }
}

/// Raw pointers into a `ColumnTally`, valid while the tally lives.
struct ColumnCounter {
  fileprivate let counts: UnsafeMutablePointer<UInt8>
  fileprivate let high: UnsafeMutablePointer<UInt32>
  fileprivate let overflowed: UnsafeMutablePointer<Bool>
  fileprivate let bits: UnsafeMutablePointer<UInt64>
  fileprivate let summary: UnsafeMutablePointer<UInt64>
  fileprivate let summaryWords: Int

  /// Counts one occurrence of `column` (0 ..< the tally's `columnCount`).
  @inline(__always)
  func bump(_ column: Int32) {
    let i = Int(truncatingIfNeeded: column)
    let c = counts[i] &+ 1
    counts[i] = c
    if c == 0 {
      high[i] &+= 1
      overflowed.pointee = true
    }
    bits[i &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: i & 63)
    summary[i &>> 12] |= 1 &<< UInt64(truncatingIfNeeded: (i &>> 6) & 63)
  }

  /// Writes every column counted since the last drain, in increasing column order, to `out`
  /// as `column << 32 | count` (room for one entry per column needed), resets the tally and
  /// returns the number written.
  @inline(__always)
  func drain(into out: UnsafeMutablePointer<UInt64>) -> Int {
    var n = 0
    drain { column, count in
      out[n] = UInt64(truncatingIfNeeded: column) &<< 32 | UInt64(truncatingIfNeeded: count)
      n &+= 1
    }
    return n
  }

  /// Calls `each(column, count)` for every column counted since the last drain, in
  /// increasing column order, and resets the tally. For callers that transform every entry
  /// anyway (weighting a row): no list of entries is written and read back.
  @inline(__always)
  func drain(_ each: (_ column: Int, _ count: Int) -> Void) {
    guard overflowed.pointee else {
      forEachCounted { column in
        each(column, Int(truncatingIfNeeded: counts[column]))
        counts[column] = 0
      }
      return
    }
    // Some count passed 255 in this document: add each column's wraps back.
    overflowed.pointee = false
    forEachCounted { column in
      each(column, Int(truncatingIfNeeded: high[column]) &<< 8 | Int(truncatingIfNeeded: counts[column]))
      counts[column] = 0
      high[column] = 0
    }
  }

  /// Calls `body(column)` for every column marked since the last drain, in increasing order,
  /// clearing the marks (the summary word, then each 64-column word) as it goes.
  @inline(__always)
  private func forEachCounted(_ body: (_ column: Int) -> Void) {
    for s in 0..<summaryWords {
      var words = summary[s]
      if words == 0 { continue }
      summary[s] = 0
      while words != 0 {
        let word = s &<< 6 | words.trailingZeroBitCount
        words &= words &- 1
        var columns = bits[word]
        bits[word] = 0
        while columns != 0 {
          body(word &<< 6 | columns.trailingZeroBitCount)
          columns &= columns &- 1
        }
      }
    }
  }
}
