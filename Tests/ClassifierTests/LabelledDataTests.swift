import Foundation
import XCTest

@testable import Classifier

final class LabelledDataTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("labelled-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func testTSVWithHeaderCommentsCRLFAndBOM() throws {
    let path = try write(
      "a.tsv",
      "\u{FEFF}label\ttext\tsource\r\n# a comment\r\nneutral\tThe talks were held on Monday.\tart-1\r\n\r\n"
        + "state-media\tA Cold War mentality.\tart-1\r\nskeptical\tCosts fall on the allies.\r\n")
    let data = try LabelledData.read([path])
    XCTAssertEqual(data.examples.count, 3)
    XCTAssertEqual(data.labels, ["neutral", "skeptical", "state-media"])
    XCTAssertEqual(data.examples[0].text, "The talks were held on Monday.")
    XCTAssertEqual(data.examples[0].source, "art-1")
    XCTAssertEqual(data.examples[0].line, 3)
    XCTAssertNil(data.examples[2].source)
    XCTAssertEqual(data.labelIndices, [0, 2, 1])
    XCTAssertEqual(data.groups[0], data.groups[1])
    XCTAssertNotEqual(data.groups[2], data.groups[0])
  }

  func testDocumentsNumberSourcesInOrderOfFirstAppearance() throws {
    let path = try write(
      "d.tsv",
      "neutral\tTalks began.\tart-2\nneutral\tNo source here.\nskeptical\tCosts rose.\tart-1\n"
        + "neutral\tTalks ended.\tart-2\nneutral\tNor here.\n")
    let data = try LabelledData.read([path])
    // Rows without a source are each a document of their own.
    XCTAssertEqual(data.documents, [0, 1, 2, 0, 3])
    XCTAssertEqual(LabelledData.documentNumbers(["b", "a", "b", "c", "a"]), [0, 1, 0, 2, 1])
    XCTAssertEqual(LabelledData.documentNumbers([]), [])
  }

  func testTSVHeaderMayReorderColumns() throws {
    let path = try write("b.tsv", "id\ttext\tlabel\n7\tAllies stand together.\tpro-alliance\n")
    let data = try LabelledData.read([path])
    XCTAssertEqual(data.examples.map(\.label), ["pro-alliance"])
    XCTAssertEqual(data.examples.map(\.text), ["Allies stand together."])
  }

  func testTSVMissingLabelColumnNamesFileAndLine() throws {
    let path = try write("x.tsv", "neutral\tfine\nno tab on this line\n")
    XCTAssertThrowsError(try LabelledData.read([path])) { error in
      guard case LabelledDataError.badLine(let file, let line, let problem) = error else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(file, path)
      XCTAssertEqual(line, 2)
      XCTAssertTrue(problem.hasPrefix("missing label column"), problem)
      XCTAssertTrue("\(error)".hasPrefix("\(path):2: missing label column"))
    }
  }

  func testJSONLStringListAndProdigyAnswers() throws {
    let path = try write(
      "c.jsonl",
      """
      {"text": "Hegemony again.", "label": "state-media", "source": 12}
      {"text": "Ironclad.", "label": ["pro-alliance"]}
      {"text": "Rejected one.", "label": "neutral", "answer": "reject"}
      {"text": "Accepted one.", "accept": ["neutral"], "answer": "accept"}

      """)
    let data = try LabelledData.read([path])
    XCTAssertEqual(data.examples.map(\.text), ["Hegemony again.", "Ironclad.", "Accepted one."])
    XCTAssertEqual(data.examples.map(\.label), ["state-media", "pro-alliance", "neutral"])
    XCTAssertEqual(data.examples[0].source, "12")
    XCTAssertEqual(data.examples[2].line, 4)
  }

  func testJSONLMalformedLineNamesFileAndLine() throws {
    let path = try write("d.jsonl", "{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"broken\"\n")
    XCTAssertThrowsError(try LabelledData.read([path])) { error in
      XCTAssertEqual(error as? LabelledDataError, .badLine(file: path, line: 2, problem: "malformed JSON"))
    }
    let two = try write("e.jsonl", "{\"text\": \"x\", \"label\": [\"a\", \"b\"]}\n")
    XCTAssertThrowsError(try LabelledData.read([two])) { error in
      XCTAssertTrue("\(error)".hasPrefix("\(two):1: \"label\" list must hold exactly one"), "\(error)")
    }
  }

  func testDirectoryReadsAllFormatsInSortedOrder() throws {
    try write("dir/z/neutral.txt", "Ministers met.\n\nThey talked.\n")
    try write("dir/a.tsv", "skeptical\tInterests diverge.\n")
    try write("dir/m.jsonl", "{\"text\": \"So-called rules.\", \"label\": \"state-media\"}\n")
    try write("dir/notes.md", "ignored\n")
    try write("dir/.hidden.tsv", "x\ty\n")
    let data = try LabelledData.read([directory.appendingPathComponent("dir").path])
    XCTAssertEqual(data.files.map { ($0 as NSString).lastPathComponent }, ["a.tsv", "m.jsonl", "neutral.txt"])
    XCTAssertEqual(
      data.examples.map(\.text), ["Interests diverge.", "So-called rules.", "Ministers met.", "They talked."])
    XCTAssertEqual(data.examples[3].label, "neutral")
    XCTAssertEqual(data.examples[3].line, 3)
  }

  func testDuplicatesDroppedAndConflictsDroppedAndReported() throws {
    let path = try write(
      "f.tsv",
      "neutral\tSame text.\nneutral\tSame text.\nneutral\tClash.\nskeptical\tClash.\nskeptical\tOther.\n")
    let data = try LabelledData.read([path])
    XCTAssertEqual(data.examples.map(\.text), ["Same text.", "Other."])
    XCTAssertEqual(data.duplicatesDropped, 1)
    XCTAssertEqual(data.conflicts.count, 1)
    XCTAssertEqual(data.conflicts[0].text, "Clash.")
    XCTAssertEqual(data.conflicts[0].occurrences.map(\.label), ["neutral", "skeptical"])
    XCTAssertEqual(data.conflicts[0].occurrences.map(\.location), ["\(path):3", "\(path):4"])
  }

  func testKeepDuplicatesKeepsEveryRowAndStillListsConflicts() throws {
    let path = try write(
      "f.tsv",
      "neutral\tSame text.\nneutral\tSame text.\nneutral\tClash.\nskeptical\tClash.\nskeptical\tOther.\n")
    let data = try LabelledData.read([path], keepDuplicates: true)
    XCTAssertEqual(data.examples.map(\.text), ["Same text.", "Same text.", "Clash.", "Clash.", "Other."])
    XCTAssertEqual(data.labelIndices, [0, 0, 0, 1, 1])
    XCTAssertEqual(data.duplicatesDropped, 0)
    XCTAssertEqual(data.conflicts.map(\.text), ["Clash."])
  }

  func testFingerprintIgnoresOrderButNotContent() throws {
    let a = try LabelledData.read([try write("g.tsv", "a\tone\nb\ttwo\n")])
    let b = try LabelledData.read([try write("h.tsv", "b\ttwo\na\tone\n")])
    let c = try LabelledData.read([try write("i.tsv", "b\ttwo\na\tOne\n")])
    XCTAssertEqual(a.fingerprint, b.fingerprint)
    XCTAssertNotEqual(a.fingerprint, c.fingerprint)
    XCTAssertEqual(a.fingerprint.count, 16)
  }

  func testMissingPathUnknownFileAndEmptyInput() throws {
    XCTAssertThrowsError(try LabelledData.read([directory.appendingPathComponent("nope").path])) {
      guard case LabelledDataError.notFound = $0 else { return XCTFail("\($0)") }
    }
    let md = try write("j.md", "x\n")
    XCTAssertThrowsError(try LabelledData.read([md])) {
      XCTAssertEqual($0 as? LabelledDataError, .unsupportedFile(file: md))
    }
    let empty = try write("k.tsv", "# only a comment\n")
    XCTAssertThrowsError(try LabelledData.read([empty])) {
      XCTAssertEqual($0 as? LabelledDataError, .noExamples(paths: [empty]))
    }
  }
}
