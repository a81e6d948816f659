import Foundation

/// Parsers for the labels file formats. Lines end in LF or CRLF; a leading
/// UTF-8 byte order mark is ignored; blank lines are skipped.
enum LabelledDataFormats {
  /// Reads one labels file, choosing the format by extension; `columns` name the fields of CSV
  /// files and Label Studio tasks. Returns the examples and the records skipped (Label Studio
  /// tasks nobody labelled).
  /// - Parameter inFolder: the file was found in a folder: a `.json` that is no Label Studio
  ///   export or a `.csv` without text and label columns throws `NotLabelsFile` (folders hold
  ///   other such files: metadata, score tables) instead of an error.
  /// - Parameter threads: threads a large `.tsv` file is parsed on (the examples and errors do
  ///   not depend on it).
  static func read(file: String, columns: LabelColumns = LabelColumns(), inFolder: Bool = false, threads: Int = 1)
    throws -> (examples: [LabelledExample], skipped: [SkippedRecord])
  {
    let format = LabelledDataFiles.fileExtension(file)
    if format == "tsv" { return (try LabelledDataTSV.read(try bytes(of: file), file: file, threads: threads), []) }
    let text = try contents(of: file)
    switch format {
    case "jsonl": return try jsonlRecords(text, file: file, columns: columns)
    case "json": return try LabelStudioExport.read(text, file: file, columns: columns, inFolder: inFolder)
    case "csv": return (try csv(text, file: file, columns: columns, inFolder: inFolder), [])
    case "txt": return (plainText(text, file: file, label: LabelledDataFiles.stem(file)), [])
    default: throw LabelledDataError.unsupportedFile(file: file)
    }
  }

  /// A CSV file (RFC 4180, `CSVTable`) with a header naming its columns: `columns.text`,
  /// `columns.label` and, when present (or required), `columns.source`; other columns ignored.
  /// Header names match without regard to case and surrounding spaces.
  /// With `inFolder`, a file whose header lacks the text or the label column throws
  /// `NotLabelsFile`: it is some other table.
  static func csv(_ text: String, file: String, columns: LabelColumns, inFolder: Bool = false) throws
    -> [LabelledExample]
  {
    func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }
    let notLabels = NotLabelsFile(reason: "no \"\(columns.text)\" and \"\(columns.label)\" columns in its header")
    let records: [CSVTable.Record]
    do {
      records = try CSVTable.records(text)
    } catch let problem as CSVTable.Problem {
      // A broken table in a folder is only the user's labels if its first line names their columns.
      let first = text.prefix { $0 != "\n" && $0 != "\r\n" }.split(separator: ",").map {
        key(String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")))
      }
      if inFolder && !(first.contains(key(columns.text)) && first.contains(key(columns.label))) { throw notLabels }
      throw LabelledDataError.badLine(file: file, line: problem.line, problem: problem.message)
    }
    guard let header = records.first else { return [] }
    let names = header.fields.map(key)
    func column(_ name: String) -> Int? { names.firstIndex(of: key(name)) }
    if inFolder && (column(columns.text) == nil || column(columns.label) == nil) { throw notLabels }
    func missing(_ field: LabelField, _ name: String) -> LabelledDataError {
      .missingField(
        file: file, line: header.line, field: field,
        problem: "no \(field.rawValue) column \"\(name)\" in the header (\(header.fields.joined(separator: ", ")))")
    }
    guard let textColumn = column(columns.text) else { throw missing(.text, columns.text) }
    guard let labelColumn = column(columns.label) else { throw missing(.label, columns.label) }
    let sourceColumn = columns.source.flatMap(column)
    if columns.sourceRequired && sourceColumn == nil, let name = columns.source {
      throw missing(.source, name)
    }
    var examples: [LabelledExample] = []
    for record in records.dropFirst() {
      func bad(_ problem: String) -> LabelledDataError { .badLine(file: file, line: record.line, problem: problem) }
      guard record.fields.count == header.fields.count else {
        throw bad("\(record.fields.count) fields, the header has \(header.fields.count) (an unquoted comma?)")
      }
      let label = record.fields[labelColumn].trimmingCharacters(in: .whitespaces)
      let body = record.fields[textColumn].trimmingCharacters(in: .whitespacesAndNewlines)
      guard !label.isEmpty else { throw bad("empty label") }
      if let problem = unreviewed(label) { throw bad(problem) }
      guard !body.isEmpty else { throw bad("empty text") }
      let source = sourceColumn.map { record.fields[$0].trimmingCharacters(in: .whitespaces) }
      examples.append(
        LabelledExample(
          text: body, label: label, source: source?.isEmpty == false ? source : nil, file: file, line: record.line))
    }
    return examples
  }

  /// The file's text, without a byte order mark.
  static func contents(of file: String) throws -> String {
    let data = try bytes(of: file)
    guard let text = String(validating: data, as: UTF8.self) else { throw LabelledDataError.notUTF8(file: file) }
    return text
  }

