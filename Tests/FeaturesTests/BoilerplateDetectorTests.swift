import Features
import XCTest

final class BoilerplateDetectorTests: XCTestCase {
  let page =
    "PUBLISHED : 22 Nov 2024 at 04:00\nWRITER:\nThe alliance has never looked weaker, and Tokyo knows it.\n"
    + "ADVERTISEMENT\nAllies will not pay for a war they did not choose.\nRELATED\nXi calls for closer ties\n"

  func testFeaturesAreOneRowPerSpanInTheUnitRange() {
    let spans = SentenceSplitter().split(page)
    XCTAssertEqual(spans.count, 7)
    let x = SpanShape.features(page, spans: spans)
    XCTAssertEqual(x.count, spans.count * SpanShape.count)
    XCTAssertTrue(x.allSatisfy { (0...1).contains($0) })
    let f = SpanShape.count
    let terminal = SpanShape.names.firstIndex(of: "terminal punctuation")!
    let colon = SpanShape.names.firstIndex(of: "ends with colon")!
    let clock = SpanShape.names.firstIndex(of: "clock time")!
    XCTAssertEqual(x[2 * f + terminal], 1, "a prose sentence ends with a period")
    XCTAssertEqual(x[3 * f + terminal], 0)
    XCTAssertEqual(x[1 * f + colon], 1, "WRITER:")
    XCTAssertEqual(x[0 * f + clock], 1, "04:00")
  }

  func testMarkAndTheAllChromeRule() {
    // A detector that calls every short span without a sentence end chrome.
    var weights = [Double](repeating: 0, count: SpanShape.count)
    weights[SpanShape.names.firstIndex(of: "short fragment")!] = 4
    let detector = BoilerplateDetector(weights: weights, bias: -2)
    XCTAssertTrue(detector.isCompatible)
    let spans = SentenceSplitter().split(page)
    XCTAssertEqual(detector.mark(page, spans: spans), [true, true, false, true, false, true, true])
    // A headline alone is what the user asked to score: never all chrome.
    let headline = "Xi calls for closer ties"
    XCTAssertEqual(detector.mark(headline, spans: SentenceSplitter().split(headline)), [false])
    // Three spans are a record, not a page: the same detector marks none of them.
    let record = "Xi calls for closer ties\n\nNo date\n\nThe ministers met on Monday."
    let recordSpans = SentenceSplitter().split(record)
    XCTAssertEqual(recordSpans.count, 3)
    XCTAssertEqual(detector.probabilities(record, spans: recordSpans).map { $0 > 0.5 }, [true, true, false])
    XCTAssertEqual(detector.mark(record, spans: recordSpans), [false, false, false])
    XCTAssertFalse(BoilerplateDetector(weights: [1], bias: 0).isCompatible)
  }
}
