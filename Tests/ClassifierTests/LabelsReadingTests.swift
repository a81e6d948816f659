import Foundation
import XCTest

@testable import Classifier
@testable import LinearModel

/// The fast paths of reading labels give what the plain String operations gave.
final class LabelsReadingTests: XCTestCase {
  /// The line splitting before the byte scan: by Characters, "\r\n" being one.
  private func referenceLines(_ text: String) -> [(Int, Substring)] {
    var result: [(Int, Substring)] = []
    var number = 0
    for var line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      number += 1
      if line.hasSuffix("\r") { line = line.dropLast() }
      result.append((number, line))
    }
    return result
  }

  func testLinesMatchCharacterSplitting() {
    let cases = [
      "", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\r\r\nb", "a\rb\nc", "\n\n", "\r\n", "x\r", "é\u{301}\nñ\r\nz",
      "tab\there\n  spaced  \n\u{00A0}nbsp\u{00A0}\n", "\r\n\r\nend\r",
    ]
    for text in cases {
      let fast = LabelledDataFormats.lines(text)
      let reference = referenceLines(text)
      XCTAssertEqual(fast.map(\.number), reference.map(\.0), "numbers of \(text.debugDescription)")
      XCTAssertEqual(fast.map { String($0.text) }, reference.map { String($0.1) }, "lines of \(text.debugDescription)")
    }
  }

  func testTrimmedFieldMatchesFoundation() {
    let fields = ["", " ", "a", " a", "a ", "\ta\t", "\u{00A0}x\u{3000}", "x y", "é\u{301}", "\u{2003}"]
    for field in fields {
      XCTAssertEqual(
        LabelledDataFormats.trimmedField(Substring(field)), field.trimmingCharacters(in: .whitespaces),
        field.debugDescription)
    }
  }

  func testFingerprintIsTheSortedLinesHash() throws {
    let examples = [
      LabelledExample(text: "zeta", label: "b", source: nil, file: "f", line: 1),
      LabelledExample(text: "alpha", label: "a", source: "s1", file: "f", line: 2),
      LabelledExample(text: "é accent", label: "a", source: nil, file: "f", line: 3),
      LabelledExample(text: "alpha", label: "a", source: "s1", file: "f", line: 4),
      LabelledExample(text: "alph", label: "a", source: "s", file: "f", line: 5),
    ]
    let data = LabelledData(examples: examples, keepDuplicates: true)
    // The definition: FNV-1a 64 over the sorted `label TAB text TAB source LF` lines.
    let lines = examples.map { "\($0.label)\t\($0.text)\t\($0.source ?? "")\n" }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for line in lines {
      for b in line.utf8 { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    }
    let digits = String(hash, radix: 16)
    XCTAssertEqual(data.fingerprint, String(repeating: "0", count: 16 - digits.count) + digits)
  }

  func testFingerprintIsTheSameWhateverTheThreads() {
    let examples = (0..<500).map { i in
      LabelledExample(
        text: "text \(i % 37) \(i % 5 == 0 ? "é" : "")", label: "l\(i % 3)", source: i % 4 == 0 ? nil : "s\(i % 7)",
        file: "f", line: i + 1)
    }
    let data = LabelledData(examples: examples, keepDuplicates: true)
    for threads in [2, 3, 8, 1000] {
      XCTAssertEqual(data.fingerprint(threads: threads), data.fingerprint, "\(threads) threads")
    }
    XCTAssertNotEqual(
      LabelledData(examples: Array(examples.dropLast()), keepDuplicates: true).fingerprint(threads: 2), data.fingerprint
    )
  }

  func testTSVWithSharedLabelsReadsEveryRow() throws {
    let text =
      "label\ttext\tsource\n"
      + (0..<50).map { "a_long_label_name_here\tsentence \($0)\tsource-\($0 % 3)" }
      .joined(separator: "\n")
    let examples = try LabelledDataFormats.tsv(text, file: "t.tsv")
    XCTAssertEqual(examples.count, 50)
    XCTAssertEqual(Set(examples.map(\.label)), ["a_long_label_name_here"])
    XCTAssertEqual(examples[4].source, "source-1")
    XCTAssertEqual(examples[4].line, 6)
  }
}
