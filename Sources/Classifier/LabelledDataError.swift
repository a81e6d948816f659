/// Why labelled data could not be read. Every case names the file, and the line when
/// one line is at fault, so the message can point the user straight at it.
public enum LabelledDataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path does not exist.
  case notFound(path: String)
  /// The file exists but could not be read (permissions, I/O error); `reason` says why.
  case unreadable(file: String, reason: String)
  /// The file is not valid UTF-8 text.
  case notUTF8(file: String)
  /// A file given by name whose kind is unknown (labels files end in .tsv, .jsonl, .json, .csv or .txt).
  case unsupportedFile(file: String)
  /// A line of a labels file is wrong; `problem` says how (e.g. "missing label column").
  case badLine(file: String, line: Int, problem: String)
  /// A file lacks the field that holds the text, label or source: a CSV header without the
  /// column, a Label Studio task without the `data` member. `problem` says which name was
  /// looked for and what there is instead; naming the right one in `LabelColumns` helps.
  case missingField(file: String, line: Int, field: LabelField, problem: String)
  /// Nothing labelled was found under the given paths.
  case noExamples(paths: [String])

  /// One line: `file:line: problem`, or `file: problem`.
  public var description: String {
    switch self {
    case .notFound(let path): return "\(path): no such file or directory"
    case .unreadable(let file, let reason): return "\(file): cannot read: \(reason)"
    case .notUTF8(let file): return "\(file): not UTF-8 text"
    case .unsupportedFile(let file):
      return "\(file): not a labels file (expected .tsv, .jsonl, .json, .csv or LABEL.txt)"
    case .badLine(let file, let line, let problem), .missingField(let file, let line, _, let problem):
      return "\(file):\(line): \(problem)"
    case .noExamples(let paths):
      return
        "\(paths.joined(separator: ", ")): no labelled examples found (.tsv, .jsonl, .json, .csv or LABEL.txt files)"
    }
  }

  /// Whether the error is about the input's content (bad input, exit 1) rather than
  /// about reaching the file system (a missing or unreadable path: I/O, exit 2).
  public var isInputError: Bool {
    switch self {
    case .unreadable, .notFound: return false
    default: return true
    }
  }
}
