/// One scoring input record read from a JSONL line: `{"id": ..., "text": ...}`.
///
/// Only `id` and `text` are decoded; other members are checked and their places noted without
/// building values, which keeps reading large streams fast.
struct JSONRecord {
  /// The `id` member exactly as written (any JSON value), or nil when absent.
  var rawID: String?
  /// The `id` as plain text: a string's content, or the literal of a number or other value.
  var plainID: String?
  /// The `text` member, unescaped.
  var text: String
  /// The other members, in input order: name, the byte range of the value in the line, and
  /// whether it nests deeper than `RecordMetadata.maxDepth`.
  var otherMembers: [(name: String, value: Range<Int>, deep: Bool)] = []
  /// The other members as metadata; filled by `parse(_:)` on an array (empty otherwise).
  var metadata = RecordMetadata.none

  /// Why a line is not a usable record.
  struct Problem: Error {
    var message: String
  }

  /// Parses one line (without its newline), its other members kept as `metadata`.
  /// - Throws: `Problem` when the line is not a JSON object with a string `text`.
  static func parse(_ line: [UInt8]) throws -> JSONRecord {
    var record = try line.withUnsafeBufferPointer { try parse($0) }
    if !record.otherMembers.isEmpty { record.metadata = RecordMetadata(line: line, members: record.otherMembers) }
    return record
  }

  /// Parses one line (without its newline); `otherMembers` says where the other members are.
  /// - Throws: `Problem` when the line is not a JSON object with a string `text`.
  static func parse(_ line: UnsafeBufferPointer<UInt8>) throws -> JSONRecord {
    var p = JSONScanner(bytes: line)
    var rawID: String?
    var plainID: String?
    var text: String?
    var others: [(name: String, value: Range<Int>, deep: Bool)] = []
    p.skipSpace()
    try p.expect(UInt8(ascii: "{"))
    p.skipSpace()
    if p.peek == UInt8(ascii: "}") {
      p.index += 1
    } else {
      while true {
        p.skipSpace()
        let key = try p.string()
        p.skipSpace()
        try p.expect(UInt8(ascii: ":"))
        p.skipSpace()
        if key == "text" {
          guard p.peek == UInt8(ascii: "\"") else { throw Problem(message: "\"text\" is not a string") }
          text = try p.string()
        } else if key == "id" {
          let start = p.index
          let isString = p.peek == UInt8(ascii: "\"")
          let decoded = isString ? try p.string() : nil
          if !isString { try p.skipValue() }
          let raw = String(decoding: UnsafeBufferPointer(rebasing: line[start..<p.index]), as: UTF8.self)
          rawID = raw
          plainID = decoded ?? raw
        } else {
          let start = p.index
          let depth = try p.skipValue()
          others.append((key, start..<p.index, depth > RecordMetadata.maxDepth))
        }
        p.skipSpace()
        if p.peek == UInt8(ascii: ",") {
          p.index += 1
          continue
        }
        try p.expect(UInt8(ascii: "}"))
        break
      }
    }
    p.skipSpace()
    guard p.index == line.count else { throw Problem(message: "unexpected text after the JSON object") }
    guard let text else { throw Problem(message: "missing \"text\"") }
    return JSONRecord(rawID: rawID, plainID: plainID, text: text, otherMembers: others)
  }
}

