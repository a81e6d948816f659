import Foundation
import XCTest

@testable import Classifier

/// The CSV reader (RFC 4180) and Label Studio tasks, case by case.
final class LabelImportTests: XCTestCase {
  func testCSVQuotingLineEndsAndBlankLines() throws {
    let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",5\" screen\n3,,\n4,last"
    let records = try CSVTable.records(text)
    XCTAssertEqual(records.map(\.line), [1, 2, 4, 6, 7])
    XCTAssertEqual(records[1].fields, ["1", "x, y", "say \"hi\""])
    XCTAssertEqual(records[2].fields, ["2", "two\nlines", "5\" screen"])
    XCTAssertEqual(records[3].fields, ["3", "", ""])
    XCTAssertEqual(records[4].fields, ["4", "last"])
    XCTAssertEqual(try CSVTable.records(""), [])
  }

  func testCSVProblemsNameTheirLine() {
    XCTAssertThrowsError(try CSVTable.records("a,b\n1,\"open\nstill open")) { error in
      XCTAssertEqual(
        error as? CSVTable.Problem, CSVTable.Problem(line: 2, message: "a quoted field that never ends (a missing \")"))
    }
    XCTAssertThrowsError(try CSVTable.records("a,b\n\n1,\"x\"y\n")) { error in
      XCTAssertEqual((error as? CSVTable.Problem)?.line, 3)
    }
  }

  func testCSVColumnsAndRowErrors() throws {
    let columns = LabelColumns(text: "Sentence", label: "code", source: "doc")
    let ok = try LabelledDataFormats.csv(
      " sentence ,CODE,doc,extra\nThe talks went on.,neutral,d1,x\n\"Allies, together.\",pro-alliance,,y\n",
      file: "f.csv", columns: columns)
    XCTAssertEqual(ok.map(\.text), ["The talks went on.", "Allies, together."])
    XCTAssertEqual(ok.map(\.source), ["d1", nil])
    XCTAssertEqual(ok.map(\.line), [2, 3])
    for (text, problem) in [
      ("sentence,code\nA,b,c\n", "f.csv:2: 3 fields, the header has 2 (an unquoted comma?)"),
      ("sentence,code\nA,\n", "f.csv:2: empty label"),
      ("sentence,code\n,neutral\n", "f.csv:2: empty text"),
    ] {
      XCTAssertThrowsError(try LabelledDataFormats.csv(text, file: "f.csv", columns: columns)) {
        XCTAssertEqual(($0 as? LabelledDataError)?.description, problem)
      }
    }
  }

  /// A task with annotations given as (choices, cancelled, updated_at).
  func task(_ annotations: [([String]?, Bool, String)], text: String = "A sentence.") -> [String: Any] {
    [
      "id": 7, "data": ["text": text, "source": 12],
      "annotations": annotations.map { choices, cancelled, time -> [String: Any] in
        [
          "was_cancelled": cancelled, "updated_at": time,
          "result": choices.map { [["type": "choices", "from_name": "stance", "value": ["choices": $0]]] } ?? [],
        ]
      },
    ]
  }

  func outcome(_ task: [String: Any], columns: LabelColumns = LabelColumns()) throws -> String {
    switch try LabelStudioExport.read(task: task, file: "e.json", line: 3, columns: columns) {
    case .labelled(let example): return "\(example.label) \(example.source ?? "-")"
    case .skipped(let reason, let field): return "skipped: \(reason)" + (field.map { " [\($0.rawValue)]" } ?? "")
    }
  }

