import Classifier
import XCTest
import LinearModel

final class MetricsTests: XCTestCase {
  func testHandComputedValues() {
    // truth:     0 0 0 1 1 2 2 2 2 2
    // predicted: 0 1 0 1 2 2 2 0 2 2
    let truth: [Int32] = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2]
    let predicted: [Int32] = [0, 1, 0, 1, 2, 2, 2, 0, 2, 2]
    let m = Metrics(truth: truth, predicted: predicted, classCount: 4)
    XCTAssertEqual(m.count, 10)
    XCTAssertEqual(m.accuracy, 0.7, accuracy: 1e-12)
    XCTAssertEqual(m.confusion, [[2, 1, 0, 0], [0, 1, 1, 0], [1, 0, 4, 0], [0, 0, 0, 0]])
    XCTAssertEqual(m.support, [3, 2, 5, 0])
    // label 0: precision 2/3, recall 2/3; label 1: 1/2, 1/2; label 2: 4/5, 4/5; label 3: 0.
    XCTAssertEqual(m.precision[0], 2.0 / 3, accuracy: 1e-12)
    XCTAssertEqual(m.recall[1], 0.5, accuracy: 1e-12)
    XCTAssertEqual(m.f1[2], 0.8, accuracy: 1e-12)
    XCTAssertEqual(m.f1[3], 0)
    XCTAssertEqual(m.macroF1, (2.0 / 3 + 0.5 + 0.8 + 0) / 4, accuracy: 1e-12)
    XCTAssertEqual(m.microF1, 0.7, accuracy: 1e-12)
  }

  func testUnequalPrecisionAndRecall() {
    let m = Metrics(truth: [0, 0, 0, 0, 1], predicted: [0, 1, 1, 1, 1], classCount: 2)
    XCTAssertEqual(m.precision[0], 1)
    XCTAssertEqual(m.recall[0], 0.25)
    XCTAssertEqual(m.f1[0], 0.4, accuracy: 1e-12)
    XCTAssertEqual(m.precision[1], 0.25)
    XCTAssertEqual(m.recall[1], 1)
    XCTAssertEqual(m.macroF1, 0.4, accuracy: 1e-12)
  }

  func testRoundTripsThroughJSON() throws {
    let m = Metrics(truth: [0, 1, 1], predicted: [0, 1, 0], classCount: 2)
    let decoded = try JSONDecoder().decode(Metrics.self, from: JSONEncoder().encode(m))
    XCTAssertEqual(decoded, m)
  }
}
