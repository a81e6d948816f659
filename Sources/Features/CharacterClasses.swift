/// Character classes the tokenizers need, on UTF-8 bytes and Unicode scalars.
///
/// ASCII goes through a 128-entry table; other scalars through the Unicode properties.
enum CharacterClasses {
  /// Python `re`'s `\w` (letters, numbers, underscore).
  static let pythonWord: UInt8 = 1
  /// A letter (news tokenizer).
  static let letter: UInt8 = 2
  /// A decimal digit (news tokenizer).
  static let digit: UInt8 = 4
  /// Python's `str.isspace()`.
  static let space: UInt8 = 8
  /// A mark or other number that continues a news word (Mn, Mc, Me, Nl, No).
  static let wordContinue: UInt8 = 16

  static let ascii: [UInt8] = (0..<128).map { (c: Int) -> UInt8 in
    var k: UInt8 = 0
    let u = UInt8(c)
    if (u >= 0x61 && u <= 0x7A) || (u >= 0x41 && u <= 0x5A) { k |= pythonWord | letter }
    if u >= 0x30 && u <= 0x39 { k |= pythonWord | digit }
    if u == 0x5F { k |= pythonWord }
    if (u >= 0x09 && u <= 0x0D) || (u >= 0x1C && u <= 0x20) { k |= space }
    return k
  }

  /// The classes of a non-ASCII scalar.
  static func classes(of value: UInt32) -> UInt8 {
    guard let s = Unicode.Scalar(value) else { return 0 }
    let p = s.properties
    var k: UInt8 = 0
    switch p.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      k |= pythonWord | letter
    case .decimalNumber:
      k |= digit
    case .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
      k |= wordContinue
    default: break
    }
    // Python's isalnum counts anything with a numeric value (isdecimal/isdigit/isnumeric).
    if p.numericType != nil { k |= pythonWord }
    if p.isWhitespace { k |= space }
    return k
  }

  /// Decodes the scalar starting at `p[i]` of valid UTF-8: its value and byte length.
  @inline(__always)
  static func decode(_ p: UnsafePointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
    if b0 < 0xF0 {
      return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    let v = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
    return (v, 4)
  }

  /// The classes and byte length of the scalar at `p[i]`.
  @inline(__always)
  static func classify(_ p: UnsafePointer<UInt8>, _ i: Int) -> (classes: UInt8, length: Int) {
    let b = p[i]
    if b < 0x80 { return (ascii[Int(b)], 1) }
    let (v, n) = decode(p, i)
    return (classes(of: v), n)
  }

  /// Number of bytes of the UTF-8 sequence that starts with `lead`.
  @inline(__always)
  static func sequenceLength(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }
}
