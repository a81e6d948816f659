import Foundation
import XCTest

/// `score` over corpora: record metadata kept in the output, `--skip-bad`, `--include`/`--exclude`.
final class ScoreCorpusTests: ScratchDirectoryTestCase {
  let records = """
    {"id": "a", "outlet": "Global Times", "date": "2023-01-02", "text": "China firmly opposes the so-called Indo-Pacific strategy.", "tags": ["x", 1], "label": "gold", "n": -1.5e3}
    {"text": "The ministers met on Monday.", "outlet": "Reuters, London", "extra": null, "id": 7}

    """

  func testJSONLKeepsEveryMemberButTextInInputOrder() throws {
    let file = try write("in.jsonl", records)
    let result = try CLI.run(["score", "--model", CLI.model, "--format", "jsonl", file])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.output.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 2)
    // As written, in input order, right after the id; an input `label` is renamed.
    XCTAssertTrue(
      lines[0].hasPrefix(
        #"{"id":"a","outlet":"Global Times","date":"2023-01-02","tags":["x", 1],"input_label":"gold","n":-1.5e3,"label":"#
      ),
      lines[0])
    XCTAssertTrue(lines[1].hasPrefix(#"{"id":7,"outlet":"Reuters, London","extra":null,"label":"#), lines[1])
    let parsed = try result.jsonLines()
    XCTAssertNil(parsed[0]["text"])
    XCTAssertEqual(parsed[0]["input_label"] as? String, "gold")
    XCTAssertNotNil(parsed[0]["scores"] as? [String: Double])
    // json: the same members inside the array.
    let json = try CLI.run(["score", "--model", CLI.model, "--format", "json", file])
    let array = try XCTUnwrap(try json.json() as? [[String: Any]])
    XCTAssertEqual(array.map { $0["outlet"] as? String }, ["Global Times", "Reuters, London"])
  }

  func testCSVGivesTheFirstRecordsMembersColumns() throws {
    let file = try write("in.jsonl", records)
    let result = try CLI.run(["score", "--model", CLI.model, "--format", "csv", file])
    XCTAssertEqual(result.status, 0, result.stderr)
    let rows = result.output.split(separator: "\n").map(String.init)
    XCTAssertEqual(
      rows[0],
      "id,outlet,date,tags,input_label,n,label,sentences,p:neutral,p:pro-alliance,p:skeptical,p:state-media,"
        + "n:neutral,n:pro-alliance,n:skeptical,n:state-media")
    XCTAssertTrue(rows[1].hasPrefix(#"a,Global Times,2023-01-02,"[""x"", 1]",gold,-1.5e3,"#), rows[1])
    // The second record lacks date, tags, label and n; its extra member is named once on stderr.
    XCTAssertTrue(rows[2].hasPrefix(#"7,"Reuters, London",,,,,"#), rows[2])
    XCTAssertEqual(
      result.stderr,
      "stance: warning: \(file):2: member \"extra\" has no CSV column (the columns are the first record's members); "
        + "left out (jsonl output keeps every member)\n")
    // With sentences, every row of a document repeats its members.
    let sentences = try CLI.run(["score", "--model", CLI.model, "--format", "csv", "--sentences", file])
    let sentenceRows = sentences.output.split(separator: "\n").dropFirst()
    XCTAssertEqual(sentenceRows.filter { $0.hasPrefix("a,Global Times,2023-01-02,") }.count, 2)
  }

  func testControlCharactersAndBadUTF8InMembersComeOutAsValidJSON() throws {
    // A raw tab inside a string member and an invalid byte: tolerated on input, escaped on output.
    var line = Array(#"{"id": 1, "note": "a"#.utf8) + [0x09, 0xFF] + Array(#"b", "text": "Fine."}"#.utf8) + [0x0A]
    line += Array(#"{"id": 2, "bad": tru, "text": "Fine."}"#.utf8) + [0x0A]
    let file = try write("in.jsonl", line)
    let result = try CLI.run(["score", "--model", CLI.model, "--skip-bad", file])
    XCTAssertEqual(result.status, 0, result.stderr)
    let parsed = try result.jsonLines()
    XCTAssertEqual(parsed.count, 1)
    XCTAssertEqual(parsed[0]["note"] as? String, "a\t\u{FFFD}b")
    // `tru` is not JSON: refused rather than copied to the output.
    XCTAssertTrue(result.stderr.contains("stance: skipped \(file):2: malformed JSON\n"), result.stderr)
  }

  func testSkipBadReportsEachProblemGoesOnAndCounts() throws {
    let dir = path("corpus")
    try write(
      "corpus/a.jsonl",
      "{\"id\": 1, \"text\": \"Fine.\"}\n{\"id\": 2}\nnot json\n{\"id\": 4, \"text\": \"Also fine.\"}\n")
    // A line over the 8 MiB limit is skipped without being kept whole.
    let long = "{\"id\": 5, \"text\": \"" + String(repeating: "word ", count: (8 << 20) / 5 + 10) + "\"}\n"
    try write("corpus/b.jsonl", long + "{\"id\": 6, \"text\": \"After the long line.\"}\n")
    try write("corpus/c.txt", [0xFF, 0xFE, 0x41, 0x00])  // UTF-16: refused by name
    try write("corpus/d.txt", "A plain article.")
    let stop = try CLI.run(["score", "--model", CLI.model, dir])
    XCTAssertEqual(stop.status, 1)
    XCTAssertEqual(stop.stderr, "stance: error: \(dir)/a.jsonl:2: missing \"text\"\n")
    let result = try CLI.run(["score", "--model", CLI.model, "--skip-bad", dir])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(try result.jsonLines().map { "\($0["id"]!)" }, ["1", "4", "6", "\(dir)/d.txt"])
    XCTAssertEqual(
      result.stderr,
      """
      stance: skipped \(dir)/a.jsonl:2: missing "text"
      stance: skipped \(dir)/a.jsonl:3: malformed JSON
      stance: skipped \(dir)/b.jsonl:1: line longer than 8 MiB, the limit for one record
      stance: skipped \(dir)/c.txt: UTF-16LE text (byte-order mark); stance reads UTF-8: convert it first (iconv -f UTF-16LE -t UTF-8)
      stance: scored 4 documents; skipped 4 bad records or unreadable files

      """)
    // Nothing bad: the count still ends the run.
    let clean = try CLI.run(["score", "--model", CLI.model, "--skip-bad", path("corpus/d.txt")])
    XCTAssertEqual(clean.stderr, "stance: scored 1 documents; skipped 0 bad records or unreadable files\n")
  }

  func testIncludeAndExcludeChooseTheFilesOfAFolder() throws {
    let dir = path("corpus")
    try write("corpus/gt/articles.jsonl", "{\"id\": \"gt1\", \"text\": \"Fine.\"}\n")
    try write("corpus/gt/PROVENANCE.md", "# Where these came from")
    try write("corpus/wh/doc_index.jsonl", "{\"id\": \"wh0\"}\n")
    try write("corpus/wh/passages.jsonl", "{\"id\": \"wh1\", \"text\": \"Fine.\"}\n")
    try write("notes.md", "Named on the command line: always read.")
    func ids(_ args: [String]) throws -> [String] {
      let result = try CLI.run(["score", "--model", CLI.model] + args)
      XCTAssertEqual(result.status, 0, result.stderr)
      return try result.jsonLines().map { "\($0["id"]!)" }
    }
    XCTAssertEqual(
      try ids(["--include", "*.jsonl", "--exclude", "doc_index.jsonl", dir, path("notes.md")]),
      ["gt1", "wh1", path("notes.md")])
    // A pattern with / matches the path below the folder; includes add up.
    XCTAssertEqual(
      try ids(["--include", "gt/*", "--include", "*/passages.jsonl", "--exclude", "*.md", dir]), ["gt1", "wh1"])
    XCTAssertEqual(try ids(["--include", "nothing-matches", dir]), [])
  }
}
