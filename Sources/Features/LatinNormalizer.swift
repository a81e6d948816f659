/// The byte-level normalization for text whose non-ASCII characters are all Latin-1 (U+00A0 ...
/// U+00FF) or common punctuation (U+2010 ... U+2030): most English news. It gives exactly
/// what the Foundation path gives (NFKC, Python lowercasing, quote folding for the news
/// pattern), and declines (returns false) on any other character, leaving it to that path.
enum LatinNormalizer {
  /// Appends the normalized bytes of `bytes` to `output`; false (output partly written) when
  /// the text holds a character this fast path does not handle.
  static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, pattern: TokenPattern, into output: inout [UInt8]) -> Bool
  {
    let news = pattern == .news
    let n = bytes.count
    output.reserveCapacity(n + 16)
    var i = 0
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        output.append((b >= 0x41 && b <= 0x5A) ? b + 0x20 : b)
        i += 1
        continue
      }
      guard i + 1 < n else { return false }
      let c = bytes[i + 1]
      if b == 0xC2 {
        // U+00A0 ... U+00BF: punctuation and signs; some have compatibility decompositions.
        guard c >= 0xA0 else { return false }
        if news {
          switch c {
          case 0xA0: output.append(0x20)  // NBSP -> space under NFKC
          case 0xA1...0xA7, 0xA9, 0xAB...0xAE, 0xB0, 0xB1, 0xB6, 0xB7, 0xBB, 0xBF:
            output.append(b)
            output.append(c)
          default: return false
          }
        } else {
          guard c != 0xB5 else { return false }  // micro sign: lowercase is itself, but keep it simple
          output.append(b)
          output.append(c)
        }
        i += 2
        continue
      }
      if b == 0xC3 {
        // U+00C0 ... U+00FF: letters (capitals lowercase by +0x20), and the signs × ÷.
        if c >= 0x80 && c <= 0x9E && c != 0x97 {
          output.append(b)
          output.append(c + 0x20)
        } else {
          output.append(b)
          output.append(c)
        }
        i += 2
        continue
      }
      if b == 0xE2 && c == 0x80 && i + 2 < n {
        // U+2000 ... U+203F: only the dashes, quotes, bullets and ellipsis are handled.
        let d = bytes[i + 2]
        switch d {
        case 0x90, 0x91:  // hyphen, non-breaking hyphen (NFKC: U+2011 -> U+2010)
          if news { output.append(0x2D) } else { output.append(contentsOf: [b, c, d]) }
        case 0x92...0x95, 0xA0...0xA2, 0xB0:  // dashes, daggers, bullet, per mille
          output.append(contentsOf: [b, c, d])
        case 0x98...0x9B:
          if news { output.append(0x27) } else { output.append(contentsOf: [b, c, d]) }
        case 0x9C...0x9F:
          if news { output.append(0x22) } else { output.append(contentsOf: [b, c, d]) }
        case 0xA6:  // ellipsis: "..." under NFKC
          if news { output.append(contentsOf: [0x2E, 0x2E, 0x2E]) } else { output.append(contentsOf: [b, c, d]) }
        default: return false
        }
        i += 3
        continue
      }
      return false
    }
    return true
  }
}
