import Features
import LinearModel

/// How a trained model does on labelled sentences it is given (`TrainedModel.evaluate`).
public struct ModelEvaluation: Sendable {
  /// Accuracy, per-label precision, recall and F1, and the confusion matrix.
  public var metrics: Metrics
  /// Each example's true label, an index into the model's labels.
  public var truth: [Int32]
  /// Each example's predicted label (the most probable, lowest index among equals).
  public var predicted: [Int32]
  /// `examples × classCount` probabilities, row-major, as `stance score` reports them
  /// (calibrated when the model carries a calibration); each row sums to 1.
  public var probabilities: [Float]
}

extension TrainedModel {
  /// Scores every example of `data` as training saw it (the sentences of one source are one
  /// document, so the context stage sees them together) and measures the predictions.
  ///
  /// - Parameter threads: worker threads (>= 1); the result does not depend on it.
  /// - Throws: `LabelledDataError.badLine` naming the first example whose label the model lacks.
  public func evaluate(_ data: LabelledData, threads: Int) throws -> ModelEvaluation {
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
    var truth: [Int32] = []
    truth.reserveCapacity(data.examples.count)
    for e in data.examples {
      guard let c = index[e.label] else {
        throw LabelledDataError.badLine(
          file: e.file, line: e.line,
          problem: "label '\(e.label)' is not one of the model's labels (\(labels.joined(separator: ", ")))")
      }
      truth.append(c)
    }
    let x = vectorizer.transform(data.texts, threads: threads)
    let decision = decide(x, documentOf: data.documents, threads: threads)
    let predicted = decision.predictions
    let k = labels.count
    return ModelEvaluation(
      metrics: Metrics(truth: truth, predicted: predicted, classCount: k), truth: truth, predicted: predicted,
      probabilities: metadata.calibration?.applied(decision.probabilities, classCount: k) ?? decision.probabilities)
  }
}
