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

  /// Sorts `keys` ascending when every key is below `2^bits` (1 ... 64), using `scratch` (at
  /// least as long as `keys`) as the second buffer.
  ///
  /// Least-significant-digit radix passes of at most 9 bits: one document's column list (a few
  /// hundred to a few thousand keys below the vocabulary size) sorts in two linear passes, where
  /// quicksort spent most of `transform`'s time on mispredicted comparisons. Short lists use
  /// insertion sort.
  static func sort(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>, bits: Int) {
    let n = keys.count
    guard n > 1, let a0 = keys.baseAddress else { return }
    if n <= 48 {
      quicksort(a0, 0, n - 1)
      return
    }
    precondition(scratch.count >= n, "scratch must be as long as keys")
    let passes = max(1, (bits + 8) / 9)
    let digitBits = (bits + passes - 1) / passes
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 1 << digitBits) { counts in
      radixPasses(
        a0, count: n, scratch: scratch.baseAddress!, shift: 0, passes: passes, digitBits: digitBits, counts: counts)
    }
  }

  /// Stable least-significant-digit passes over `count` words at `a`: `passes` digits of
  /// `digitBits` bits from bit `shift` up, through `scratch` (>= `count` words), result in `a`.
  /// A pass whose digit is the same for every word is skipped (it would copy without
  /// reordering). `counts` holds `1 << digitBits` entries.
  @inline(__always)
  static func radixPasses(
    _ a: UnsafeMutablePointer<UInt64>, count n: Int, scratch: UnsafeMutablePointer<UInt64>, shift: Int,
    passes: Int, digitBits: Int, counts: UnsafeMutableBufferPointer<Int>
  ) {
    let digitMask = (UInt64(1) << UInt64(digitBits)) - 1
    var source = a
    var target = scratch
    var digitShift = UInt64(shift)
    for _ in 0..<passes {
      counts.initialize(repeating: 0)
      for i in 0..<n { counts[Int((source[i] >> digitShift) & digitMask)] &+= 1 }
      if counts[Int((source[0] >> digitShift) & digitMask)] == n {
        digitShift &+= UInt64(digitBits)
        continue
      }
      var total = 0
      for d in 0..<counts.count {
        let c = counts[d]
        counts[d] = total
        total &+= c
      }
      for i in 0..<n {
        let v = source[i]
        let d = Int((v >> digitShift) & digitMask)
        target[counts[d]] = v
        counts[d] &+= 1
      }
      swap(&source, &target)
      digitShift &+= UInt64(digitBits)
    }
    if source != a { a.update(from: source, count: n) }
  }

  /// Sorts `keys` ascending by their low `bits` bits (higher bits must be zero), carrying
  /// `payload` along; stable.
  ///
  /// One most-significant-digit pass splits the data into up to 512 buckets; each bucket, small
  /// enough to stay in cache, is then sorted by least-significant-digit passes of at most 9 bits.
  /// Only the first pass streams through main memory.
  static func radixSort(keys: inout [UInt64], payload: inout [UInt64], bits: Int) {
    let n = keys.count
    guard n > 1 else { return }
    let topBits = min(9, bits)
    let lowBits = bits - topBits
    let buckets = 1 << topBits
    var keys2 = uninitializedArray(n, of: UInt64.self)
    var payload2 = uninitializedArray(n, of: UInt64.self)
    var start = [Int](repeating: 0, count: buckets + 1)
    keys.withUnsafeBufferPointer { k in
      payload.withUnsafeBufferPointer { p in
        keys2.withUnsafeMutableBufferPointer { k2 in
          payload2.withUnsafeMutableBufferPointer { p2 in
            start.withUnsafeMutableBufferPointer { c in
              let mask = UInt64(buckets - 1)
              for i in 0..<n { c[Int((k[i] >> UInt64(lowBits)) & mask) + 1] += 1 }
              for b in 0..<buckets { c[b + 1] += c[b] }
              var cursor = Array(c[0..<buckets])
              for i in 0..<n {
                let d = Int((k[i] >> UInt64(lowBits)) & mask)
                let to = cursor[d]
                cursor[d] = to + 1
                k2[to] = k[i]
                p2[to] = p[i]
              }
            }
          }
        }
      }
    }
    // keys2/payload2 hold the bucketed data; sort each bucket by the low bits into keys/payload.
    guard lowBits > 0 else {
      swap(&keys, &keys2)
      swap(&payload, &payload2)
      return
    }
    let passes = (lowBits + 8) / 9
    let digitBits = (lowBits + passes - 1) / passes
    let digitMask = UInt64((1 << digitBits) - 1)
    var counts = [Int](repeating: 0, count: 1 << digitBits)
    keys.withUnsafeMutableBufferPointer { k in
      payload.withUnsafeMutableBufferPointer { p in
        keys2.withUnsafeMutableBufferPointer { k2 in
          payload2.withUnsafeMutableBufferPointer { p2 in
            counts.withUnsafeMutableBufferPointer { c in
              for b in 0..<buckets where start[b + 1] - start[b] > 1 {
                let lo = start[b]
                let hi = start[b + 1]
                // Ping-pong between the two buffers; `fromSecond` says where the data is now.
                var fromSecond = true
                var shift = 0
                for _ in 0..<passes {
                  let (sk, sp, dk, dp) = fromSecond ? (k2, p2, k, p) : (k, p, k2, p2)
                  for i in 0..<c.count { c[i] = 0 }
                  for i in lo..<hi { c[Int((sk[i] >> UInt64(shift)) & digitMask)] += 1 }
                  var total = lo
                  for i in 0..<c.count {
                    let v = c[i]
                    c[i] = total
                    total += v
                  }
                  for i in lo..<hi {
                    let d = Int((sk[i] >> UInt64(shift)) & digitMask)
                    let to = c[d]
                    c[d] = to + 1
                    dk[to] = sk[i]
                    dp[to] = sp[i]
                  }
                  fromSecond.toggle()
                  shift += digitBits
                }
                if fromSecond {
                  for i in lo..<hi {
                    k[i] = k2[i]
                    p[i] = p2[i]
                  }
                }
              }
              // Buckets of one element were not moved back.
              for b in 0..<buckets where start[b + 1] - start[b] == 1 {
                k[start[b]] = k2[start[b]]
                p[start[b]] = p2[start[b]]
              }
            }
          }
        }
      }
    }
  }

  /// Sorts each bucket `words[bucketStart[b] ..< bucketStart[b + 1]]` by the `bits` bits of
  /// its words that start at bit `shift` (other bits are carried along); stable.
  ///
  /// Least-significant-digit passes of at most 9 bits through a scratch buffer the size of the
  /// largest bucket, which is reused and so stays in cache; short buckets use insertion sort.
  /// `finished` is called with each bucket's range, in order, right after it is sorted.
  static func sortBuckets(
    _ words: UnsafeMutableBufferPointer<UInt64>, bucketStart: [Int], shift: Int, bits: Int,
    finished: (Range<Int>) -> Void = { _ in }
  ) {
    guard let base = words.baseAddress else { return }
    var largest = 0
    for b in 0..<(bucketStart.count - 1) { largest = max(largest, bucketStart[b + 1] - bucketStart[b]) }
    guard bits > 0, largest > 1 else {
      for b in 0..<(bucketStart.count - 1) where bucketStart[b] < bucketStart[b + 1] {
        finished(bucketStart[b]..<bucketStart[b + 1])
      }
      return
    }
    let passes = (bits + 8) / 9
    let digitBits = (bits + passes - 1) / passes
    let fieldMask = bits >= 64 ? UInt64.max : (UInt64(1) << UInt64(bits)) - 1
    let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: largest)
    defer { scratch.deallocate() }
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 1 << digitBits) { counts in
      for b in 0..<(bucketStart.count - 1) {
        let lo = bucketStart[b]
        let n = bucketStart[b + 1] - lo
        defer { if n > 0 { finished(lo..<(lo + n)) } }
        if n < 2 { continue }
        let a = base + lo
        if n <= 48 {
          // Stable insertion sort on the field.
          for k in 1..<n {
            let v = a[k]
            let f = (v >> UInt64(shift)) & fieldMask
            var m = k - 1
            while m >= 0 && (a[m] >> UInt64(shift)) & fieldMask > f {
              a[m + 1] = a[m]
              m -= 1
            }
            a[m + 1] = v
          }
          continue
        }
        radixPasses(
          a, count: n, scratch: scratch, shift: shift, passes: passes, digitBits: digitBits, counts: counts)
      }
    }
  }
}
