/// Small JSON writing helpers for hand-built output: the scoring hot path writes JSON
/// directly into byte buffers instead of going through `JSONEncoder`.
enum JSONText {
  /// `text` as a JSON string literal, quotes included.
  static func quoted(_ text: String) -> String {
    var out: [UInt8] = []
    appendQuoted(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `text` as a JSON string literal (quotes included) to `out`.
  static func appendQuoted(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      for b in bytes {
        switch b {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
        default: out.append(b)
        }
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Appends a probability or weight: the shortest text that reads back as the same Float.
  static func appendNumber(_ value: Float, to out: inout [UInt8]) {
    if value == 0 {
      out.append(UInt8(ascii: "0"))
    } else if value.isFinite {
      out.append(contentsOf: value.description.utf8)
    } else {
      out.append(contentsOf: "null".utf8)  // JSON has no NaN or infinity
    }
  }

  /// Appends a non-negative or negative integer in decimal.
  static func appendInteger(_ value: Int, to out: inout [UInt8]) {
    if value >= 0 && value < 10 {
      out.append(UInt8(ascii: "0") + UInt8(value))
    } else {
      out.append(contentsOf: String(value).utf8)
    }
  }

  /// Appends a raw ASCII literal such as `{"id":`.
  @inline(__always)
  static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
    literal.withUTF8Buffer { out.append(contentsOf: $0) }
  }
}
