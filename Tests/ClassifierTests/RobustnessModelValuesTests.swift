import Features
import Foundation
import XCTest

@testable import Classifier
@testable import LinearModel

/// Issue 15, case 12: a model whose checksum is valid but whose weights are not finite, or
/// so large that a sum overflows, is refused when it is read, not scored into NaN or a trap.
final class RobustnessModelValuesTests: XCTestCase {
  /// A small two-stage model (word and character n-grams, three labels).
  static let model: TrainedModel = {
    var model = TinyModel.model
    let vectorizer = model.vectorizer
    var metadata = model.metadata
    metadata.articleContextFolds = 2
    let features = vectorizer.vocabulary.count + ArticleContext.columnsPerClass * 3
    let context = ArticleContext(
      classifier: LogisticRegression(
        classCount: 3, featureCount: features, weights: [Float](repeating: 0.5, count: features * 3),
        intercepts: [0, 0, 0]))
    model.metadata = metadata
    model.context = context
    return model
  }()

  func decode(_ model: TrainedModel) throws -> TrainedModel {
    let bytes = try ModelFile.encode(model)
    return try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") }
  }

  func testIntactTwoStageModelDecodes() throws {
    XCTAssertNotNil(try decode(Self.model).context)
  }

  func testNonFiniteOrHugeValuesAreRefused() throws {
    let bad: [Float] = [1e30, -1e21, .nan, .infinity, -.infinity]
    for value in bad {
      var edits: [(String, (inout TrainedModel) -> Void)] = []
      edits.append(("weights", { $0.classifier.weights[7] = value }))
      edits.append(("intercepts", { $0.classifier.intercepts[1] = value }))
      edits.append(
        (
          "idf",
          {
            var idf = $0.vectorizer.idf
            idf[3] = value
            $0.vectorizer = TfidfVectorizer(
              settings: $0.vectorizer.settings, vocabulary: $0.vectorizer.vocabulary, idf: idf)
          }
        ))
      for part in ["context weights", "context intercepts"] {
        edits.append(
          (
            part,
            {
              var classifier = $0.context!.classifier
              if part == "context weights" { classifier.weights[5] = value } else { classifier.intercepts[2] = value }
              $0.context = ArticleContext(classifier: classifier)
            }
          ))
      }
      for (name, edit) in edits {
        var model = Self.model
        edit(&model)
        XCTAssertThrowsError(try decode(model), "\(name) = \(value)") { error in
          guard case .corrupt(_, let detail)? = error as? ModelFileError else {
            return XCTFail("\(name) = \(value): \(error)")
          }
          XCTAssertTrue(detail.contains("not finite or beyond"), detail)
        }
      }
    }
    // Large but sane values still load.
    var model = Self.model
    model.classifier.weights[7] = 1e6
    XCTAssertNoThrow(try decode(model))
  }
}
