import Foundation
import XCTest

final class ScoreCommandTests: XCTestCase {
  /// Checks one JSON document record: probabilities sum to 1, counts add up, spans slice the text.
  func checkRecord(_ record: [String: Any], text: Data?, labels: Int = 4) throws {
    let scores = try XCTUnwrap(record["scores"] as? [String: Double])
    XCTAssertEqual(scores.count, labels)
    XCTAssertEqual(scores.values.reduce(0, +), 1, accuracy: 1e-6)
    let counts = try XCTUnwrap(record["counts"] as? [String: Int])
    let sentences = try XCTUnwrap(record["sentences"] as? Int)
    XCTAssertEqual(counts.values.reduce(0, +), sentences)
    XCTAssertNotNil(scores[try XCTUnwrap(record["label"] as? String)])
    guard let spans = record["spans"] as? [[String: Any]] else { return }
    XCTAssertEqual(spans.count, sentences)
    var previousEnd = 0
    for span in spans {
      let start = try XCTUnwrap(span["start"] as? Int)
      let end = try XCTUnwrap(span["end"] as? Int)
      XCTAssertLessThan(start, end)
      XCTAssertGreaterThanOrEqual(start, previousEnd)
      previousEnd = end
      let p = try XCTUnwrap(span["scores"] as? [String: Double])
      XCTAssertEqual(p.values.reduce(0, +), 1, accuracy: 1e-6)
      XCTAssertEqual(p.max { $0.value < $1.value }?.key, span["label"] as? String)
      if let text {
        let slice = try XCTUnwrap(
          String(data: text[start..<end], encoding: .utf8), "span \(start)..<\(end) splits a character")
        XCTAssertEqual(slice, slice.trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertFalse(slice.isEmpty)
      }
    }
  }

  func testEveryFormatScoresTheSeedArticlesInOrder() throws {
    let seeds = CLI.seeds
    XCTAssertEqual(seeds.count, 5)
    let texts = try seeds.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    // jsonl (the default when stdout is not a terminal), with spans and explanations.
    let jsonl = try CLI.run(["score", "--model", CLI.model, "--sentences", "--explain", "2"] + seeds)
    XCTAssertEqual(jsonl.status, 0, jsonl.stderr)
    XCTAssertEqual(jsonl.stderr, "")
    let records = try jsonl.jsonLines()
    XCTAssertEqual(records.map { $0["id"] as? String }, seeds)
    for (record, text) in zip(records, texts) {
      try checkRecord(record, text: text)
      XCTAssertGreaterThan(record["sentences"] as? Int ?? 0, 10)
      let spans = try XCTUnwrap(record["spans"] as? [[String: Any]])
      XCTAssertLessThanOrEqual((spans[0]["explain"] as? [Any])?.count ?? 99, 2)
      XCTAssertNotNil(record["explain"])
    }
    // json: one array, same documents; a directory is read in sorted order.
    let json = try CLI.run([
      "score", "--model", CLI.model, "--format", "json", CLI.fixtures.appendingPathComponent("seeds").path,
    ])
    XCTAssertEqual(json.status, 0, json.stderr)
    let array = try XCTUnwrap(try json.json() as? [[String: Any]])
    XCTAssertEqual(array.map { $0["id"] as? String }, seeds)
    XCTAssertEqual(array.map { $0["label"] as? String }, records.map { $0["label"] as? String })
    for record in array {
      try checkRecord(record, text: nil)
      XCTAssertNil(record["spans"])
    }
    // csv: a header and one row per document.
    let csv = try CLI.run(["score", "--model", CLI.model, "--format", "csv"] + seeds)
    XCTAssertEqual(csv.status, 0, csv.stderr)
    let rows = csv.output.split(separator: "\n")
    XCTAssertEqual(rows.count, 6)
    XCTAssertEqual(
      rows[0],
      "id,label,sentences,p:neutral,p:pro-alliance,p:skeptical,p:state-media,n:neutral,n:pro-alliance,n:skeptical,n:state-media"
    )
    XCTAssertTrue(rows[1].hasPrefix(seeds[0] + ","))
    try checkSentenceCSV(seeds: Array(seeds.prefix(2)), records: Array(records.prefix(2)), texts: texts)
    // text: one block per document, naming it and its label.
    let text = try CLI.run(["score", "--model", CLI.model, "--format", "text", "--sentences"] + seeds)
    XCTAssertEqual(text.status, 0, text.stderr)
    for (seed, record) in zip(seeds, records) {
      XCTAssertTrue(text.output.contains("\(seed): \(record["label"] as! String)\n"), text.output)
    }
  }

  /// `--format csv --sentences`: per document, a `document` row (label, sentence count, scores,
  /// counts) and then its `sentence` rows (index, span, label, scores, text), all under one header.
  func checkSentenceCSV(seeds: [String], records: [[String: Any]], texts: [Data]) throws {
    let result = try CLI.run(["score", "--model", CLI.model, "--format", "csv", "--sentences"] + seeds)
    XCTAssertEqual(result.status, 0, result.stderr)
    let rows = CSVRows.parse(result.output)
    let labels = ["neutral", "pro-alliance", "skeptical", "state-media"]
    XCTAssertEqual(
      rows[0],
      ["id", "kind", "sentence", "start", "end", "label", "sentences"] + labels.map { "p:" + $0 }
        + labels.map { "n:" + $0 } + ["text"])
    var r = 1
    for (seed, (record, text)) in zip(seeds, zip(records, texts)) {
      let document = rows[r]
      XCTAssertEqual(document.count, rows[0].count)
      XCTAssertEqual(Array(document[0...4]), [seed, "document", "", "", ""])
      XCTAssertEqual(document[5], record["label"] as? String)
      let n = try XCTUnwrap(Int(document[6]))
      XCTAssertEqual(n, record["sentences"] as? Int)
      XCTAssertEqual(document[7...10].compactMap(Double.init).reduce(0, +), 1, accuracy: 1e-5)
      XCTAssertEqual(document[11...14].compactMap(Int.init).reduce(0, +), n)
      XCTAssertEqual(document[15], "")
      for s in 1...n {
        let row = rows[r + s]
        XCTAssertEqual(row.count, rows[0].count)
        XCTAssertEqual(Array(row[0...2]), [seed, "sentence", String(s)])
        let start = try XCTUnwrap(Int(row[3]))
        let end = try XCTUnwrap(Int(row[4]))
        XCTAssertEqual(String(data: text[start..<end], encoding: .utf8), row[15])
        XCTAssertTrue(labels.contains(row[5]))
        XCTAssertEqual(row[6], "")
        XCTAssertEqual(row[7...10].compactMap(Double.init).reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertEqual(Array(row[11...14]), ["", "", "", ""])
      }
      r += 1 + n
    }
    XCTAssertEqual(rows.count, r)
  }

  /// A run that stops at a bad record still prints one valid JSON array (the documents before
  /// it), the error on standard error and a non-zero status.
  func testJSONStaysValidWhenARunStopsPartWay() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("in.jsonl")
    try "{\"id\": 1, \"text\": \"Fine.\"}\n{\"id\": 2, \"text\": \"Also fine.\"}\n{\"id\": 3, \"text\": 7}\n".write(
      to: file, atomically: true, encoding: .utf8)
    for extra in [[], ["--sentences"]] {
      let result = try CLI.run(["score", "--model", CLI.model, "--format", "json", file.path] + extra)
      XCTAssertEqual(result.status, 1)
      XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(file.path):3: "), result.stderr)
      let array = try XCTUnwrap(try result.json() as? [[String: Any]], result.output)
      XCTAssertEqual(array.map { $0["id"] as? Int }, [1, 2])
    }
    // The first line bad: an empty array.
    try "{\"id\": 1, \"text\": \"unterminated\n".write(to: file, atomically: true, encoding: .utf8)
    let empty = try CLI.run(["score", "--model", CLI.model, "--format", "json", file.path])
    XCTAssertEqual(empty.status, 1)
    XCTAssertEqual(try XCTUnwrap(try empty.json() as? [Any]).count, 0)
  }

  func testStandardInputIsOneDocument() throws {
    let article = try Data(contentsOf: URL(fileURLWithPath: CLI.seeds[2]))
    let piped = try CLI.run(["score", "--model", CLI.model, "--sentences"], stdin: article)
    XCTAssertEqual(piped.status, 0, piped.stderr)
    let fromFile = try CLI.run(["score", "--model", CLI.model, "--sentences", CLI.seeds[2]])
    let a = try piped.jsonLines()
    let b = try fromFile.jsonLines()
    XCTAssertEqual(a.count, 1)
    XCTAssertEqual(a[0]["id"] as? String, "-")
    XCTAssertEqual(a[0]["sentences"] as? Int, b[0]["sentences"] as? Int)
    XCTAssertEqual(a[0]["label"] as? String, b[0]["label"] as? String)
    try checkRecord(a[0], text: article)
  }

  /// Without explanations sentences are scored one row at a time, with them through one
  /// matrix: the labels, scores and spans are the same either way.
  func testExplanationsDoNotChangeScores() throws {
    let plain = try CLI.run(["score", "--model", CLI.model, "--sentences"] + CLI.seeds)
    let explained = try CLI.run(["score", "--model", CLI.model, "--sentences", "--explain", "3"] + CLI.seeds)
    XCTAssertEqual(plain.status, 0, plain.stderr)
    XCTAssertEqual(explained.status, 0, explained.stderr)
    func withoutExplanations(_ records: [[String: Any]]) -> [NSDictionary] {
      records.map { record in
        var record = record
        record["explain"] = nil
        record["spans"] = (record["spans"] as? [[String: Any]])?.map { span in
          var span = span
          span["explain"] = nil
          return span
        }
        return record as NSDictionary
      }
    }
    let a = withoutExplanations(try plain.jsonLines())
    XCTAssertEqual(a.count, CLI.seeds.count)
    XCTAssertEqual(a, withoutExplanations(try explained.jsonLines()))
  }

  func testJSONLStreamKeepsEveryRecordInOrderWhateverTheThreads() throws {
    let fixture = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
    let sentences = fixture.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
    var stream = ""
    for i in 0..<10_000 {
      let a = sentences[i % sentences.count]
      let b = sentences[(i * 7 + 3) % sentences.count]
      let id = i % 3 == 0 ? String(i) : "\"r\(i)\""
      let text = i % 500 == 0 ? "" : a + " " + b
      let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      stream += "{\"id\": \(id), \"meta\": {\"n\": [1, 2]}, \"text\": \"\(escaped)\"}\n"
    }
    let input = Data(stream.utf8)
    let one = try CLI.run(["score", "--model", CLI.model, "--input", "jsonl", "--threads", "1"], stdin: input)
    let two = try CLI.run(["score", "--model", CLI.model, "--input", "jsonl", "--threads", "2"], stdin: input)
    XCTAssertEqual(one.status, 0, one.stderr)
    XCTAssertEqual(two.status, 0, two.stderr)
    XCTAssertEqual(one.stdout, two.stdout)
    let records = try one.jsonLines()
    XCTAssertEqual(records.count, 10_000)
    for (i, record) in records.enumerated() {
      if i % 3 == 0 {
        XCTAssertEqual(record["id"] as? Int, i)
      } else {
        XCTAssertEqual(record["id"] as? String, "r\(i)")
      }
      if i % 500 == 0 { XCTAssertEqual(record["sentences"] as? Int, 0) }
    }
    try checkRecord(records[1], text: nil)
    try checkRecord(records[0], text: nil)
  }

  func testMalformedJSONLLineNamesFileAndLine() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("in.jsonl")
    try "{\"id\": 1, \"text\": \"Fine.\"}\n\n{\"id\": 2, \"text\": \"broken\n".write(
      to: file, atomically: true, encoding: .utf8)
    let result = try CLI.run(["score", "--model", CLI.model, file.path])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stderr, "stance: error: \(file.path):3: unterminated string\n")
    // The records before the bad line were written.
    XCTAssertEqual(try result.jsonLines().map { $0["id"] as? Int }, [1])
    let noText = dir.appendingPathComponent("b.jsonl")
    try "{\"id\": 1}\n".write(to: noText, atomically: true, encoding: .utf8)
    let missing = try CLI.run(["score", "--model", CLI.model, noText.path])
    XCTAssertEqual(missing.stderr, "stance: error: \(noText.path):1: missing \"text\"\n")
  }

  func testClosedPipeEndsQuietly() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    let seeds = CLI.seeds.map { "'\($0)'" }.joined(separator: " ")
    let command =
      "set -o pipefail; for i in 1 2 3 4 5 6 7 8; do cat \(seeds); done | "
      + "'\(CLI.binary.path)' score --model '\(CLI.model)' --input text --sentences - \(seeds) \(seeds) \(seeds) | head -c 10 >/dev/null"
    process.arguments = ["-c", command]
    let err = Pipe()
    process.standardError = err
    try process.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, stderr)
    XCTAssertEqual(stderr, "")
  }

  func testModelChoiceAndModelErrors() throws {
    let seed = CLI.seeds[0]
    let viaEnvironment = try CLI.run(["score", seed], environment: ["STANCE_MODEL": CLI.model])
    XCTAssertEqual(viaEnvironment.status, 0, viaEnvironment.stderr)
    let optionWins = try CLI.run(["score", "--model", CLI.model, seed], environment: ["STANCE_MODEL": "/nonexistent"])
    XCTAssertEqual(optionWins.status, 0, optionWins.stderr)
    let dir = try CLI.temporaryDirectory()
    let good = try Data(contentsOf: URL(fileURLWithPath: CLI.model))
    var flipped = good
    flipped[good.count / 2] ^= 1
    var newer = good
    newer[8] = 9
    let cases: [(String, Data?, String)] = [
      ("truncated.model", good.prefix(good.count - 100), "truncated model file"),
      ("flipped.model", flipped, "corrupt model file (checksum mismatch)"),
      ("magic.model", Data("NOTAMODEL and some more bytes here".utf8), "not a stance model file"),
      ("newer.model", newer, "model file format 9 is newer than this stance reads (5); upgrade stance"),
      ("empty.model", Data(), "empty file, not a stance model"),
      ("missing.model", nil, "no such model file"),
    ]
    for (name, bytes, message) in cases {
      let path = dir.appendingPathComponent(name).path
      if let bytes { try bytes.write(to: URL(fileURLWithPath: path)) }
      for command in [["score", seed], ["inspect"], ["eval", CLI.labels]] {
        let result = try CLI.run(command + ["--model", path])
        XCTAssertEqual(result.status, 2, "\(name) \(command[0]): \(result.stderr)")
        XCTAssertTrue(result.stderr.hasPrefix("stance: error: \(path): \(message)"), result.stderr)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr)
        XCTAssertTrue(result.stdout.isEmpty)
      }
    }
    let directory = try CLI.run(["score", seed, "--model", dir.path])
    XCTAssertEqual(directory.status, 2)
    XCTAssertEqual(directory.stderr, "stance: error: \(dir.path): is a directory, not a model file\n")
  }
}

/// A small RFC 4180 reader for checking CSV output (quoted fields may hold commas, quotes and
/// line breaks).
enum CSVRows {
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.unicodeScalars.append("\"")
            chars = chars.dropFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(field)
        field = ""
      } else if c == "\n" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.unicodeScalars.append(c)
      }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
  }
}