  /// The file's bytes, without a UTF-8 byte order mark; not yet checked to be UTF-8.
  /// - Throws: `.unreadable`, or `.badLine` at line 1 for a UTF-16 or UTF-32 byte order mark.
  static func bytes(of file: String) throws -> [UInt8] {
    var data: [UInt8]
    do {
      data = try FileReading.bytes(of: file)  // pipes and FIFOs read as streams
    } catch FileReading.Failure.system(let reason) {
      throw LabelledDataError.unreadable(file: file, reason: reason)
    }
    if let encoding = FileReading.byteOrderMarkEncoding(data) {
      throw LabelledDataError.badLine(
        file: file, line: 1, problem: "\(encoding) text (byte-order mark), not UTF-8; convert it first")
    }
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
    return data
  }

  /// `field` less leading and trailing `.whitespaces`, as `trimmingCharacters(in:)` gives it;
  /// a field that starts and ends with other characters (nearly all) skips Foundation's trim,
  /// which dominated reading a million-row table.
  static func trimmedField(_ field: Substring) -> String {
    let whitespace = CharacterSet.whitespaces
    guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last else { return "" }
    if whitespace.contains(first) || whitespace.contains(last) {
      return field.trimmingCharacters(in: .whitespaces)
    }
    return String(field)
  }

  /// The lines of `text` with their 1-based numbers, CR of CRLF removed.
  static func lines(_ text: String) -> [(number: Int, text: Substring)] {
    var result: [(Int, Substring)] = []
    var number = 0
    // Lines end at "\n" or "\r\n" (one Character in Swift). The bytes are scanned rather than
    // the Characters (grapheme breaking was most of reading a large table); a line feed is always
    // a Character boundary on both sides, and so is the point before a carriage return.
    let utf8 = text.utf8
    var start = utf8.startIndex
    var i = start
    while i != utf8.endIndex {
      if utf8[i] == UInt8(ascii: "\n") {
        var end = i
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        number += 1
        result.append((number, strippingCarriageReturn(text[start..<end])))
        start = utf8.index(after: i)
      }
      i = utf8.index(after: i)
    }
    number += 1
    result.append((number, strippingCarriageReturn(text[start..<utf8.endIndex])))
    return result
  }

  /// A line less one trailing "\r" (a lone carriage return before the line end).
  private static func strippingCarriageReturn(_ line: Substring) -> Substring {
    line.hasSuffix("\r") ? line.dropLast() : line
  }

  /// `label<TAB>text[<TAB>source]` lines; `#` starts a comment line. An optional first
  /// line naming the columns (`label`, `text`, `source`, in any order; other named
  /// columns ignored) sets which column is which (`LabelledDataTSV`).
  static func tsv(_ text: String, file: String) throws -> [LabelledExample] {
    try LabelledDataTSV.read(Array(text.utf8), file: file)
  }

  /// One JSON object a line: `text`, `label` (a string or a one-element list, as doccano
  /// exports; Prodigy's `accept` list is read the same way), optional `source`.
  /// Records with an `answer` other than `"accept"` (Prodigy's reject/ignore) are skipped.
  static func jsonl(_ text: String, file: String) throws -> [LabelledExample] {
    try jsonlRecords(text, file: file, columns: LabelColumns()).examples
  }

  /// `jsonl`, where a line may also be a Label Studio task (`LabelStudioExport`); returns the
  /// tasks skipped beside the examples.
  static func jsonlRecords(_ text: String, file: String, columns: LabelColumns) throws -> (
    examples: [LabelledExample], skipped: [SkippedRecord]
  ) {
    var examples: [LabelledExample] = []
    var skipped: [SkippedRecord] = []
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
      if record["text"] == nil && LabelStudioExport.isTask(record) {
        switch try LabelStudioExport.read(task: record, file: file, line: number, columns: columns) {
        case .labelled(let example): examples.append(example)
        case .skipped(let reason, let field):
          skipped.append(SkippedRecord(location: "\(file):\(number)", reason: reason, field: field))
        }
        continue
      }
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
    return (examples, skipped)
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
    if let problem = unreviewed(label) { throw bad(problem) }
    return label
  }

  /// The problem with a label marked unreviewed (`?skeptical`: a model's guess written for a
  /// person to check), or nil for a label of its own.
  static func unreviewed(_ label: String) -> String? {
    guard label.hasPrefix("?") else { return nil }
    return "unreviewed label '\(label)' (a guess marked for review): replace it with the label the text deserves, "
      + "or delete the line"
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

/// Equal strings stored once: a large table repeats a few labels (and sources) on every row, and
/// each copy longer than 15 bytes would be a heap block of its own (tens of MB at a million rows).
struct SharedStrings {
  private var seen: Set<String> = []

  /// `string`, or the equal string seen before (sharing its storage).
  mutating func intern(_ string: String) -> String {
    if let known = seen.firstIndex(of: string) { return seen[known] }
    seen.insert(string)
    return string
  }
}
