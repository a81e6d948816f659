/// Finds word tokens in normalized UTF-8 bytes and appends their `[start, end)` byte ranges
/// (as pairs of `Int32`) to `ranges`.
enum TokenScanner {
  /// Dispatches on the pattern.
  @inline(__always)
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>, pattern: TokenPattern, into ranges: inout [Int32]) {
    ranges.removeAll(keepingCapacity: true)
    guard let p = bytes.baseAddress, bytes.count > 0 else { return }
    switch pattern {
    case .scikitLearn:
      if isASCII(p, bytes.count) {
        scanScikitLearnASCII(p, bytes.count, into: &ranges)
      } else {
        scanScikitLearn(p, bytes.count, into: &ranges)
      }
    case .news: scanNews(p, bytes.count, into: &ranges)
    }
  }

  /// Whether all `n` bytes at `p` are ASCII.
  @inline(__always)
  static func isASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let raw = UnsafeRawPointer(p)
    var acc: UInt64 = 0
    var i = 0
    while i &+ 8 <= n {
      acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i &+= 8
    }
    acc |= loadShort(raw + i, n &- i)
    return acc & highBits == 0
  }

  private static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// Eight copies of byte `b`.
  @inline(__always)
  private static func spread(_ b: UInt8) -> UInt64 { UInt64(b) &* 0x0101_0101_0101_0101 }

  /// For eight ASCII bytes, 0x80 in each byte that is Python's ASCII `\w` (`[0-9A-Za-z_]`),
  /// 0 elsewhere. Per-byte sums stay below 0x100, so no carry crosses a byte.
  @inline(__always)
  static func asciiWordMask(_ x: UInt64) -> UInt64 {
    @inline(__always) func inRange(_ v: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
      (v &+ spread(0x80 - low)) & ~(v &+ spread(0x7F - high))
    }
    let letters = inRange(x | spread(0x20), 0x61, 0x7A)
    let digits = inRange(x, 0x30, 0x39)
    let y = x ^ spread(0x5F)
    let underscores = ~((y &+ spread(0x7F)) | y)
    return (letters | digits | underscores) & highBits
  }

  /// For eight ASCII bytes, 0x80 in each byte that is a letter or digit (`[0-9A-Za-z]`, the
  /// ASCII word characters of the news rule), 0 elsewhere.
  @inline(__always)
  static func asciiAlphanumericMask(_ x: UInt64) -> UInt64 {
    @inline(__always) func inRange(_ v: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
      (v &+ spread(0x80 - low)) & ~(v &+ spread(0x7F - high))
    }
    return (inRange(x | spread(0x20), 0x61, 0x7A) | inRange(x, 0x30, 0x39)) & highBits
  }

  /// `scanScikitLearn` for ASCII text, eight bytes at a time: each chunk's word bytes become
  /// an 8-bit mask whose 0-to-1 and 1-to-0 steps are the token starts and ends, visited by
  /// counting trailing zeros. Ranges gather in a small buffer and are appended in bulk.
  static func scanScikitLearnASCII(_ p: UnsafePointer<UInt8>, _ n: Int, into ranges: inout [Int32]) {
    let raw = UnsafeRawPointer(p)
    let capacity = 256
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { pending in
      var count = 0
      var inWord = false
      var start = 0
      var i = 0
      while i < n {
        // Past the end reads as zero bytes, which are not word bytes.
        let x = i &+ 8 <= n ? raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) : loadShort(raw + i, n &- i)
        // Bit k set when byte k is a word byte (gathers the 0x80 bits into the top byte).
        let bits = (((asciiWordMask(x) >> 7) &* 0x0102_0408_1020_4080) >> 56)
        let before = (bits << 1) | (inWord ? 1 : 0)
        var steps = (bits ^ before) & 0xFF
        while steps != 0 {
          let k = steps.trailingZeroBitCount
          steps &= steps &- 1
          if inWord {
            let end = i &+ k
            if end &- start >= 2 {
              pending[count] = Int32(truncatingIfNeeded: start)
              pending[count &+ 1] = Int32(truncatingIfNeeded: end)
              count &+= 2
              if count == capacity {
                ranges.append(contentsOf: UnsafeBufferPointer(rebasing: pending[0..<count]))
                count = 0
              }
            }
          } else {
            start = i &+ k
          }
          inWord.toggle()
        }
        i &+= 8
      }
      // A token running to the end closes there.
      if inWord && n &- start >= 2 {
        pending[count] = Int32(truncatingIfNeeded: start)
        pending[count &+ 1] = Int32(truncatingIfNeeded: n)
        count &+= 2
      }
      ranges.append(contentsOf: UnsafeBufferPointer(rebasing: pending[0..<count]))
    }
  }

  /// `(?u)\b\w\w+\b`: maximal runs of `\w` characters at least two scalars long.
  static func scanScikitLearn(_ p: UnsafePointer<UInt8>, _ n: Int, into ranges: inout [Int32]) {
    let word = CharacterClasses.pythonWord
    CharacterClasses.ascii.withUnsafeBufferPointer { table in
      var i = 0
      while i < n {
        let b = p[i]
        var isWord: Bool
        var length = 1
        if b < 0x80 {
          isWord = table[Int(b)] & word != 0
        } else {
          let c = CharacterClasses.classify(p, i)
          isWord = c.classes & word != 0
          length = c.length
        }
        if !isWord {
          i += length
          continue
        }
        let start = i
        var scalars = 1
        i += length
        while i < n {
          let b2 = p[i]
          if b2 < 0x80 {
            if table[Int(b2)] & word == 0 { break }
            i += 1
          } else {
            let c = CharacterClasses.classify(p, i)
            if c.classes & word == 0 { break }
            i += c.length
          }
          scalars += 1
        }
        if scalars >= 2 {
          ranges.append(Int32(start))
          ranges.append(Int32(i))
        }
      }
    }
  }

  /// The news rule: runs of letters, digits and marks; `'` and `-` between word characters
  /// and `.` or `,` between digits stay inside a token; single letters each followed by a
  /// period ("u.s.", "e.g.") form one token, final period included.
  /// `eightBytes: false` turns the eight-byte ASCII steps off (tests compare both ways).
  static func scanNews(_ p: UnsafePointer<UInt8>, _ n: Int, into ranges: inout [Int32], eightBytes: Bool = true) {
    let wordClasses = CharacterClasses.letter | CharacterClasses.digit | CharacterClasses.wordContinue
    @inline(__always) func classes(_ i: Int) -> (UInt8, Int) {
      if i >= n { return (0, 0) }
      return CharacterClasses.classify(p, i)
    }
    @inline(__always) func isASCIILetter(_ i: Int) -> Bool {
      guard i < n else { return false }
      let b = p[i] | 0x20
      return b >= 0x61 && b <= 0x7A
    }
    let raw = UnsafeRawPointer(p)
    // For eight ASCII bytes at i: bit k set when byte k is a letter or digit (the ASCII word
    // characters of this rule); nil when the bytes are not all ASCII or run past the end.
    @inline(__always) func asciiWordBits(_ i: Int) -> UInt64? {
      guard eightBytes, i &+ 8 <= n else { return nil }
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      guard x & highBits == 0 else { return nil }
      return ((asciiAlphanumericMask(x) >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
    var i = 0
    while i < n {
      // Eight bytes at a time over ASCII bytes between tokens.
      if let bits = asciiWordBits(i), bits & 1 == 0 {
        i &+= min(8, bits.trailingZeroBitCount)
        continue
      }
      let (c, length) = classes(i)
      if c & wordClasses == 0 {
        i += length
        continue
      }
      let start = i
      // Abbreviations of single letters and periods: "u.s.", "u.k.", "e.g.", "a.m.".
      if isASCIILetter(i) && i + 1 < n && p[i + 1] == 0x2E && isASCIILetter(i + 2) && i + 3 < n && p[i + 3] == 0x2E {
        var j = i + 4
        while isASCIILetter(j) && j + 1 < n && p[j + 1] == 0x2E && (j + 2 >= n || classes(j + 2).0 & wordClasses == 0) {
          j += 2
        }
        if j >= n || classes(j).0 & wordClasses == 0 {
          ranges.append(Int32(start))
          ranges.append(Int32(j))
          i = j
          continue
        }
      }
      var lastWasDigit = c & CharacterClasses.digit != 0
      i += length
      while i < n {
        // Eight bytes at a time over ASCII letters and digits.
        if let bits = asciiWordBits(i), bits & 1 != 0 {
          let run = min(8, (~bits).trailingZeroBitCount)
          lastWasDigit = p[i &+ run &- 1] &- 0x30 < 10
          i &+= run
          continue
        }
        let (c2, l2) = classes(i)
        if c2 & wordClasses != 0 {
          lastWasDigit = c2 & CharacterClasses.digit != 0
          i += l2
          continue
        }
        let b = p[i]
        if b == 0x27 || b == 0x2D {
          if classes(i + 1).0 & wordClasses != 0 {
            i += 1
            continue
          }
        } else if (b == 0x2E || b == 0x2C) && lastWasDigit {
          if classes(i + 1).0 & CharacterClasses.digit != 0 {
            i += 1
            continue
          }
        }
        break
      }
      ranges.append(Int32(start))
      ranges.append(Int32(i))
    }
  }
}
