import Foundation

/// Tasks exported from Label Studio: a JSON export (`.json`, an array of tasks) or tasks one a
/// line in a `.jsonl` file. A task holds its text in `data.text` and people's labels in
/// `annotations[].result[].value.choices`.
///
/// Each task is labelled by its latest annotation that was not cancelled (latest by
/// `updated_at`, else `created_at`, as ISO 8601 moments, then list order). A choice marked
/// unreviewed (`?skeptical`) is an error, as in every labels format. A task without such an annotation, or
/// whose annotation does not pick exactly one choice, is skipped and reported (`SkippedRecord`),
/// not an error: an export holds the tasks nobody labelled yet.
enum LabelStudioExport {
  /// Whether a JSON object is a Label Studio task (`data` an object, and `annotations` present).
  static func isTask(_ record: [String: Any]) -> Bool {
    record["data"] is [String: Any] && record["annotations"] != nil
  }

  /// The tasks of a JSON export `text` (an array), each read by `task`.
  /// - Parameter inFolder: the file was found in a folder rather than named: a file that is not
  ///   an export (malformed JSON, not an array, a first element that is not a task) throws
  ///   `NotLabelsFile` to be passed over, since a labels folder may hold other JSON files.
  /// - Throws: `LabelledDataError.badLine` for malformed JSON, a top level that is not an array of
  ///   tasks, or a task without its text.
  static func read(_ text: String, file: String, columns: LabelColumns, inFolder: Bool = false) throws -> (
    examples: [LabelledExample], skipped: [SkippedRecord]
  ) {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
    } catch {
      if inFolder { throw NotLabelsFile(reason: "malformed JSON, not a Label Studio export") }
      throw LabelledDataError.badLine(file: file, line: 1, problem: "malformed JSON")
    }
    let expected = "expected a Label Studio export (a JSON array of tasks)"
    guard let tasks = object as? [Any] else {
      if inFolder { throw NotLabelsFile(reason: "not a Label Studio export (a JSON array of tasks)") }
      throw LabelledDataError.badLine(file: file, line: 1, problem: expected)
    }
    if inFolder, let first = tasks.first, !((first as? [String: Any]).map(isTask) ?? false) {
      throw NotLabelsFile(reason: "not a Label Studio export (its first element is not a task)")
    }
    let lines = elementLines(Array(text.utf8))
    var examples: [LabelledExample] = []
    var skipped: [SkippedRecord] = []
    for (i, element) in tasks.enumerated() {
      let line = i < lines.count ? lines[i] : 1
      guard let task = element as? [String: Any], isTask(task) else {
        throw LabelledDataError.badLine(
          file: file, line: line,
          problem: "task \(i + 1) is not a Label Studio task (with \"data\" and \"annotations\")")
      }
      switch try read(task: task, file: file, line: line, columns: columns) {
      case .labelled(let example): examples.append(example)
      case .skipped(let reason, let field):
        skipped.append(SkippedRecord(location: "\(file):\(line)", reason: reason, field: field))
      }
    }
    return (examples, skipped)
  }

  /// What one task gives: an example, or why none (and the field whose name in `LabelColumns`
  /// would have picked a label, when naming one helps).
  enum Outcome {
    case labelled(LabelledExample)
    case skipped(String, field: LabelField? = nil)
  }

  /// One task at `line` of `file`.
  /// - Throws: `LabelledDataError.missingField` when the task has no text (a project of another
  ///   kind, or the text under another name: `columns.text`), or no source when one is required;
  ///   `.badLine` when its label is marked unreviewed.
  static func read(task: [String: Any], file: String, line: Int, columns: LabelColumns) throws -> Outcome {
    let data = task["data"] as? [String: Any] ?? [:]
    guard let body = data[columns.text] as? String else {
      throw LabelledDataError.missingField(
        file: file, line: line, field: .text,
        problem: "task\(idText(task)) has no data.\(columns.text) string "
          + "(data holds \(data.keys.sorted().joined(separator: ", ")))")
    }
    let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { return .skipped("empty text") }
    var source: String?
    if let name = columns.source {
      switch data[name] {
      case let s as String: source = s.isEmpty ? nil : s
      case let n as NSNumber: source = n.stringValue
      default:
        if columns.sourceRequired {
          throw LabelledDataError.missingField(
            file: file, line: line, field: .source, problem: "task\(idText(task)) has no data.\(name)")
        }
      }
    }
    let annotations = (task["annotations"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
    let kept = annotations.enumerated().filter { ($0.element["was_cancelled"] as? Bool) != true }
    guard
      let latest = kept.max(by: { a, b in
        let (ka, kb) = (timestamp(a.element), timestamp(b.element))
        return ka != kb ? earlier(ka, kb) : a.offset < b.offset
      })?.element
    else {
      return .skipped(annotations.isEmpty ? "no annotation" : "every annotation cancelled")
    }
    let results = (latest["result"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
    var choices = results.filter { (($0["value"] as? [String: Any])?["choices"]) != nil }
    if choices.count > 1 {
      // Several choice fields: the one named like the label column, when there is one.
      let named = choices.filter { ($0["from_name"] as? String) == columns.label }
      if named.count == 1 { choices = named }
    }
    guard choices.count == 1 else {
      if choices.isEmpty { return .skipped("the latest annotation has no choice") }
      let names = choices.map { $0["from_name"] as? String ?? "?" }.joined(separator: ", ")
      return .skipped("choices from \(choices.count) fields (\(names)), none named as the label field", field: .label)
    }
    let picked = ((choices[0]["value"] as? [String: Any])?["choices"] as? [Any] ?? []).compactMap { $0 as? String }
    guard picked.count == 1 else {
      return .skipped("the latest annotation picks \(picked.count) choices, not one")
    }
    let label = picked[0].trimmingCharacters(in: .whitespaces)
    guard !label.isEmpty else { return .skipped("an empty choice") }
    // A guess marked for review (?label) is refused here as in every other format.
    if let problem = LabelledDataFormats.unreviewed(label) {
      throw LabelledDataError.badLine(file: file, line: line, problem: problem)
    }
    return .labelled(LabelledExample(text: text, label: label, source: source, file: file, line: line))
  }

  /// ` 17` for a task with id 17, else empty.
  private static func idText(_ task: [String: Any]) -> String {
    switch task["id"] {
    case let n as NSNumber: return " \(n.stringValue)"
    case let s as String: return " \(s)"
    default: return ""
    }
  }

  /// An annotation's time: `updated_at`, else `created_at` (ISO 8601, `AnnotationTime`), else
  /// nil (before any time: such an annotation wins only by list order among its kind).
  private static func timestamp(_ annotation: [String: Any]) -> AnnotationTime? {
    for key in ["updated_at", "created_at"] {
      if let text = annotation[key] as? String, let time = AnnotationTime(text) { return time }
    }
    return nil
  }

  /// Whether time `a` comes before `b`, a missing time before any.
  private static func earlier(_ a: AnnotationTime?, _ b: AnnotationTime?) -> Bool {
    switch (a, b) {
    case (nil, nil), (_?, nil): return false
    case (nil, _?): return true
    case (let a?, let b?): return a < b
    }
  }

  /// The 1-based line on which each element of the top-level JSON array starts, so that a
  /// task's messages can name its line (JSONSerialization gives no positions).
  static func elementLines(_ bytes: [UInt8]) -> [Int] {
    var lines: [Int] = []
    var line = 1
    var depth = 0
    var inString = false
    var escaped = false
    var expectElement = false
    for b in bytes {
      if b == 0x0A { line += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if b == UInt8(ascii: "\\") {
          escaped = true
        } else if b == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      if depth == 1 && expectElement && b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != UInt8(ascii: "]") {
        lines.append(line)
        expectElement = false
      }
      switch b {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        if depth == 1 { expectElement = true }
      case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      case UInt8(ascii: ","): if depth == 1 { expectElement = true }
      default: break
      }
    }
    return lines
  }
}
