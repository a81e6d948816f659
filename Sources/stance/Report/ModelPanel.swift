import Charts
import Classifier
import Features
import LinearModel

/// The model panel: which model scored the report, its labels, what it was trained on, the
/// cross-validation figures it carries, and its reliability diagram when it is calibrated.
struct ModelPanel {
  let palette: LabelPalette
  let badge: (Int) -> String

  /// The panel for `model`, read from the file named `name` (the path the model lookup found,
  /// so that the reader knows which model it was, e.g. a project's ./models/stance.model).
  func html(_ model: TrainedModel, name: String) -> String {
    let m = model.metadata
    let labels = m.labels
    var out = "<section id=\"model\"><h2>Model</h2>"
    out += "<table class=\"facts\"><tbody>"
    out += row("file", "<code>\(e(name))</code>")
    out += row("labels", labels.indices.map(badge).joined(separator: " "))
    let perLabel = zip(labels, m.examplesPerLabel).map { "\(e($0)) \($1)" }.joined(separator: ", ")
    out += row(
      "training data",
      "\(m.trainingExamples) labelled sentences (\(perLabel)); fingerprint <code>\(e(m.trainingDataHash))</code>")
    out += row(
      "features",
      "\(m.vocabularySize) n-grams (word \(describe(m.featureSettings.wordNGrams)), character \(describe(m.featureSettings.charNGrams)))"
    )
    var training =
      "multinomial logistic regression, C \(m.trainingOptions.c), class weight \(OptionText.describe(m.trainingOptions.classWeight))"
    if model.context != nil { training += "; a second stage weighs each sentence's article context" }
    out += row("training", e(training))
    if let a = m.articleEvaluation {
      let labeller =
        m.articleClassifier.map {
          $0.readsAttribution
            ? "article classifier over sentence evidence and attribution" : "article classifier over sentence evidence"
        } ?? "article rule"
      out += row(
        "article label",
        "\(labeller); "
          + "on \(a.n) judged articles out of fold: macro-F1 \(pm(a.macroF1)), accuracy \(pm(a.accuracy))")
    }
    if let b = m.boilerplateEvaluation {
      out += row(
        "page chrome",
        "detector on \(b.pages) marked pages of \(b.outlets) outlets, each outlet left out: precision "
          + "\(Fixed.format(b.precision, digits: 3)), recall \(Fixed.format(b.recall, digits: 3))")
    }
    out += row("tool", "stance \(e(m.toolVersion))")
    out += "</tbody></table>"
    if let cv = m.crossValidation {
      out += "<h3>Sentence labels in cross-validation</h3>"
      out +=
        "<p>\(cv.folds) folds\(cv.grouped ? " grouped by source article" : ""), seed \(cv.seed), \(cv.n) sentences: "
      out += "accuracy \(pm(cv.accuracy)), macro-F1 \(pm(cv.macroF1)) (mean ± standard deviation across folds).</p>"
      out += "<table class=\"numbers\"><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th>"
      out += "<th>sentences</th></tr></thead><tbody>"
      for (c, name) in labels.enumerated() {
        guard let l = cv.labels[name] else { continue }
        out += "<tr><td>\(badge(c))</td><td>\(pm(l.precision))</td><td>\(pm(l.recall))</td><td>\(pm(l.f1))</td>"
        out += "<td>\(l.support)</td></tr>"
      }
      out += "</tbody></table>"
    }
    if let folders = m.articleEvaluation?.folders, !folders.isEmpty { out += articleFolders(folders, labels: labels) }
    if let calibration = m.calibration {
      out += "<h3>Calibration</h3><p>Sentence probabilities are rescaled by temperature "
      out += "\(Fixed.format(calibration.temperature, digits: 3))"
      if let ece = m.calibrationError {
        out += "; expected calibration error of the top label out of fold \(pm(ece.uncalibrated)) before, "
        out += "\(pm(ece.calibrated)) after"
      }
      out += ". Points on the dashed diagonal are calibrated; below it, over-confident.</p>"
      if !calibration.reliability.isEmpty {
        let before = calibration.reliability.map {
          ReliabilityDiagram.Bin(count: $0.count, confidence: $0.confidence, accuracy: $0.accuracy)
        }
        let after = calibration.reliability.map {
          ReliabilityDiagram.Bin(
            count: $0.calibratedCount, confidence: $0.calibratedConfidence, accuracy: $0.calibratedAccuracy)
        }
        let diagram = ReliabilityDiagram(
          title: "Reliability of the top sentence label, out of fold",
          curves: [
            (ChartSeries(name: "before calibration", color: "#E69F00"), before),
            (ChartSeries(name: "after calibration", color: "#0072B2"), after),
          ])
        out += "<figure>" + diagram.render(size: 300).element
        out +=
          "<figcaption>Reliability of the top sentence label, out of fold (\(cv(m)) predictions)</figcaption></figure>"
      }
    }
    return out + "</section>\n"
  }

  /// Where the article label goes right and wrong, outlet by outlet: per folder, how many of
  /// each judged label the model labelled so out of fold.
  private func articleFolders(_ folders: [ArticleFolderFigures], labels: [String]) -> String {
    var out = "<h3>Article labels by folder, out of fold</h3>"
    out += "<p>Judged articles labelled as the reader judged them, per folder (labelled right / judged).</p>"
    out += "<table class=\"numbers\"><thead><tr><th>folder</th><th>articles</th><th>accuracy</th>"
    for c in labels.indices { out += "<th>\(badge(c))</th>" }
    out += "</tr></thead><tbody>"
    for f in folders {
      out += "<tr><td>\(e(f.folder))</td><td>\(f.n)</td><td>\(Fixed.format(f.accuracy, digits: 3))</td>"
      for c in labels.indices {
        let judged = f.confusion[c].reduce(0, +)
        out += judged == 0 ? "<td></td>" : "<td>\(f.confusion[c][c]) / \(judged)</td>"
      }
      out += "</tr>"
    }
    return out + "</tbody></table>"
  }

  private func cv(_ m: ModelMetadata) -> String { m.crossValidation.map { "\($0.n)" } ?? "all" }

  private func row(_ name: String, _ value: String) -> String { "<tr><th>\(e(name))</th><td>\(value)</td></tr>" }

  private func pm(_ s: Spread) -> String { Fixed.format(s.mean, digits: 3) + " ± " + Fixed.format(s.std, digits: 3) }

  private func describe(_ range: ClosedRange<Int>?) -> String { OptionText.describe(range) }

  private func e(_ text: String) -> String { Markup.escape(text) }
}
