/// Sorting of 64-bit keys without closures or allocation in the inner loops.
enum KeySorting {
  /// Sorts `buffer` ascending in place (quicksort, median of three, insertion sort for short runs).
  static func sort(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
    guard let base = buffer.baseAddress, buffer.count > 1 else { return }
    quicksort(base, 0, buffer.count - 1)
  }

  @inline(__always)
  private static func swapAt(_ a: UnsafeMutablePointer<UInt64>, _ i: Int, _ j: Int) {
    let t = a[i]
    a[i] = a[j]
    a[j] = t
  }

  private static func quicksort(_ a: UnsafeMutablePointer<UInt64>, _ low: Int, _ high: Int) {
    var lo = low
    var hi = high
    while hi - lo > 16 {
      let mid = lo + (hi - lo) / 2
      if a[mid] < a[lo] { swapAt(a, mid, lo) }
      if a[hi] < a[lo] { swapAt(a, hi, lo) }
      if a[hi] < a[mid] { swapAt(a, hi, mid) }
      let pivot = a[mid]
      var i = lo
      var j = hi
      while i <= j {
        while a[i] < pivot { i += 1 }
        while a[j] > pivot { j -= 1 }
        if i <= j {
          swapAt(a, i, j)
          i += 1
          j -= 1
        }
      }
      // Recurse into the smaller side, loop on the larger: stack depth stays logarithmic.
      if j - lo < hi - i {
        if lo < j { quicksort(a, lo, j) }
        lo = i
      } else {
        if i < hi { quicksort(a, i, hi) }
        hi = j
      }
    }
    if hi > lo {
      for k in (lo + 1)...hi {
        let v = a[k]
        var m = k - 1
        while m >= lo && a[m] > v {
          a[m + 1] = a[m]
          m -= 1
        }
        a[m + 1] = v
      }
    }
  }

  /// Sorts `keys` ascending by their low `bits` bits (higher bits must be zero), carrying
  /// `payload` along; stable (LSD radix sort, at most 9 bits a pass: 512 buckets keep the
  /// scattered writes cache-friendly).
  static func radixSort(keys: inout [UInt64], payload: inout [UInt64], bits: Int) {
    let n = keys.count
    guard n > 1 else { return }
    var keys2 = [UInt64](repeating: 0, count: n)
    var payload2 = [UInt64](repeating: 0, count: n)
    let passes = max(1, (bits + 8) / 9)
    let digitBits = (bits + passes - 1) / passes
    let buckets = 1 << digitBits
    let digitMask = UInt64(buckets - 1)
    var counts = [Int](repeating: 0, count: buckets)
    var shift = 0
    while shift < bits {
      counts.withUnsafeMutableBufferPointer { c in
        for i in 0..<buckets { c[i] = 0 }
        keys.withUnsafeBufferPointer { k in
          for i in 0..<n { c[Int((k[i] >> UInt64(shift)) & digitMask)] += 1 }
        }
        var total = 0
        for i in 0..<buckets {
          let v = c[i]
          c[i] = total
          total += v
        }
        keys.withUnsafeBufferPointer { k in
          payload.withUnsafeBufferPointer { p in
            keys2.withUnsafeMutableBufferPointer { k2 in
              payload2.withUnsafeMutableBufferPointer { p2 in
                for i in 0..<n {
                  let d = Int((k[i] >> UInt64(shift)) & digitMask)
                  let to = c[d]
                  c[d] = to + 1
                  k2[to] = k[i]
                  p2[to] = p[i]
                }
              }
            }
          }
        }
      }
      swap(&keys, &keys2)
      swap(&payload, &payload2)
      shift += digitBits
    }
  }
}