/// A minimal JSON reader over UTF-8 bytes (RFC 8259), enough to pick members out of an object.
struct JSONScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func expect(_ byte: UInt8) throws {
    guard peek == byte else { throw JSONRecord.Problem(message: "malformed JSON") }
    index += 1
  }

  /// Reads a string literal at `index`, unescaping it.
  mutating func string() throws -> String {
    try expect(UInt8(ascii: "\""))
    let start = index
    // Fast path: no escapes, copy the bytes as they are.
    skipPlainBytes()
    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
      index += 1
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
    }
    // Escapes (news text has many: quotes, \n, \u2019): the bytes between them are copied a
    // run at a time; one `append` per byte cost a uniqueness check per byte of text.
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count - start)
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while true {
      let run = index
      skipPlainBytes()
      if index > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
      guard index < bytes.count else { throw JSONRecord.Problem(message: "unterminated string") }
      let b = bytes[index]
      index += 1
      if b == UInt8(ascii: "\"") { break }
      // `b` is a backslash.
      guard index < bytes.count else { throw JSONRecord.Problem(message: "unterminated string") }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        {
          index += 2
          let low = try hex4()
          if (0xDC00..<0xE000).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            scalar = 0xFFFD
          }
        }
        let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(unicode)).utf8)
      default: throw JSONRecord.Problem(message: "bad escape in string")
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Moves `index` to the next quote or backslash (or the end), eight bytes at a time: a text
  /// member is most of a line, and a byte-by-byte loop cost ~5 instructions a byte.
  @inline(__always)
  private mutating func skipPlainBytes() {
    let n = bytes.count
    var i = index
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = 0x8080_8080_8080_8080
      while i &+ 8 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // A zero byte in `x ^ (ones * b)` is a byte equal to `b` (nonzero exactly then).
        let q = x ^ (ones &* 0x22)
        let s = x ^ (ones &* 0x5C)
        if ((q &- ones) & ~q | (s &- ones) & ~s) & high != 0 { break }
        i &+= 8
      }
    }
    while i < n, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i &+= 1 }
    index = i
  }

  private mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw JSONRecord.Problem(message: "bad \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      index += 1
      let digit: UInt32
      switch b {
      case 0x30...0x39: digit = UInt32(b - 0x30)
      case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
      default: throw JSONRecord.Problem(message: "bad \\u escape")
      }
      value = value << 4 | digit
    }
    return value
  }

  /// Skips one JSON value of any kind.
  ///
  /// Iterative, with the open brackets on a byte stack: a line of 200,000 nested `[` must be
  /// an ordinary record, not a stack overflow. Memory is at most one byte per byte of the line.
  /// - Returns: how deeply it nests (0 for a string, number or literal, 1 for a flat array...).
  @discardableResult
  mutating func skipValue() throws -> Int {
    var open: [UInt8] = []  // the closing bracket each open array or object expects
    var depth = 0
    while true {
      skipSpace()
      guard let b = peek else { throw JSONRecord.Problem(message: "malformed JSON") }
      switch b {
      case UInt8(ascii: "\""):
        _ = try string()
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
        depth = max(depth, open.count + 1)
        index += 1
        skipSpace()
        if peek == close {
          index += 1
        } else {
          open.append(close)
          if close == UInt8(ascii: "}") { try memberName() }
          continue  // the first element
        }
      default:
        try skipLiteral()
      }
      // A value ended: close what it ends, then go on to the next element, if any.
      while let close = open.last {
        skipSpace()
        if peek == UInt8(ascii: ",") {
          index += 1
          if close == UInt8(ascii: "}") { try memberName() }
          break
        }
        try expect(close)
        open.removeLast()
      }
      if open.isEmpty { return depth }
    }
  }

  /// Reads `"name" :` inside an object.
  private mutating func memberName() throws {
    skipSpace()
    _ = try string()
    skipSpace()
    try expect(UInt8(ascii: ":"))
  }

  /// Skips a number, true, false or null, checking it: members are copied to the output as
  /// written, so a `tru` or `01` must be refused here rather than passed on.
  private mutating func skipLiteral() throws {
    let start = index
    while index < bytes.count {
      let c = bytes[index]
      let isLiteral =
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "-")
        || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "E")
      if !isLiteral { break }
      index += 1
    }
    let literal = UnsafeBufferPointer(rebasing: bytes[start..<index])
    guard
      literal.elementsEqual("true".utf8) || literal.elementsEqual("false".utf8) || literal.elementsEqual("null".utf8)
        || Self.isNumber(literal)
    else { throw JSONRecord.Problem(message: "malformed JSON") }
  }

  /// Whether `text` is a JSON number: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
  static func isNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = text.count
    func digits() -> Int {
      let start = i
      while i < n, text[i] >= 0x30, text[i] <= 0x39 { i += 1 }
      return i - start
    }
    if i < n, text[i] == UInt8(ascii: "-") { i += 1 }
    guard i < n else { return false }
    if text[i] == UInt8(ascii: "0") {
      i += 1
    } else if digits() == 0 {
      return false
    }
    if i < n, text[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { return false }
    }
    if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
      i += 1
      if i < n, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == n
  }
}

extension JSONRecord {
  /// The record of line `line` of `file` (a JSONL input), with the id it is known by: its own, or
  /// its line number when it has none; or the one-line error that names the file and line.
  static func parse(_ bytes: [UInt8], file: String, line: Int) -> Result<(DocumentID, JSONRecord), CLIError> {
    do {
      let record = try parse(bytes)
      let fallback = String(line)
      return .success((DocumentID(json: record.rawID ?? fallback, plain: record.plainID ?? fallback), record))
    } catch let error as Problem {
      return .failure(CLIError("\(file):\(line): \(error.message)", exitCode: 1))
    } catch {
      return .failure(CLIError("\(file):\(line): \(error)", exitCode: 1))
    }
  }
}
