import ArgumentParser
import Classifier
import Features
import Foundation

/// `stance eval`: measure a trained model on held-out labelled sentences.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate a trained model on held-out labelled sentences.",
    discussion: """
      LABELS are read as by `stance train` (default: labels/). Every sentence is classified \
      (no document rule; with a two-stage model, the sentences of one source, in file order, \
      are its article) and compared with its label: accuracy, macro-F1, \
      per-label precision, recall and F1, and the confusion matrix. Use data the model was \
      not trained on, or the figures are optimistic. --errors lists every misclassified \
      example: file and line, its label, the predicted label, the scores (calibrated when the \
      model is) and the text.

      Examples:
        stance eval held-out.tsv
        stance eval held-out/ --model models/stance.model --format json
        stance eval held-out.tsv --errors --format json
      """
  )

  @Argument(help: "Labels files or directories (default: labels/).")
  var labels: [String] = []

  @Option(name: .long, help: "Model file (lookup: \(ModelLocator.lookupHelp)).")
  var model: String?

  @Option(name: .long, help: "Report format: text or json.")
  var format: ReportFormat = .text

  @OptionGroup(title: "Labels files with named fields (CSV, Label Studio)")
  var columnOptions: LabelColumnOptions

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  @Flag(
    name: .long,
    help: "Score repeated rows as separate examples (default: as train reads labels, duplicates dropped).")
  var keepDuplicates = false

  @Flag(name: .long, help: "List every misclassified example (file:line, label, predicted, scores, text).")
  var errors = false

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    let path = try ModelLocator.resolve(model)
    let trained = try ModelFile.read(path)
    let data = try LabelledData.read(
      labels.isEmpty ? ["labels"] : labels, keepDuplicates: keepDuplicates, columns: columnOptions.columns,
      threads: threadCount(threads))
    if format == .text { ReadReport.printSkipped(data) }
    let evaluation = try trained.evaluate(data, threads: threadCount(threads))
    let (metrics, predicted, scores) = (evaluation.metrics, evaluation.predicted, evaluation.probabilities)
    let truth = evaluation.truth
    let k = trained.labels.count
    let wrong = predicted.indices.filter { predicted[$0] != truth[$0] }
    switch format {
    case .json:
      var object = Reports.evaluationJSON(metrics, labels: trained.labels)
      object["model"] = path
      if errors {
        object["errors"] = wrong.map { i -> [String: Any] in
          let e = data.examples[i]
          var perLabel: [String: Double] = [:]
          for (c, name) in trained.labels.enumerated() { perLabel[name] = Double(scores[i * k + c]) }
          return [
            "file": e.file, "line": e.line, "label": e.label, "predicted": trained.labels[Int(predicted[i])],
            "scores": perLabel, "text": e.text,
          ]
        }
      }
      try Reports.printJSON(object)
    case .text:
      print("model \(path); \(data.examples.count) examples from \(data.files.count) file(s)")
      print(Reports.evaluationText(metrics, labels: trained.labels), terminator: "")
      if errors {
        print("errors: \(wrong.count)")
        for i in wrong {
          let e = data.examples[i]
          let c = Int(predicted[i])
          let text = e.text.count > 100 ? String(e.text.prefix(97)) + "..." : e.text
          print(
            "\(e.location)  \(e.label) -> \(trained.labels[c]) \(Fixed.format(Double(scores[i * k + c]), digits: 2))  "
              + text.replacingOccurrences(of: "\n", with: " "))
        }
      }
    }
  }
}
