/// The members of a JSONL input record other than `id` and `text` (`outlet`, `date`, anything),
/// in input order, each kept as the JSON text it was written with.
///
/// Values are not decoded when the record is read: scoring output copies them as they are, and
/// only CSV output (or a caller that asks for `Member.plainText`) decodes one. Read one with
/// `JSONRecord.parse(_:)` on the line's bytes.
struct RecordMetadata {
  /// One member of the record.
  struct Member {
    /// The member's name, unescaped.
    let name: String
    /// The value's JSON text exactly as written in the line (a string with its quotes, a
    /// number, `true`, an object...), already checked to be well-formed JSON.
    let json: ArraySlice<UInt8>
    /// Whether the value nests deeper than `maxDepth` (written out as a string of its text).
    let deep: Bool

    /// The value as plain text: a string's content, the literal of a number or `true`/`false`,
    /// the empty string for `null`, and the JSON text (control characters escaped) of an array
    /// or object.
    var plainText: String {
      if json.first == UInt8(ascii: "\"") {
        let decoded = json.withUnsafeBufferPointer { bytes -> String? in
          var scanner = JSONScanner(bytes: bytes)
          return try? scanner.string()
        }
        if let decoded { return decoded }
      }
      if json.elementsEqual("null".utf8) { return "" }
      var out: [UInt8] = []
      RecordMetadata.appendJSON(json, to: &out)
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// The members in input order (duplicated names kept, as written).
  private(set) var members: [Member] = []

  /// A record with no members besides `id` and `text`.
  static let none = RecordMetadata()

  /// Whether the record had no other members.
  var isEmpty: Bool { members.isEmpty }

  /// The first member called `name`, if any.
  subscript(name: String) -> Member? { members.first { $0.name == name } }

  /// Metadata read from `line`: each member's name, the byte range of its value, and whether
  /// it nests deeper than `maxDepth`.
  init(line: [UInt8], members ranges: [(name: String, value: Range<Int>, deep: Bool)]) {
    members = ranges.map { Member(name: $0.name, json: line[$0.value], deep: $0.deep) }
  }

  /// The deepest nesting of arrays and objects a member is written out with as JSON. Common
  /// readers stop at a few hundred levels (Foundation at 512, Python near 1,000), so a deeper
  /// member is written as a string holding its JSON text: the output stays readable by all.
  static let maxDepth = 100

  private init() {}

  /// The name a member takes in output that already has members named `taken`: its own, or,
  /// when that is taken (an input `label` beside the output's `label`), `input_` before it, as
  /// often as needed.
  static func outputName(_ name: String, avoiding taken: some Collection<String>) -> String {
    var result = name
    while taken.contains(result) { result = "input_" + result }
    return result
  }

  /// The members scoring's JSON output writes itself, which an input member may not repeat.
  static let scoreOutputNames = ["id", "label", "scores", "sentences", "counts", "explain", "spans"]

  /// Appends `,"name":value` for every member to a JSON object being written, each name made
  /// distinct from `reserved` and from the members before it (see `outputName`).
  func appendMembers(to out: inout [UInt8], reserved: [String]) {
    var taken = reserved
    for member in members {
      let name = Self.outputName(member.name, avoiding: taken)
      taken.append(name)
      out.append(UInt8(ascii: ","))
      JSONText.appendQuoted(name, to: &out)
      out.append(UInt8(ascii: ":"))
      if member.deep {
        JSONText.appendQuoted(String(decoding: member.json, as: UTF8.self), to: &out)
      } else {
        Self.appendJSON(member.json, to: &out)
      }
    }
  }

  /// Appends well-formed JSON text `json` to `out`. A raw control character inside a string
  /// (which the reader tolerates, as most do) is written as a `\u00XX` escape, a lone surrogate
  /// escape (`\ud800` without its pair) as `\ufffd`, and invalid UTF-8 as U+FFFD (as in the
  /// text), so that strict readers such as Python's `json` accept the output and every value
  /// stays valid Unicode; everything else is copied as it is.
  static func appendJSON(_ json: ArraySlice<UInt8>, to out: inout [UInt8]) {
    var json = json
    if json.contains(where: { $0 >= 0x80 }) {
      let repaired = String(decoding: json, as: UTF8.self)
      if !repaired.utf8.elementsEqual(json) { json = ArraySlice(repaired.utf8) }
    }
    guard json.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\\") }) else {
      out.append(contentsOf: json)
      return
    }
    let bytes = Array(json)
    let n = bytes.count
    let hex = Array("0123456789abcdef".utf8)
    let backslash = UInt8(ascii: "\\")
    let u = UInt8(ascii: "u")
    /// The code unit of a `\uXXXX` escape starting at `i`, if one does.
    func unit(at i: Int) -> Int? {
      guard i + 6 <= n, bytes[i] == backslash, bytes[i + 1] == u else { return nil }
      var value = 0
      for b in bytes[(i + 2)..<(i + 6)] {
        guard let digit = Int(String(UnicodeScalar(b)), radix: 16) else { return nil }
        value = value * 16 + digit
      }
      return value
    }
    var inString = false
    var i = 0
    while i < n {
      let b = bytes[i]
      if inString {
        if b == backslash {
          if let first = unit(at: i) {
            if (0xD800...0xDBFF).contains(first), let second = unit(at: i + 6), (0xDC00...0xDFFF).contains(second) {
              out.append(contentsOf: bytes[i..<(i + 12)])
              i += 12
            } else if (0xD800...0xDFFF).contains(first) {
              out.append(contentsOf: Array("\\ufffd".utf8))
              i += 6
            } else {
              out.append(contentsOf: bytes[i..<(i + 6)])
              i += 6
            }
          } else {
            out.append(contentsOf: bytes[i..<min(i + 2, n)])
            i += 2
          }
          continue
        } else if b == UInt8(ascii: "\"") {
          inString = false
        } else if b < 0x20 {
          out.append(contentsOf: [backslash, u, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
          i += 1
          continue
        }
      } else if b == UInt8(ascii: "\"") {
        inString = true
      }
      out.append(b)
      i += 1
    }
  }
}
