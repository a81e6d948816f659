// score-article: trains and scores a stance model with the `Classifier` library alone.
//
//   score-article train LABELS OUT.model   train a two-stage model on a labels file or folder
//   score-article score MODEL FILE         print {"label": ..., "scores": {...}} for one article
//
// The model equals `stance train`'s on the same labels (cross-validated, calibrated, with the
// labels folder's article rule, marked pages and judged articles), and the label and scores
// equal those of `stance score --format json --model MODEL FILE`.
import Classifier
import Features
import Foundation

/// Prints `message` to standard error and exits with `status`.
func fail(_ message: String, status: Int32 = 1) -> Never {
  FileHandle.standardError.write(Data("score-article: \(message)\n".utf8))
  exit(status)
}

/// `value` as JSON's shortest text that reads back as the same Float.
func number(_ value: Float) -> String { value == 0 ? "0" : value.description }

/// `text` as a JSON string literal.
func quoted(_ text: String) -> String {
  let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
  return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
}

/// Trains as `stance train LABELS -o OUT` does with its defaults.
func train(labels: String, output: String) throws {
  let data = try LabelledData.read([labels])
  let rule = try LabelCompanions.articleRule(paths: [labels], labels: data.labels)
  let training = Training(threads: ProcessInfo.processInfo.activeProcessorCount)
  let grouped = data.examples.contains { $0.source != nil }
  let cv = try training.crossValidate(
    data: data, folds: 5, grouped: grouped, neutralLabel: (rule ?? .standard).neutralLabel)
  let companions = try LabelCompanions.read(paths: [labels], labels: data.labels)
  let result = try training.train(
    data, companions: companions, articleRule: rule, crossValidation: cv, toolVersion: "score-article")
  try ModelFile.write(result.model, to: output)
  let macroF1 = String(format: "%.3f", cv.summary.macroF1.mean)
  print("trained on \(data.examples.count) examples (cross-validated macro-F1 \(macroF1)); wrote \(output)")
}

/// Scores one text file as `stance score` does: its bytes as UTF-8, a leading byte-order mark dropped.
func score(model path: String, file: String) throws {
  let model = try ModelFile.read(path)
  guard let bytes = FileManager.default.contents(atPath: file) else { fail("\(file): cannot read", status: 2) }
  var text = String(decoding: bytes, as: UTF8.self)
  if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
  let document = Scorer(model: model).score([text])[0]
  let scores = zip(model.labels, document.scores).map { "\(quoted($0)):\(number($1))" }
  print("{\"label\":\(quoted(model.labels[document.label])),\"scores\":{\(scores.joined(separator: ","))}}")
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  switch (arguments.first, arguments.count) {
  case ("train", 3): try train(labels: arguments[1], output: arguments[2])
  case ("score", 3): try score(model: arguments[1], file: arguments[2])
  default:
    fail("usage: score-article train LABELS OUT.model | score-article score MODEL FILE")
  }
} catch {
  fail("\(error)", status: error is LabelledDataError || error is TrainingError ? 1 : 2)
}
