import Foundation

/// Turns a document into the lowercased UTF-8 bytes the tokenizers and n-gram counters read.
///
/// ASCII documents (the common case) are lowercased byte by byte; text whose other characters
/// are Latin-1 letters and common punctuation goes through `LatinNormalizer`. Others go through
/// Foundation: NFKC for the news pattern, then Unicode lowercasing (Python's `str.lower()` for
/// the scikit-learn pattern), and the news pattern folds curly quotes and Unicode hyphens to ASCII.
enum TextNormalizer {
  private static let lowerASCII: [UInt8] = (0..<128).map { (c: Int) -> UInt8 in
    let u = UInt8(c)
    return (u >= 0x41 && u <= 0x5A) ? u + 0x20 : u
  }

  /// Replaces `output` with the normalized bytes of `text`.
  static func normalize(_ text: String, pattern: TokenPattern, into output: inout [UInt8]) {
    output.removeAll(keepingCapacity: true)
    let done: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
      normalizeQuickly(bytes, pattern: pattern, into: &output)
    }
    if done == true { return }
    if done == nil {
      // Bridged or non-contiguous string: copy once, then retry on contiguous storage.
      var copy = text
      copy.makeContiguousUTF8()
      normalize(copy, pattern: pattern, into: &output)
      return
    }
    normalizeSlowly(text, pattern: pattern, into: &output)
  }

  /// Replaces `output` with the normalized bytes of the valid UTF-8 `bytes` (a slice of a
  /// document), the same bytes `normalize` gives for them as a `String`.
  static func normalize(bytes: UnsafeBufferPointer<UInt8>, pattern: TokenPattern, into output: inout [UInt8]) {
    output.removeAll(keepingCapacity: true)
    if normalizeQuickly(bytes, pattern: pattern, into: &output) { return }
    normalizeSlowly(String(decoding: bytes, as: UTF8.self), pattern: pattern, into: &output)
  }

  /// The ASCII and Latin-1 paths: appends the normalized `bytes` and returns true, or
  /// returns false with `output` empty when the text needs Foundation.
  @inline(__always)
  private static func normalizeQuickly(
    _ bytes: UnsafeBufferPointer<UInt8>, pattern: TokenPattern, into output: inout [UInt8]
  ) -> Bool {
    if isASCII(bytes) {
      appendLowercasedASCII(bytes, to: &output)
      return true
    }
    if LatinNormalizer.normalize(bytes, pattern: pattern, into: &output) { return true }
    output.removeAll(keepingCapacity: true)
    return false
  }

  /// Bytes past which the Foundation path works piece by piece: Foundation's normalization of
  /// one long string of decomposed text (NFD without sentence ends) takes quadratic time
  /// (1 MB 2.5 s, 8 MB 14 minutes); pieces of this size keep it linear.
  static let pieceBytes = 16 << 10

  /// The Foundation path for any text (what `LatinNormalizer` must agree with).
  ///
  /// Long texts are cut before an ASCII space, tab, newline, digit or `,;!?()`: such a
  /// character never composes with what precedes it (NFKC), blocks canonical reordering and is
  /// neither cased nor case-ignorable (so Final_Sigma sees the same context), hence normalizing
  /// the pieces one by one gives the same bytes as the whole.
  /// - Complexity: O(n) in the text's length.
  static func normalizeSlowly(_ text: String, pattern: TokenPattern, into output: inout [UInt8]) {
    guard text.utf8.count > pieceBytes else {
      normalizePiece(text, pattern: pattern, into: &output)
      return
    }
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      let n = bytes.count
      while start < n {
        var cut = min(n, start + pieceBytes)
        while cut < n && !isSafeCut(bytes[cut]) { cut += 1 }
        let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cut]), as: UTF8.self)
        normalizePiece(piece, pattern: pattern, into: &output)
        start = cut
      }
    }
  }

  /// Whether the text may be cut before this byte (see `normalizeSlowly`).
  @inline(__always)
  private static func isSafeCut(_ b: UInt8) -> Bool {
    switch b {
    case 0x20, 0x09, 0x0A, 0x0D, 0x30...0x39, 0x2C, 0x3B, 0x21, 0x3F, 0x28, 0x29: return true
    default: return false
    }
  }

  /// One piece of `normalizeSlowly` (a whole text, however long; tests compare the two).
  static func normalizePiece(_ text: String, pattern: TokenPattern, into output: inout [UInt8]) {
    switch pattern {
    case .scikitLearn:
      output.append(contentsOf: pythonLowercased(text).utf8)
    case .news:
      let folded = pythonLowercased(text.precomposedStringWithCompatibilityMapping)
      appendFoldingPunctuation(folded, to: &output)
    }
  }

  /// Python's `str.lower()`: Unicode full lowercasing plus the Final_Sigma rule (a capital
  /// sigma ending a word becomes "ς"), which Swift's `lowercased()` does not apply.
  static func pythonLowercased(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.contains("\u{03A3}") else { return text.lowercased() }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for (i, s) in scalars.enumerated() {
      guard s == "\u{03A3}" else {
        result.unicodeScalars.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        continue
      }
      var j = i - 1
      while j >= 0 && scalars[j].properties.isCaseIgnorable { j -= 1 }
      var isFinal = j >= 0 && scalars[j].properties.isCased
      if isFinal {
        var k = i + 1
        while k < scalars.count && scalars[k].properties.isCaseIgnorable { k += 1 }
        isFinal = k == scalars.count || !scalars[k].properties.isCased
      }
      result.unicodeScalars.append(isFinal ? "\u{03C2}" : "\u{03C3}")
    }
    return result
  }

  @inline(__always)
  private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    let base = UnsafeRawPointer(bytes.baseAddress!)
    var acc: UInt64 = 0
    while i + 8 <= n {
      acc |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i += 8
    }
    while i < n {
      acc |= UInt64(bytes[i])
      i += 1
    }
    return acc & 0x8080_8080_8080_8080 == 0
  }

  /// Appends ASCII `bytes` lowercased: one copy, then eight bytes at a time in place (a byte
  /// in A...Z gains 0x20; per-byte sums of ASCII bytes never carry into the next byte).
  private static func appendLowercasedASCII(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    let start = output.count
    output.append(contentsOf: bytes)
    let n = bytes.count
    output.withUnsafeMutableBytes { out in
      guard let base = out.baseAddress else { return }
      let ones: UInt64 = 0x0101_0101_0101_0101
      var i = start
      let end = start + n
      while i + 8 <= end {
        let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let upper = (x &+ ones &* (0x80 - 0x41)) & ~(x &+ ones &* (0x7F - 0x5A)) & (ones &* 0x80)
        base.storeBytes(of: x | upper >> 2, toByteOffset: i, as: UInt64.self)
        i += 8
      }
      lowerASCII.withUnsafeBufferPointer { table in
        while i < end {
          out[i] = table[Int(out[i])]
          i += 1
        }
      }
    }
  }

  /// Appends `text`'s UTF-8, mapping U+2018...U+201B to `'`, U+201C...U+201F to `"` and
  /// U+2010, U+2011 to `-` (all encode as E2 80 xx).
  private static func appendFoldingPunctuation(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
      var i = 0
      let n = bytes.count
      while i < n {
        let b = bytes[i]
        if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 {
          let c = bytes[i + 2]
          if c >= 0x98 && c <= 0x9B {
            output.append(0x27)
            i += 3
            continue
          }
          if c >= 0x9C && c <= 0x9F {
            output.append(0x22)
            i += 3
            continue
          }
          if c == 0x90 || c == 0x91 {
            output.append(0x2D)
            i += 3
            continue
          }
        }
        output.append(b)
        i += 1
      }
    }
  }
}
