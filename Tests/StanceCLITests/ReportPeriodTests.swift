import Classifier
import XCTest

@testable import stance

/// The calendar arithmetic of the time charts and the order-free n-gram tally.
final class ReportPeriodTests: XCTestCase {
  func testDaysFromDates() {
    XCTAssertEqual(Period.day(from: "1970-01-01"), 0)
    XCTAssertEqual(Period.day(from: "2000-03-01"), 11_017)
    XCTAssertEqual(Period.day(from: "2024-02-29T23:59:00Z"), 19_782)
    XCTAssertEqual(Period.day(from: "2021-07"), Period.day(from: "2021-07-01"))
    for bad in ["2023-02-29", "2023-13-01", "23-01-01", "March 5, 2021", "", "2021-07-1", "2021-07-01x"] {
      if bad == "2021-07-01x" {
        XCTAssertNotNil(Period.day(from: bad))  // text after the day is ignored
      } else {
        XCTAssertNil(Period.day(from: bad), bad)
      }
    }
    for day in [-800, -1, 0, 1, 11_016, 19_782, 40_000] {
      let (y, m, d) = CivilDate.civil(day)
      XCTAssertEqual(CivilDate.daysFromCivil(year: y, month: m, day: d), day)
    }
  }

  func testBinsAndNames() {
    let day = Period.day(from: "2021-03-10")!  // a Wednesday
    XCTAssertEqual(Period.week.name(Period.week.bin(day)), "2021-03-08")
    XCTAssertEqual(Period.week.bin(Period.day(from: "2021-03-14")!), Period.week.bin(day))  // Sunday
    XCTAssertEqual(Period.week.bin(Period.day(from: "2021-03-15")!), Period.week.bin(day) + 1)
    XCTAssertEqual(Period.week.name(Period.week.bin(Period.day(from: "1969-12-31")!)), "1969-12-29")
    XCTAssertEqual(Period.month.name(Period.month.bin(day)), "2021-03")
    XCTAssertEqual(Period.quarter.name(Period.quarter.bin(day)), "2021 Q1")
    XCTAssertEqual(Period.year.name(Period.year.bin(day)), "2021")
    XCTAssertEqual(
      Period.month.bin(Period.day(from: "2022-01-01")!) - Period.month.bin(Period.day(from: "2021-12-31")!), 1)
  }

  func testPeriodChosenFromTheSpan() {
    func chosen(_ a: String, _ b: String) -> Period {
      Period.chosen(first: Period.day(from: a)!, last: Period.day(from: b)!)
    }
    XCTAssertEqual(chosen("2023-01-01", "2023-06-30"), .week)
    XCTAssertEqual(chosen("2021-01-01", "2023-12-31"), .month)
    XCTAssertEqual(chosen("2012-01-01", "2023-12-31"), .quarter)
    XCTAssertEqual(chosen("2007-01-27", "2026-01-01"), .year)
  }

  func testTallyIsTheSameInAnyOrder() {
    let weights: [Float] = [0.5, -1, 2, 0.25, -0.5, 1]  // 3 features × 2 labels
    let rows: [([Int32], [Float], Int)] = [([0, 2], [0.6, 0.8], 0), ([1, 2], [0.3, 0.1], 1), ([0], [1], 0)]
    func tally(_ order: [Int], split: Bool) -> NGramTally {
      let a = NGramTally(featureCount: 2, classCount: 2)  // feature 2 is beyond: not counted
      let b = NGramTally(featureCount: 2, classCount: 2)
      for (i, r) in order.enumerated() {
        let (columns, values, label) = rows[r]
        columns.withUnsafeBufferPointer { c in
          values.withUnsafeBufferPointer { v in
            weights.withUnsafeBufferPointer {
              (split && i % 2 == 1 ? b : a).add(columns: c, values: v, weights: $0, label: label)
            }
          }
        }
      }
      a.merge(b)
      return a
    }
    let one = tally([0, 1, 2], split: false)
    let other = tally([2, 0, 1], split: true)
    XCTAssertEqual(one.sums, other.sums)
    XCTAssertEqual(one.sentences, [2, 1])
    // Feature 0 towards label 0: 0.6 × 0.5 + 1 × 0.5; negative contributions are not counted.
    XCTAssertEqual(one.top(label: 0, count: 5).map(\.feature), [0])
    XCTAssertEqual(one.top(label: 0, count: 5)[0].weight, 0.8, accuracy: 1e-6)
    XCTAssertEqual(one.top(label: 1, count: 5).map(\.feature), [1])
    XCTAssertEqual(one.top(label: 1, count: 5)[0].weight, 0.3 * 0.25, accuracy: 1e-6)
  }
}
