import Foundation

/// Parsers for the three labels file formats. Lines end in LF or CRLF; a leading
/// UTF-8 byte order mark is ignored; blank lines are skipped.
enum LabelledDataFormats {
  /// Reads one labels file, choosing the format by extension.
  static func read(file: String) throws -> [LabelledExample] {
    let text = try contents(of: file)
    switch LabelledDataFiles.fileExtension(file) {
    case "tsv": return try tsv(text, file: file)
    case "jsonl": return try jsonl(text, file: file)
    case "txt": return plainText(text, file: file, label: LabelledDataFiles.stem(file))
    default: throw LabelledDataError.unsupportedFile(file: file)
    }
  }

  /// The file's text, without a byte order mark.
  static func contents(of file: String) throws -> String {
    let data: [UInt8]
    do {
      data = try FileReading.bytes(of: file)  // pipes and FIFOs read as streams
    } catch FileReading.Failure.system(let reason) {
      throw LabelledDataError.unreadable(file: file, reason: reason)
    }
    if let encoding = FileReading.byteOrderMarkEncoding(data) {
      throw LabelledDataError.badLine(
        file: file, line: 1, problem: "\(encoding) text (byte-order mark), not UTF-8; convert it first")
    }
    guard var text = String(validating: data, as: UTF8.self) else { throw LabelledDataError.notUTF8(file: file) }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }

  /// The lines of `text` with their 1-based numbers, CR of CRLF removed.
  static func lines(_ text: String) -> [(number: Int, text: Substring)] {
    var result: [(Int, Substring)] = []
    var number = 0
    // "\r\n" is one Character in Swift, so split on both forms of line end.
    for var line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      number += 1
      if line.hasSuffix("\r") { line = line.dropLast() }
      result.append((number, line))
    }
    return result
  }

  /// `label<TAB>text[<TAB>source]` lines; `#` starts a comment line. An optional first
  /// line naming the columns (`label`, `text`, `source`, in any order; other named
  /// columns ignored) sets which column is which.
  static func tsv(_ text: String, file: String) throws -> [LabelledExample] {
    var labelColumn = 0
    var textColumn = 1
    var sourceColumn: Int? = 2
    var maximumColumns = 3
    var sawFirstLine = false
    var examples: [LabelledExample] = []
    for (number, line) in lines(text) {
      if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if !sawFirstLine {
        sawFirstLine = true
        let names = fields.map { $0.lowercased() }
        if let l = names.firstIndex(of: "label"), let t = names.firstIndex(of: "text") {
          labelColumn = l
          textColumn = t
          sourceColumn = names.firstIndex(of: "source")
          maximumColumns = Int.max  // a header may name extra columns, which are ignored
          continue
        }
        if names.contains("label") || names.contains("text") || names.contains("source") {
          throw LabelledDataError.badLine(
            file: file, line: number,
            problem: "header must name both a label and a text column, found \(names.joined(separator: ", "))")
        }
      }
      if fields.count < 2 {
        throw LabelledDataError.badLine(
          file: file, line: number, problem: "missing label column (expected label<TAB>text[<TAB>source])")
      }
      if fields.count > maximumColumns {
        throw LabelledDataError.badLine(
          file: file, line: number,
          problem: "\(fields.count) columns, expected label<TAB>text[<TAB>source] (a tab inside the text?)")
      }
      let label = labelColumn < fields.count ? fields[labelColumn] : ""
      let body = textColumn < fields.count ? fields[textColumn] : ""
      guard !label.isEmpty else {
        throw LabelledDataError.badLine(file: file, line: number, problem: "empty label")
      }
      guard !body.isEmpty else {
        throw LabelledDataError.badLine(file: file, line: number, problem: "empty text")
      }
      let source = sourceColumn.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil }
      examples.append(LabelledExample(text: body, label: label, source: source, file: file, line: number))
    }
    return examples
  }

  /// One JSON object a line: `text`, `label` (a string or a one-element list, as doccano
  /// exports; Prodigy's `accept` list is read the same way), optional `source`.
  /// Records with an `answer` other than `"accept"` (Prodigy's reject/ignore) are skipped.
  static func jsonl(_ text: String, file: String) throws -> [LabelledExample] {
    var examples: [LabelledExample] = []
    for (number, line) in lines(text) {
      if line.allSatisfy(\.isWhitespace) { continue }
      func bad(_ problem: String) -> LabelledDataError {
        .badLine(file: file, line: number, problem: problem)
      }
      let object: Any
      do {
        object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [])
      } catch {
        // Valid JSON that Foundation cannot hold: say what is wrong with the value.
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        if detail.contains("not representable") { throw bad("a number out of range (\(detail))") }
        if detail.contains("Too many nested") { throw bad("JSON nested more than 512 levels deep") }
        throw bad("malformed JSON")
      }
      guard let record = object as? [String: Any] else { throw bad("expected a JSON object") }
      if let answer = record["answer"] {
        guard let answer = answer as? String else { throw bad("\"answer\" is not a string") }
        if answer != "accept" { continue }
      }
      guard let body = record["text"] as? String else { throw bad("missing \"text\" string") }
      let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !trimmed.isEmpty else { throw bad("empty text") }
      let label = try labelValue(record["label"] ?? record["accept"], bad)
      let source: String?
      switch record["source"] {
      case nil, is NSNull: source = nil
      case let s as String: source = s.isEmpty ? nil : s
      case let n as NSNumber: source = n.stringValue
      default: throw bad("\"source\" is not a string or number")
      }
      examples.append(LabelledExample(text: trimmed, label: label, source: source, file: file, line: number))
    }
    return examples
  }

  /// The label of a JSONL record: a non-empty string or a list holding exactly one.
  private static func labelValue(_ value: Any?, _ bad: (String) -> LabelledDataError) throws -> String {
    var label: String
    switch value {
    case let s as String:
      label = s
    case let list as [Any]:
      guard list.count == 1, let s = list[0] as? String else {
        throw bad("\"label\" list must hold exactly one string, found \(list.count) items")
      }
      label = s
    case nil:
      throw bad("missing \"label\"")
    default:
      throw bad("\"label\" is not a string or a one-element list")
    }
    label = label.trimmingCharacters(in: .whitespaces)
    guard !label.isEmpty else { throw bad("empty label") }
    return label
  }

  /// `LABEL.txt`: every non-blank line is one example labelled with the file's stem.
  /// Lines are taken literally (`#` is not special, so headlines starting with it survive).
  static func plainText(_ text: String, file: String, label: String) -> [LabelledExample] {
    lines(text).compactMap { number, line in
      let body = line.trimmingCharacters(in: .whitespaces)
      return body.isEmpty ? nil : LabelledExample(text: body, label: label, source: nil, file: file, line: number)
    }
  }
}
