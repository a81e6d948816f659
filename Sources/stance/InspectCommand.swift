import ArgumentParser
import Classifier
import Features
import Foundation

/// `stance inspect`: what a model file holds.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show a model's labels, training record and top features per label.",
    discussion: """
      Prints the labels, feature settings, training options, the training data's \
      fingerprint and size, the cross-validation results stored at training time, and the \
      n-grams with the largest weight for each label.

      Examples:
        stance inspect
        stance inspect --model models/stance.model --top 25
        stance inspect --format json | jq '.top_features["state-media"]'
      """
  )

  @Option(name: .long, help: "Model file (lookup: \(ModelLocator.lookupHelp)).")
  var model: String?

  @Option(name: .long, help: "Report format: text or json.")
  var format: ReportFormat = .text

  @Option(name: .long, help: "Top features to show per label.")
  var top: Int = 15

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 or more") }
  }

  func run() throws {
    let path = try ModelLocator.resolve(model)
    let trained = try ModelFile.read(path)
    let m = trained.metadata
    let labels = m.labels
    // The final stage decides, so its weights are the ones a reader should see.
    let final = trained.context?.classifier ?? trained.classifier
    let topFeatures = labels.indices.map { c in
      final.topFeatures(label: c, count: top).map { (trained.displayName($0.feature), $0.weight) }
    }
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      let metadata = try JSONSerialization.jsonObject(with: encoder.encode(m))
      var features: [String: Any] = [:]
      for (c, name) in labels.enumerated() {
        features[name] = topFeatures[c].map { ["feature": $0.0, "weight": Double($0.1)] as [String: Any] }
      }
      try Reports.printJSON(["model": path, "metadata": metadata, "labels": labels, "top_features": features])
    case .text:
      var out = "model:      \(path)\n"
      out += "labels:     \(labels.joined(separator: ", "))\n"
      out += "examples:   \(m.trainingExamples) ("
      out += zip(labels, m.examplesPerLabel).map { "\($0) \($1)" }.joined(separator: ", ") + ")\n"
      out += "data hash:  \(m.trainingDataHash)\n"
      out += "features:   \(m.vocabularySize) (\(describe(m.featureSettings)))\n"
      out +=
        "training:   C \(m.trainingOptions.c), class weight \(OptionText.describe(m.trainingOptions.classWeight))"
      if let fit = m.fit { out += ", \(fit.iterations) iterations\(fit.converged ? "" : " (not converged)")" }
      if let folds = m.articleContextFolds, trained.context != nil {
        out += "\nstages:     sentence n-grams, then article context (out-of-fold from \(folds) folds"
        if let prior = trained.context?.documentPrior, prior > 0 {
          out += "; document means with \(Fixed.format(Double(prior), digits: 0)) uniform pseudo-sentences"
        }
        out += ")"
      } else {
        out += "\nstages:     sentence n-grams only"
      }
      out += "\ntool:       stance \(m.toolVersion)\n"
      if let cv = m.crossValidation {
        out += "\n" + Reports.crossValidationText(cv, labels: labels)
      }
      for (c, name) in labels.enumerated() where top > 0 {
        out += "\ntop features for \(name):\n"
        for (feature, weight) in topFeatures[c] {
          out += "  \(Fixed.format(Double(weight), digits: 3).leftPadded(to: 8))  \(feature)\n"
        }
      }
      let writer = OutputWriter()
      writer.write(out)
      writer.flush()
    }
  }

  private func describe(_ s: FeatureSettings) -> String {
    var parts = [
      "words \(OptionText.describe(s.wordNGrams))", "chars \(OptionText.describe(s.charNGrams))",
      "min-df \(OptionText.describe(s.minDF))", "max-df \(OptionText.describe(s.maxDF))",
      "tokens \(TokenizerOption.describe(s.tokenPattern))",
    ]
    if let max = s.maxFeatures { parts.append("max-features \(max)") }
    parts.append(s.sublinearTF ? "sublinear tf" : "raw tf")
    return parts.joined(separator: ", ")
  }
}
