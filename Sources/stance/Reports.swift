import Classifier
import Foundation
import LinearModel

/// What `train` and `eval` print: what was read, metrics as JSON objects and text tables.
enum Reports {
  /// Writes `object` as one line of JSON with sorted keys (stable for diffs and scripts).
  static func printJSON(_ object: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    let out = OutputWriter()
    out.write(bytes: Array(data))
    out.write("\n")
    out.flush()
  }

  static func pair(_ m: Spread) -> [String: Double] { ["mean": m.mean, "std": m.std] }

  /// The eval object of a cross-validation, every figure a `{"mean", "std"}` pair across folds.
  static func crossValidationJSON(_ cv: CrossValidationResult, labels: [String]) -> [String: Any] {
    var perLabel: [String: Any] = [:]
    for name in labels {
      guard let m = cv.labels[name] else { continue }
      perLabel[name] = [
        "precision": pair(m.precision), "recall": pair(m.recall), "f1": pair(m.f1), "support": m.support,
      ]
    }
    return [
      "n": cv.n, "folds": cv.folds, "seed": cv.seed, "grouped": cv.grouped, "accuracy": pair(cv.accuracy),
      "macro_f1": pair(cv.macroF1), "labels": perLabel,
      "confusion": ["labels": labels, "matrix": cv.confusion],
    ]
  }

  /// The eval object of one evaluation (`stance eval --format json`, docs/cli.md).
  static func evaluationJSON(_ m: Metrics, labels: [String]) -> [String: Any] {
    var perLabel: [String: Any] = [:]
    for (c, name) in labels.enumerated() {
      perLabel[name] = ["precision": m.precision[c], "recall": m.recall[c], "f1": m.f1[c], "support": m.support[c]]
    }
    return [
      "n": m.count, "accuracy": m.accuracy, "macro_f1": m.macroF1, "micro_f1": m.microF1, "labels": perLabel,
      "confusion": ["labels": labels, "matrix": m.confusion],
    ]
  }

  /// A per-label table and confusion matrix of a cross-validation.
  static func crossValidationText(_ cv: CrossValidationResult, labels: [String]) -> String {
    let width = max(12, (labels.map(\.count).max() ?? 0) + 2)
    func pm(_ m: Spread) -> String {
      (Fixed.format(m.mean, digits: 3) + " ±" + Fixed.format(m.std, digits: 3)).leftPadded(to: 13)
    }
    var out = "cross-validation: \(cv.folds) folds\(cv.grouped ? " grouped by source" : ""), seed \(cv.seed), "
    out += "\(cv.n) examples\n"
    out += "label".rightPadded(to: width) + "precision".leftPadded(to: 13) + "recall".leftPadded(to: 13)
    out += "f1".leftPadded(to: 13) + "support".leftPadded(to: 9) + "\n"
    for name in labels {
      guard let m = cv.labels[name] else { continue }
      out += name.rightPadded(to: width) + pm(m.precision) + pm(m.recall) + pm(m.f1)
      out += String(m.support).leftPadded(to: 9) + "\n"
    }
    out += "accuracy \(Fixed.format(cv.accuracy.mean, digits: 3)) ±\(Fixed.format(cv.accuracy.std, digits: 3)), "
    out += "macro-F1 \(Fixed.format(cv.macroF1.mean, digits: 3)) ±\(Fixed.format(cv.macroF1.std, digits: 3))\n"
    out += confusionText(cv.confusion, labels: labels)
    return out
  }

  /// A per-label table and confusion matrix of one evaluation.
  static func evaluationText(_ m: Metrics, labels: [String]) -> String {
    let width = max(12, (labels.map(\.count).max() ?? 0) + 2)
    func f(_ x: Double) -> String { Fixed.format(x, digits: 3).leftPadded(to: 11) }
    var out = "label".rightPadded(to: width) + "precision".leftPadded(to: 11) + "recall".leftPadded(to: 11)
    out += "f1".leftPadded(to: 11) + "support".leftPadded(to: 9) + "\n"
    for (c, name) in labels.enumerated() {
      out += name.rightPadded(to: width) + f(m.precision[c]) + f(m.recall[c]) + f(m.f1[c])
      out += String(m.support[c]).leftPadded(to: 9) + "\n"
    }
    out += "\(m.count) examples: accuracy \(Fixed.format(m.accuracy, digits: 3)), "
    out += "macro-F1 \(Fixed.format(m.macroF1, digits: 3))\n"
    return out + confusionText(m.confusion, labels: labels)
  }

  /// The confusion matrix, rows = true label, columns = predicted label.
  static func confusionText(_ matrix: [[Int]], labels: [String]) -> String {
    let width = max(12, (labels.map(\.count).max() ?? 0) + 2)
    let cell = max(8, (labels.map(\.count).max() ?? 0) + 1)
    var out = "confusion (rows: true, columns: predicted)\n" + "".rightPadded(to: width)
    out += labels.map { $0.leftPadded(to: cell) }.joined() + "\n"
    for (t, name) in labels.enumerated() {
      out += name.rightPadded(to: width) + matrix[t].map { String($0).leftPadded(to: cell) }.joined() + "\n"
    }
    return out
  }
}

/// What `train` read, on standard error: examples per label, duplicates and conflicts.
enum ReadReport {
  /// - Parameters:
  ///   - keptDuplicates: whether the data was read with `--keep-duplicates`.
  ///   - allConflicts: list every conflicting text and place (`--show-conflicts`), not the first few.
  static func print(_ data: LabelledData, keptDuplicates: Bool = false, allConflicts: Bool = false) {
    let counts = zip(data.labels, data.countsPerLabel).map { "\($0) \($1)" }.joined(separator: ", ")
    printError("read \(data.examples.count) examples from \(data.files.count) files: \(counts)")
    printSkipped(data)
    if data.duplicatesDropped > 0 { printError("dropped \(data.duplicatesDropped) exact duplicates") }
    for line in ConflictReport.lines(data.conflicts, kept: keptDuplicates, all: allConflicts) { printError(line) }
  }

  /// The files of a labels folder passed over (one line each), then the records that gave no
  /// example (unlabelled Label Studio tasks): a count by reason, and the first ten by place.
  static func printSkipped(_ data: LabelledData) {
    for file in data.skippedFiles { printError("skipped \(file.location): \(file.reason)") }
    guard !data.skipped.isEmpty else { return }
    var reasons: [String: Int] = [:]
    for record in data.skipped { reasons[record.reason, default: 0] += 1 }
    let counts = reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    printError("skipped \(data.skipped.count) tasks without a usable label: \(counts)")
    for record in data.skipped.prefix(10) {
      let hint = record.field.map { "; \(LabelColumnOptions.option(for: $0)) NAME picks one" } ?? ""
      printError("  \(record.location): \(record.reason)\(hint)")
    }
    if data.skipped.count > 10 { printError("  ... and \(data.skipped.count - 10) more") }
  }
}
