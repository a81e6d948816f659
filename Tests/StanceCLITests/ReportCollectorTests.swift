import XCTest

@testable import stance

/// What the report keeps of each document for the corpus view, and the time charts' bins.
final class ReportCollectorTests: XCTestCase {
  func article(_ position: Int, label: Int, labels: Int, json: String) throws -> ReportArticle {
    let record = try JSONRecord.parse(Array(json.utf8))
    var scores = [Float](repeating: 0, count: labels)
    scores[label] = 1
    return ReportArticle(
      position: position, id: DocumentID(json: "\(position)", plain: "\(position)"), text: record.text,
      metadata: record.metadata, label: label, scores: scores, sentences: 1, boilerplate: 0)
  }

  func testModelsWithMoreThan255LabelsAreDated() throws {
    // A label index above 255 once trapped when stored in a byte.
    let labels = (0..<300).map { "label \($0)" }
    var collector = ReportCollector(
      labels: labels, neutral: nil, shown: 10, mostPerLabel: 1, by: "outlet", over: "date")
    let json = #"{"id": 1, "outlet": "A", "date": "2023-01-05", "text": "One sentence."}"#
    collector.add(try article(0, label: 299, labels: labels.count, json: json))
    collector.add(try article(1, label: 256, labels: labels.count, json: json))
    XCTAssertEqual(collector.dated.map(\.label), [299, 256])
    XCTAssertEqual(collector.groupCounts[0][299], 1)
  }

  func testOnlyTheGroupsWithPanelsAreBinned() {
    // 1,000 groups, one dated document each (two for group 7): only the panels' groups get bins.
    var dated: [(group: Int32, day: Int32, label: Int32)] = (0..<1000).map {
      (Int32($0), Int32($0 % 59), Int32($0 % 3))
    }
    dated.append((7, 40, 2))
    let period = Period.month
    let first = period.bin(0)
    let count = period.bin(58) - first + 1
    let (all, panels) = CorpusView.bins(
      dated, period: period, firstBin: first, binCount: count, labels: 3, panels: [7, 2])
    XCTAssertEqual(panels.count, 2)
    XCTAssertEqual(all.count, 2)  // January and February 1970
    XCTAssertEqual(all.reduce(0) { $0 + $1.reduce(0, +) }, 1001)
    // Group 7: days 7 (January, label 1) and 40 (February, label 2).
    XCTAssertEqual(panels[0], [[0, 1, 0], [0, 0, 1]])
    // Group 2: day 2, label 2.
    XCTAssertEqual(panels[1], [[0, 0, 1], [0, 0, 0]])
  }
}
