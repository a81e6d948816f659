import Foundation
import XCTest

/// Every `$ stance ...` example of README.md and docs/cli.md prints what the docs show: the docs
/// cannot drift from the tool. A block whose output is an excerpt shows its first lines, a `...`
/// line, and possibly its last lines; the seconds of a train run ("in 10.56 s") are not compared.
/// `python3 tools/refresh_examples.py` rewrites the examples after a retrain.
final class DocsExamplesTests: XCTestCase {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// One example: where it is, the command line as shown, its standard input, the output shown.
  struct Example {
    var place: String
    var command: String
    var stdin: Data?
    var expected: [String]
  }

  /// The examples of one Markdown file: fenced blocks that open with `$ ` (continued by lines
  /// ending in `\`), and the block after "The first command prints:" (the README's quick start).
  static func examples(in text: String, file: String) -> [Example] {
    var found: [Example] = []
    let lines = text.components(separatedBy: "\n")
    var i = 0
    var afterFirstCommand = false
    while i < lines.count {
      if lines[i].hasPrefix("The first command prints:") { afterFirstCommand = true }
      guard lines[i].hasPrefix("```") else {
        i += 1
        continue
      }
      var block: [String] = []
      i += 1
      while i < lines.count && !lines[i].hasPrefix("```") {
        block.append(lines[i])
        i += 1
      }
      i += 1
      if afterFirstCommand {
        afterFirstCommand = false
        found.append(
          Example(
            place: "\(file) (quick start)", command: "stance score examples/readout-biden-xi-2021.txt", stdin: nil,
            expected: block))
        continue
      }
      guard let first = block.first, first.hasPrefix("$ ") else { continue }
      var command = String(first.dropFirst(2))
      var rest = block.dropFirst()
      while command.hasSuffix("\\"), let next = rest.first {
        command =
          String(command.dropLast()).trimmingCharacters(in: .whitespaces) + " "
          + next.trimmingCharacters(in: .whitespaces)
        rest = rest.dropFirst()
      }
      var stdin: Data?
      if command.hasPrefix("echo '"), let close = command.dropFirst(6).firstIndex(of: "'"),
        let pipe = command[close...].range(of: "| ")
      {
        stdin = Data((String(command[command.index(command.startIndex, offsetBy: 6)..<close]) + "\n").utf8)
        command = String(command[pipe.upperBound...])
      }
      found.append(Example(place: "\(file): \(first)", command: command, stdin: stdin, expected: Array(rest)))
    }
    return found
  }