  func testLabelStudioTakesTheLatestAnnotationNotCancelled() throws {
    let early = "2024-05-06T09:00:00.000000Z"
    let late = "2024-05-09T14:00:00.000000Z"
    XCTAssertEqual(try outcome(task([(["neutral"], false, early)])), "neutral 12")
    // Later wins, whatever the list order; a cancelled one never counts.
    XCTAssertEqual(try outcome(task([(["skeptical"], false, late), (["neutral"], false, early)])), "skeptical 12")
    XCTAssertEqual(try outcome(task([(["neutral"], false, early), (nil, true, late)])), "neutral 12")
    XCTAssertEqual(try outcome(task([])), "skipped: no annotation")
    XCTAssertEqual(try outcome(task([(["neutral"], true, early)])), "skipped: every annotation cancelled")
    XCTAssertEqual(try outcome(task([(nil, false, early)])), "skipped: the latest annotation has no choice")
    XCTAssertEqual(
      try outcome(task([(["neutral", "skeptical"], false, early)])),
      "skipped: the latest annotation picks 2 choices, not one")
    XCTAssertEqual(try outcome(task([(["neutral"], false, early)], text: "  ")), "skipped: empty text")
    XCTAssertThrowsError(try outcome(task([(["neutral"], false, early)]), columns: LabelColumns(text: "sentence"))) {
      XCTAssertTrue("\($0)".contains("e.json:3: task 7 has no data.sentence string"), "\($0)")
      XCTAssertFalse("\($0)".contains("--"), "a library error names no CLI option: \($0)")
      guard case .missingField(_, _, .text, _)? = $0 as? LabelledDataError else { return XCTFail("\($0)") }
    }
  }

  func testLabelStudioLatestByTimeNotByText() throws {
    // As text, ".5Z" sorts after ".50001Z", "00Z" after "00.000001Z", and "10:30+02:00" after
    // "09:00Z" (which is later): compared as times.
    XCTAssertEqual(
      try outcome(
        task([(["neutral"], false, "2024-05-06T09:00:00.50001Z"), (["skeptical"], false, "2024-05-06T09:00:00.5Z")])),
      "neutral 12")
    XCTAssertEqual(
      try outcome(
        task([(["skeptical"], false, "2024-05-06T10:30:00+02:00"), (["neutral"], false, "2024-05-06T09:00:00Z")])),
      "neutral 12")
    XCTAssertEqual(
      try outcome(
        task([(["neutral"], false, "2024-05-06T09:00:00.000001Z"), (["skeptical"], false, "2024-05-06T09:00:00Z")])),
      "neutral 12")
    let t = { (text: String) in AnnotationTime(text) }
    XCTAssertEqual(t("1970-01-01T00:00:00Z")?.seconds, 0)
    XCTAssertEqual(t("2024-05-06T11:00:00+02:00"), t("2024-05-06T09:00:00Z"))
    XCTAssertEqual(t("2024-05-06T04:30:00-0430"), t("2024-05-06 09:00:00"))
    XCTAssertEqual(t("2024-05-06T09:00:00,25+00"), t("2024-05-06T09:00:00.250000Z"))
    XCTAssertEqual(t("2024-05-06T09:00:00.123456789Z")?.nanoseconds, 123_456_789)
    XCTAssertEqual(t("2024-02-29"), t("2024-02-29T00:00Z"))
    for bad in ["", "2023-02-29T00:00:00Z", "2024-05-06T25:00:00Z", "2024-05-06T09:00:00.Z", "May 6", "2024-05-06T09"] {
      XCTAssertNil(t(bad), bad)
    }
  }

  func testLabelStudioRefusesUnreviewedChoices() {
    XCTAssertThrowsError(try outcome(task([(["?skeptical"], false, "2024-05-06T09:00:00Z")]))) {
      XCTAssertTrue("\($0)".hasPrefix("e.json:3: unreviewed label '?skeptical'"), "\($0)")
    }
  }

  func testLabelStudioChoiceFieldsPickedByTheLabelColumn() throws {
    var t = task([])
    t["annotations"] = [
      [
        "result": [
          ["type": "choices", "from_name": "stance", "value": ["choices": ["skeptical"]]],
          ["type": "choices", "from_name": "confidence", "value": ["choices": ["high"]]],
        ]
      ]
    ]
    XCTAssertEqual(
      try outcome(t), "skipped: choices from 2 fields (stance, confidence), none named as the label field [label]")
    XCTAssertEqual(try outcome(t, columns: LabelColumns(label: "stance")), "skeptical 12")
  }

  func testElementLinesOfAnExport() {
    let text = "[\n  {\"a\": \"[{,\\\"\"},\n  {\"b\": [1,\n 2]}, {}\n]"
    XCTAssertEqual(LabelStudioExport.elementLines(Array(text.utf8)), [2, 3, 4])
  }
}
