import CBLAS
import Features

extension SparseColumns {
  /// Feature blocks of the fused product; a constant, so results never depend on threads.
  static let gramBlocks = 8

  /// The first feature of each of `gramBlocks` blocks of about equal non-zero counts, plus
  /// `columnCount` at the end.
  var gramBlockStarts: [Int] {
    let total = rowIndices.count
    var starts = [0]
    var j = 0
    for b in 1..<Self.gramBlocks {
      let target = total * b / Self.gramBlocks
      while j < columnCount && columnOffsets[j] < target { j += 1 }
      starts.append(max(j, starts.last!))
    }
    starts.append(columnCount)
    return starts
  }

  /// What the fused product saw of `T = Xᵀ·g` on the way.
  struct GramSideResults {
    /// `max |T_jc + ω·W₀_jc|` over all features and classes.
    var largest: Double
    /// `Σ W₀_jc · T_jc` (0 without `W₀`).
    var warmDot: Double
  }

  /// Computes `out = X·(Xᵀ·g)` (`rowCount × k`, row-major) without storing `Xᵀ·g`: each
  /// feature's `k` values are formed from its column and at once scattered back along it, so
  /// both `g` and the output stay in cache; the features×classes matrix never exists.
  ///
  /// Features are split in `gramBlocks` fixed blocks, each scattering into its own partial
  /// output (`scratch`, `gramBlocks × rowCount × k` Doubles); the partials are added in block
  /// order, so the result is the same for any thread count. `g` and the partials are Float (half
  /// the cache footprint of Double; the product is bound by cache misses), each feature's
  /// values are accumulated in Double, and the partials are summed in Double.
  ///
  /// - Parameters:
  ///   - g: `rowCount * k` values.
  ///   - warm: `W₀` (`columnCount × k`) and its factor `ω` for the side results, or nil.
  func gramProduct(
    _ g: UnsafePointer<Float>, k: Int, into out: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Float>,
    warm: (weights: UnsafePointer<Double>, omega: Double)?, threads: Int
  ) -> GramSideResults {
    let starts = gramBlockStarts
    let rowBytes = k * MemoryLayout<Float>.size
    let lookahead = 8
    let size = rowCount * k
    let sides = columnOffsets.withUnsafeBufferPointer { co in
      rowIndices.withUnsafeBufferPointer { ri in
        values.withUnsafeBufferPointer { xv in
          FixedChunks.map(count: Self.gramBlocks, chunkSize: 1, threads: threads) { blocks -> GramSideResults in
            let block = blocks.lowerBound
            let partial = scratch + block * size
            partial.initialize(repeating: 0, count: size)
            var largest = 0.0
            var warmDot = 0.0
            withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { t in
              let row = t.baseAddress!
              let narrowStorage = UnsafeMutablePointer<Float>.allocate(capacity: k)
              defer { narrowStorage.deallocate() }
              let narrow = narrowStorage
              for j in starts[block]..<starts[block + 1] {
                let first = co[j]
                let end = co[j + 1]
                for c in 0..<k { row[c] = 0 }
                for e in first..<end {
                  if e + lookahead < end { prefetchRow(g + Int(ri[e + lookahead]) * k, bytes: rowBytes) }
                  let v = Double(xv[e])
                  let src = g + Int(ri[e]) * k
                  for c in 0..<k { row[c] += v * Double(src[c]) }
                }
                for c in 0..<k { narrow[c] = Float(row[c]) }
                for e in first..<end {
                  if e + lookahead < end { prefetchRow(partial + Int(ri[e + lookahead]) * k, bytes: rowBytes) }
                  let v = xv[e]
                  let dst = partial + Int(ri[e]) * k
                  for c in 0..<k { dst[c] += v * narrow[c] }
                }
                if let (w0, omega) = warm {
                  let w = w0 + j * k
                  for c in 0..<k {
                    warmDot += w[c] * row[c]
                    largest = max(largest, abs(row[c] + omega * w[c]))
                  }
                } else {
                  for c in 0..<k { largest = max(largest, abs(row[c])) }
                }
              }
            }
            return GramSideResults(largest: largest, warmDot: warmDot)
          }
        }
      }
    }
    // Sum the partials in block order, in row chunks across threads.
    FixedChunks.forEach(count: size, chunkSize: 1 << 16, threads: threads) { _, range in
      for i in range {
        var total = Double(scratch[i])
        for b in 1..<Self.gramBlocks { total += Double(scratch[b * size + i]) }
        out[i] = total
      }
    }
    var result = GramSideResults(largest: 0, warmDot: 0)
    for side in sides {
      result.largest = max(result.largest, side.largest)
      result.warmDot += side.warmDot
    }
    return result
  }

  /// Asks for the cache lines of a row that a later entry of the column will touch.
  @inline(__always)
  private func prefetchRow<T>(_ p: UnsafePointer<T>, bytes: Int) {
    let raw = UnsafeRawPointer(p)
    var offset = 0
    while offset < bytes {
      stance_prefetch(raw + offset)
      offset += 64
    }
  }
}