  /// `line` with the seconds of a train report masked.
  static func masked(_ line: String) -> String {
    line.replacingOccurrences(of: #" in [0-9]+(\.[0-9]+)? s$"#, with: " in <seconds> s", options: .regularExpression)
  }

  /// Whether `actual` is what `expected` shows: the same lines, or the lines before a `...` line
  /// followed (after any number of lines) by the lines after it at the end.
  static func matches(_ expected: [String], _ actual: [String]) -> Bool {
    let e = expected.map(masked)
    let a = actual.map(masked)
    guard let cut = e.firstIndex(of: "...") else { return e == a }
    let head = Array(e[..<cut])
    let tail = Array(e[(cut + 1)...])
    return a.count >= head.count + tail.count && Array(a.prefix(head.count)) == head
      && Array(a.suffix(tail.count)) == tail
  }

  func testEveryStanceExampleOfTheDocsPrintsWhatTheDocsShow() throws {
    let work = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: work) }
    // docs/cli.md's `article.txt` is seed 004, in a folder of its own.
    let articles = work.appendingPathComponent("articles")
    try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: CLI.fixtures.appendingPathComponent("seeds/004_7d4c0a3551aecea8.txt"),
      to: articles.appendingPathComponent("article.txt"))
    var examples: [Example] = []
    for file in ["README.md", "docs/cli.md"] {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      examples += Self.examples(in: text, file: file)
    }
    XCTAssertGreaterThanOrEqual(examples.count, 12, "examples found: \(examples.map(\.place))")
    let trained = work.appendingPathComponent("trained.model").path
    var outputs: [String: [String]] = [:]
    for example in examples {
      var argv = example.command.split(separator: " ").map(String.init)
      XCTAssertEqual(argv.first, "stance", example.place)
      argv.removeFirst()
      // What the docs show a terminal: score prints text there unless told otherwise (a pipeline's
      // output is not a terminal: JSON lines).
      if argv.first == "score" && !argv.contains("--format") && example.stdin == nil { argv += ["--format", "text"] }
      // A train example must not replace the shipped model: it writes elsewhere, shown as the docs name it.
      if argv.first == "train" {
        if let o = argv.firstIndex(of: "-o") { argv.removeSubrange(o...(o + 1)) }
        argv += ["-o", trained]
      }
      var shownAs: [String: String] = [trained: "models/stance.model"]
      if let model = argv.firstIndex(of: "--model"), argv[model + 1] == "/tmp/noseeds.model" {
        argv[model + 1] = try noSeedsModel(in: work)
        shownAs[argv[model + 1]] = "/tmp/noseeds.model"
      }
      let key = argv.joined(separator: " ") + String(decoding: example.stdin ?? Data(), as: UTF8.self)
      if outputs[key] == nil {
        let inArticles = argv.contains("article.txt")
        let result = try run(argv, stdin: example.stdin, in: inArticles ? articles : root)
        XCTAssertEqual(result.status, 0, "\(example.place): \(result.stderr)")
        var lines = ((argv.first == "train" ? result.stderr : "") + result.output).components(separatedBy: "\n")
        while lines.last == "" { lines.removeLast() }
        for (path, shown) in shownAs { lines = lines.map { $0.replacingOccurrences(of: path, with: shown) } }
        // Found by the default lookup, the model is printed with the checkout's absolute path.
        if argv.first == "inspect", !lines.isEmpty { lines[0] = "model:      models/stance.model" }
        if argv.first == "eval", !argv.contains("--model"), !lines.isEmpty {
          lines[0] = lines[0].replacingOccurrences(
            of: root.appendingPathComponent("models/stance.model").path, with: "models/stance.model")
        }
        outputs[key] = lines
      }
      let actual = outputs[key]!
      XCTAssertTrue(
        Self.matches(example.expected, actual),
        "\(example.place) prints something else; run tools/refresh_examples.py.\n--- docs:\n"
          + example.expected.joined(separator: "\n") + "\n--- stance:\n" + actual.joined(separator: "\n"))
    }
  }

  /// The README's held-out model: every labels file but the seeds and the companions.
  private func noSeedsModel(in work: URL) throws -> String {
    let path = work.appendingPathComponent("noseeds.model").path
    if FileManager.default.fileExists(atPath: path) { return path }
    let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("labels").path)
    let files = names.filter { $0.hasSuffix(".tsv") && !$0.contains("seeds") && $0 != "articles.tsv" }.sorted()
      .map { "labels/" + $0 }
    let result = try run(["train"] + files + ["--folds", "0", "-o", path], stdin: nil, in: root)
    XCTAssertEqual(result.status, 0, result.stderr)
    return path
  }

  /// Runs the built binary in `directory` with the default model lookup (`CLI.run` drops $STANCE_MODEL).
  private func run(_ argv: [String], stdin: Data?, in directory: URL) throws -> RunResult {
    try CLI.run(argv, stdin: stdin, in: directory)
  }

  func testTheExampleParserAndTheExcerptRule() {
    let text = """
      The first command prints:

      ```
      a: b
      ```

      ```
      $ echo '{"id": 1}' \\
          | stance score --input jsonl
      {"id":1}
      ```

      ```
      $ stance train labels/
      trained in 10.56 s
      ...
      wrote x
      ```
      """
    let found = Self.examples(in: text, file: "t.md")
    XCTAssertEqual(
      found.map(\.command),
      ["stance score examples/readout-biden-xi-2021.txt", "stance score --input jsonl", "stance train labels/"])
    XCTAssertEqual(found[1].stdin, Data("{\"id\": 1}\n".utf8))
    XCTAssertEqual(found[0].expected, ["a: b"])
    XCTAssertTrue(Self.matches(found[2].expected, ["trained in 99.1 s", "more", "lines", "wrote x"]))
    XCTAssertFalse(Self.matches(found[2].expected, ["trained in 99.1 s", "wrote y"]))
    XCTAssertFalse(Self.matches(["a", "b"], ["a", "c"]))
  }
}
