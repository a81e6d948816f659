import Features
import XCTest

@testable import Classifier
@testable import LinearModel

final class FitProgressTests: XCTestCase {
  /// The observer hears every iteration of a fit, numbered from 1, and nothing once removed.
  func testObserverHearsEachIterationInOrder() throws {
    let (x, labels) = syntheticProblem(rows: 400, features: 300, perRow: 8, classes: 4, seed: 5)
    let options = TrainingOptions(c: 10, maxIterations: 30, tolerance: 1e-6, threads: 1)
    final class Heard: @unchecked Sendable {
      let lock = NSLock()
      var iterations: [Int] = []
    }
    let heard = Heard()
    FitProgress.observe { n in
      heard.lock.lock()
      heard.iterations.append(n)
      heard.lock.unlock()
    }
    let fit = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    FitProgress.observe(nil)
    XCTAssertGreaterThan(fit.report.iterations, 3)
    XCTAssertEqual(heard.iterations, Array(1...fit.report.iterations))
    _ = try LogisticRegression.fit(
      x, labels: labels, classCount: 4, sampleWeights: nil, options: options, warmStart: nil)
    XCTAssertEqual(heard.iterations.count, fit.report.iterations)
  }
}
