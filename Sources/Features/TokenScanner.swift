/// Finds word tokens in normalized UTF-8 bytes and appends their `[start, end)` byte ranges
/// (as pairs of `Int32`) to `ranges`.
enum TokenScanner {
  /// Dispatches on the pattern.
  @inline(__always)
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>, pattern: TokenPattern, into ranges: inout [Int32]) {
    ranges.removeAll(keepingCapacity: true)
    guard let p = bytes.baseAddress, bytes.count > 0 else { return }
    switch pattern {
    case .scikitLearn: scanScikitLearn(p, bytes.count, into: &ranges)
    case .news: scanNews(p, bytes.count, into: &ranges)
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
  static func scanNews(_ p: UnsafePointer<UInt8>, _ n: Int, into ranges: inout [Int32]) {
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
    var i = 0
    while i < n {
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
