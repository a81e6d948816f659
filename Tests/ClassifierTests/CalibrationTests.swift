import Classifier
import XCTest

final class CalibrationTests: XCTestCase {
  /// Predictions that say 0.99 but are right 70% of the time want a temperature above 1; the
  /// calibrated ones keep every argmax and are closer to the truth.
  func testTemperatureFitsOverconfidentPredictionsAndKeepsTheArgmax() {
    var p: [Float] = []
    var labels: [Int32] = []
    for i in 0..<1000 {
      let predicted = i % 3
      p += (0..<3).map { $0 == predicted ? 0.99 : 0.005 }
      labels.append(Int32(i % 10 < 7 ? predicted : (predicted + 1) % 3))
    }
    let calibration = ProbabilityCalibration.fit(p, labels: labels, classCount: 3)
    XCTAssertGreaterThan(calibration.temperature, 1)
    let q = calibration.applied(p, classCount: 3)
    for r in 0..<1000 {
      let row = q[(r * 3)..<(r * 3 + 3)]
      XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5)
      XCTAssertEqual(row.firstIndex(of: row.max()!)! - r * 3, r % 3)
    }
    XCTAssertEqual(Double(q[0]), 0.7, accuracy: 0.02, "the top probability becomes the share right")
    let before = CalibrationError.expected(p, labels: labels, classCount: 3)
    let after = CalibrationError.expected(q, labels: labels, classCount: 3)
    XCTAssertEqual(before, 0.29, accuracy: 1e-4)
    XCTAssertLessThan(after, 0.02)
  }

  func testExpectedCalibrationErrorBins() {
    // Two predictions at 0.95 (one right), two at 0.55 (both right): |0.5-0.95|/2 + |1-0.55|/2.
    let p: [Float] = [0.95, 0.05, 0.95, 0.05, 0.45, 0.55, 0.45, 0.55]
    let labels: [Int32] = [0, 1, 1, 1]
    let bins = CalibrationError.bins(p, labels: labels, classCount: 2)
    XCTAssertEqual(bins[9].count, 2)
    XCTAssertEqual(bins[5].count, 2)
    XCTAssertEqual(CalibrationError.expected(p, labels: labels, classCount: 2), 0.45, accuracy: 1e-6)
    XCTAssertFalse(ProbabilityCalibration(temperature: 0).isValid)
    XCTAssertTrue(ProbabilityCalibration(temperature: 0.9).isValid)
  }
}
