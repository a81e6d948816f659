import Foundation
import XCTest

@testable import Classifier

/// `LabelledDataTSV` reads what the Character-by-Character reading read, and the same examples
/// and errors on any number of threads.
final class TSVReadingTests: XCTestCase {
  /// The TSV reading before the byte path (stop 14), kept as the definition to compare with.
  private func referenceTSV(_ text: String, file: String) throws -> [LabelledExample] {
    var labelColumn = 0
    var textColumn = 1
    var sourceColumn: Int? = 2
    var maximumColumns = 3
    var sawFirstLine = false
    var examples: [LabelledExample] = []
    for (number, line) in LabelledDataFormats.lines(text) {
      if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      func bad(_ problem: String) -> LabelledDataError { .badLine(file: file, line: number, problem: problem) }
      if !sawFirstLine {
        sawFirstLine = true
        let names = fields.map { $0.lowercased() }
        if let l = names.firstIndex(of: "label"), let t = names.firstIndex(of: "text") {
          (labelColumn, textColumn, sourceColumn, maximumColumns) = (l, t, names.firstIndex(of: "source"), Int.max)
          continue
        }
        if names.contains("label") || names.contains("text") || names.contains("source") {
          throw bad("header must name both a label and a text column, found \(names.joined(separator: ", "))")
        }
      }
      if fields.count < 2 { throw bad("missing label column (expected label<TAB>text[<TAB>source])") }
      if fields.count > maximumColumns {
        throw bad("\(fields.count) columns, expected label<TAB>text[<TAB>source] (a tab inside the text?)")
      }
      let label = labelColumn < fields.count ? fields[labelColumn] : ""
      let body = textColumn < fields.count ? fields[textColumn] : ""
      guard !label.isEmpty else { throw bad("empty label") }
      if let problem = LabelledDataFormats.unreviewed(label) { throw bad(problem) }
      guard !body.isEmpty else { throw bad("empty text") }
      let source = sourceColumn.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil }
      examples.append(LabelledExample(text: body, label: label, source: source, file: file, line: number))
    }
    return examples
  }

  /// The examples read, or the error, as one comparable value.
  private func outcome(_ read: () throws -> [LabelledExample]) -> Result<[LabelledExample], LabelledDataError> {
    do { return .success(try read()) } catch let error as LabelledDataError { return .failure(error) } catch {
      XCTFail("unexpected \(error)")
      return .success([])
    }
  }

  private let edgeCases = [
    "", "\n", "#only", "label\ttext\tsource\na\tone\ts1\n\nb\ttwo\n", "a\tx\r\nb\ty\r\r\nc\tz\r", "a\tx\r\r",
    "a\tx\r\r\n", "#comment\n#\u{301}x\tbody\n", " \u{301}\tfoo\n", "\u{00A0}\u{3000}\nx\ty",
    "\u{00A0}lab\u{00A0}\t\u{3000}text \t src \n", "a\tb\tc\td\n", "onlyone\n", "\tbody\n", "?x\tbody\n", "a\t \n",
    "label\tsource\nx\ty\n", "Label\tText\textra\nx\ty\tz\tw\n", "text\tlabel\nhello\tpos\n",
    "a\tx\n\n\n   \n\t\nb\ty", "é\tx\n", "\u{FEFF}a\tx\n", "a\tx\rmid\n", "a\tx\u{0085}\n", "a\tx\u{2028}\n",
    "#\tnot a header\nlabel\ttext\n", "  label \t text \nx\ty\n", "a\tb\t\n", "a\tb\t \u{00A0}\n", "\r\n\r\nend\tx\r",
    "lab\u{301}\tte\u{301}\tso\u{301}\n", "a\t\u{301}text\n", "x\ty\n\u{0B}\n\u{0C}z\tw\n",
  ]

  func testReadsWhatTheCharacterReadingRead() {
    for text in edgeCases {
      let reference = outcome { try referenceTSV(text, file: "t.tsv") }
      for threads in [1, 2, 3] {
        let bytes = outcome {
          try LabelledDataTSV.read(Array(text.utf8), file: "t.tsv", threads: threads, minimumChunk: 1)
        }
        XCTAssertEqual(bytes, reference, "\(text.debugDescription), \(threads) threads")
      }
    }
  }

  /// A table of `rows` lines with comments, blank lines and CRLF ends sprinkled in.
  private func table(rows: Int) -> String { tableLines(rows: rows).joined(separator: "\n") + "\n" }

  /// The lines of `table(rows:)`, without their line feeds.
  private func tableLines(rows: Int) -> [String] {
    var lines = ["label\ttext\tsource"]
    for i in 0..<rows {
      if i % 97 == 0 { lines.append("# comment \(i)") }
      if i % 89 == 0 { lines.append("   ") }
      let end = i % 13 == 0 ? "\r" : ""
      lines.append("label\(i % 4)\tsentence number \(i), «é»\tsource-\(i % 11)\(end)")
    }
    return lines
  }

  func testTheSameExamplesWhateverTheThreads() throws {
    let bytes = Array(table(rows: 3000).utf8)
    let one = try LabelledDataTSV.read(bytes, file: "t.tsv", threads: 1)
    XCTAssertEqual(one.count, 3000)
    XCTAssertEqual(one, try referenceTSV(table(rows: 3000), file: "t.tsv"))
    for (threads, chunk) in [(2, 1), (3, 1000), (8, 64), (2, 1 << 16)] {
      XCTAssertEqual(try LabelledDataTSV.read(bytes, file: "t.tsv", threads: threads, minimumChunk: chunk), one)
    }
  }

  func testTheFirstBadLineInFileOrderWhateverTheThreads() throws {
    var lines = tableLines(rows: 3000)
    lines[700] = "label1\t"
    lines[2500] = "onlyone"
    let text = lines.joined(separator: "\n")
    let expected = LabelledDataError.badLine(file: "t.tsv", line: 701, problem: "empty text")
    for threads in [1, 2, 5] {
      XCTAssertEqual(
        outcome { try LabelledDataTSV.read(Array(text.utf8), file: "t.tsv", threads: threads, minimumChunk: 1) },
        .failure(expected))
    }
    XCTAssertEqual(outcome { try referenceTSV(text, file: "t.tsv") }, .failure(expected))
    // Not UTF-8 anywhere: that is the error, before any bad line.
    let invalid = Array(text.utf8) + [0x61, 0x09, 0xFF, 0x0A]
    let header = Array("label\tsource\n".utf8) + Array(table(rows: 3000).utf8) + [0xC3]
    for threads in [1, 2, 5] {
      for bytes in [invalid, header] {
        XCTAssertEqual(
          outcome { try LabelledDataTSV.read(bytes, file: "t.tsv", threads: threads, minimumChunk: 1) },
          .failure(.notUTF8(file: "t.tsv")))
      }
    }
  }

  func testSplitsAtLineEnds() {
    let bytes = Array("ab\ncd\nef\n\ngh".utf8)
    bytes.withUnsafeBufferPointer { all in
      for parts in 1...6 {
        let ranges = LabelledDataTSV.splitAtLineEnds(all, from: 3, parts: parts)
        XCTAssertEqual(ranges.first?.lowerBound, 3)
        XCTAssertEqual(ranges.last?.upperBound, all.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) {
          XCTAssertEqual(a.upperBound, b.lowerBound)
          XCTAssertEqual(all[a.upperBound - 1], UInt8(ascii: "\n"))
        }
        XCTAssertLessThanOrEqual(ranges.count, parts)
      }
    }
  }

  func testReadsAFileWithAByteOrderMarkOnTwoThreads() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsv-\(UUID().uuidString).tsv")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data([0xEF, 0xBB, 0xBF] + Array(table(rows: 3000).utf8)).write(to: url)
    let data = try LabelledData.read([url.path], keepDuplicates: true, threads: 2)
    XCTAssertEqual(data.examples, try referenceTSV(table(rows: 3000), file: url.path))
    XCTAssertEqual(data.labels, ["label0", "label1", "label2", "label3"])
  }
}
