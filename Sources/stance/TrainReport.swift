import Classifier
import Foundation
import LinearModel

/// What `stance train` says: the notes on standard error about what it could not do, and the
/// closing report on standard output (cross-validation, articles, boilerplate, the final model)
/// as text or JSON (`docs/cli.md`).
struct TrainReport {
  /// The labels that were read.
  var data: LabelledData
  /// The cross-validation, when `--folds` asked for one.
  var crossValidation: CrossValidationRun?
  /// The final model and what training noticed.
  var result: TrainingResult
  /// Where the model was written, as given.
  var output: String
  /// `--folds`.
  var folds: Int
  /// `--context-folds`.
  var contextFolds: Int
  /// Wall seconds per phase: `read`, `cross_validation`, `train`, `write` and `total`.
  var seconds: [String: Double]

  /// Notes before any training: labels too rare for the folds, and a context stage the sources
  /// cannot give.
  static func printNotesBeforeTraining(_ data: LabelledData, folds: Int, contextFolds: Int) {
    if folds >= 2 {
      // scikit-learn warns the same way: stratification cannot put such a label in every fold.
      for (label, count) in zip(data.labels, data.countsPerLabel) where count < folds {
        printError(
          "stance: warning: label '\(label)' has \(count) examples, fewer than --folds \(folds); "
            + "some folds test none of it, so its cross-validation figures are rough")
      }
    }
    let documents = Set(data.groups).count
    if contextFolds >= 2 && documents < contextFolds {
      printError(
        "stance: note: no article-context stage: it needs at least \(contextFolds) sources (--context-folds), "
          + "found \(documents)")
    } else if contextFolds >= 2 && documents == data.examples.count {
      printError(
        "stance: note: no article-context stage: every source has one sentence (give the sentences of an "
          + "article the same source to use one)")
    }
  }

  /// Notes on what training left out: the article classifier, the context stage, or the context
  /// stage of some cross-validation folds.
  static func printNotesAfterTraining(
    _ result: TrainingResult, crossValidation cv: CrossValidationRun?, folds: Int, contextFolds: Int
  ) {
    if let reason = result.articleClassifierSkipped {
      printError("stance: note: \(reason); the article rule labels articles")
    }
    if let reason = result.contextSkipped {
      printError(
        "stance: note: no article-context stage: \(reason) (too little data for --context-folds \(contextFolds))")
    }
    if let cv, cv.foldsWithoutContext > 0 {
      printError(
        "stance: note: \(cv.foldsWithoutContext) of \(folds) cross-validation folds trained one stage: "
          + "their training part was too small for the article-context stage")
    }
  }

  /// Prints the report in `format` on standard output.
  func print(_ format: ReportFormat) throws {
    switch format {
    case .json: try Reports.printJSON(json())
    case .text: Swift.print(text(), terminator: "")
    }
  }

  /// The `--format json` object: the cross-validation's eval object (or `{"folds": 0}`) with the
  /// final model's figures.
  func json() -> [String: Any] {
    let (model, fit, labels) = (result.model, result.fit, data.labels)
    var object = crossValidation.map { Reports.crossValidationJSON($0.summary, labels: labels) } ?? ["folds": 0]
    if let cv = crossValidation {
      object["alone_macro_f1"] = Reports.pair(cv.aloneMacroF1)
      object["ece"] = Reports.pair(cv.ece)
      object["ece_uncalibrated"] = Reports.pair(cv.eceUncalibrated)
      object["temperature"] = cv.calibration.temperature
      object["context_flips"] = [
        "confident_neutral": cv.confidentNeutral, "flipped": cv.flipped, "right": cv.flippedRight,
      ]
    }
    object["model"] = output
    object["seconds"] = seconds
    object["features"] = model.vectorizer.vocabulary.count
    object["examples"] = data.examples.count
    object["converged"] = fit.converged
    object["iterations"] = fit.iterations
    object["solver"] = (fit.solver ?? .lbfgs).rawValue
    object["context_folds"] = model.context == nil ? 0 : contextFolds
    if let articles = result.articleEvaluation { object["articles"] = Reports.articlesJSON(articles, labels: labels) }
    if let boilerplate = result.boilerplateEvaluation { object["boilerplate"] = Reports.boilerplateJSON(boilerplate) }
    return object
  }

  /// The text report, each line ending in a newline.
  func text() -> String {
    let (model, fit, labels) = (result.model, result.fit, data.labels)
    var out = ""
    if let cv = crossValidation {
      out += Reports.crossValidationText(cv.summary, labels: labels)
      out +=
        "sentences scored alone: macro-F1 \(Fixed.format(cv.aloneMacroF1.mean, digits: 3)) "
        + "±\(Fixed.format(cv.aloneMacroF1.std, digits: 3)); context moved \(cv.flipped) of "
        + "\(cv.confidentNeutral) confident-neutral sentences (p >= 0.8), \(cv.flippedRight) of them rightly\n"
      out +=
        "calibration: temperature \(Fixed.format(cv.calibration.temperature, digits: 3)); expected calibration error "
        + "out of fold \(Fixed.format(cv.eceUncalibrated.mean, digits: 3)) ±\(Fixed.format(cv.eceUncalibrated.std, digits: 3))"
        + " -> \(Fixed.format(cv.ece.mean, digits: 3)) ±\(Fixed.format(cv.ece.std, digits: 3))\n"
    }
    if let articles = result.articleEvaluation { out += Reports.articlesText(articles, labels: labels) }
    if let boilerplate = result.boilerplateEvaluation { out += Reports.boilerplateText(boilerplate) }
    out +=
      "trained on \(data.examples.count) examples, \(model.vectorizer.vocabulary.count) features, "
      + (fit.solver == .sgd
        ? "\(fit.iterations) epochs of sgd"
        : "\(fit.iterations) iterations\(fit.converged ? "" : " (not converged; raise --max-iter)")")
      + (model.context == nil ? "" : ", article-context stage from \(contextFolds) folds")
      + " in \(Fixed.format(seconds["train"] ?? 0, digits: 2)) s\n"
    out += "wrote \(output)\n"
    return out
  }
}
