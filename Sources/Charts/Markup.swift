/// Escaping for HTML and SVG (XML) text and attribute values.
///
/// Every character that could end a text run or an attribute value is replaced by an entity
/// (`&`, `<`, `>`, `"`, `'`), and nothing else is touched: a source text that already holds
/// `&amp;` shows as `&amp;`, exactly what was scored. Control characters that XML 1.0 forbids
/// (all below U+0020 except tab, LF and CR) become U+FFFD, so that the output stays
/// well-formed whatever the input held.
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
    for byte in text.utf8 {
      switch byte {
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
    case 0..<0x20, 0x7F: return true
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
