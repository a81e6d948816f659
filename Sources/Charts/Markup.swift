/// Escaping for HTML and SVG (XML) text and attribute values.
///
/// Every character that could end a text run or an attribute value is replaced by an entity
/// (`&`, `<`, `>`, `"`, `'`), and nothing else is touched: a source text that already holds
/// `&amp;` shows as `&amp;`, exactly what was scored. Characters that XML 1.0 forbids (the
/// controls below U+0020 but tab, LF and CR, and the noncharacters U+FFFE and U+FFFF) become
/// U+FFFD, as does DEL, so that the output stays well-formed whatever the input held.
public enum Markup {
  /// `text` made safe for element content and for double- or single-quoted attribute values.
  public static func escape(_ text: String) -> String {
    var needsWork = false
    for byte in text.utf8 where Self.isSpecial(byte) {
      needsWork = true
      break
    }
    guard needsWork else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    append(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `text`, escaped as by `escape`, to `out` (UTF-8 bytes).
  public static func append(_ text: String, to out: inout [UInt8]) {
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF: the bytes after an EF decide.
    var afterEF = 0
    for byte in text.utf8 {
      if afterEF > 0 {
        afterEF += 1
        if afterEF == 2 && byte == 0xBF { continue }
        if afterEF == 3 && (byte == 0xBE || byte == 0xBF) {
          out.append(contentsOf: Self.replacement)
          afterEF = 0
          continue
        }
        out.append(0xEF)
        if afterEF == 3 { out.append(0xBF) }
        afterEF = 0
      }
      switch byte {
      case 0xEF: afterEF = 1
      case UInt8(ascii: "&"): out.append(contentsOf: Self.amp)
      case UInt8(ascii: "<"): out.append(contentsOf: Self.lt)
      case UInt8(ascii: ">"): out.append(contentsOf: Self.gt)
      case UInt8(ascii: "\""): out.append(contentsOf: Self.quot)
      case UInt8(ascii: "'"): out.append(contentsOf: Self.apos)
      case 0x09, 0x0A, 0x0D: out.append(byte)
      case 0..<0x20, 0x7F: out.append(contentsOf: Self.replacement)
      default: out.append(byte)
      }
    }
  }

  private static func isSpecial(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
    case 0x09, 0x0A, 0x0D: return false
    case 0..<0x20, 0x7F, 0xEF: return true
    default: return false
    }
  }

  private static let amp = Array("&amp;".utf8)
  private static let lt = Array("&lt;".utf8)
  private static let gt = Array("&gt;".utf8)
  private static let quot = Array("&quot;".utf8)
  private static let apos = Array("&#39;".utf8)
  /// U+FFFD in UTF-8.
  private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
}
