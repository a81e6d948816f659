import Classifier
import LinearModel

/// What `train` prints about the companions of the labels: judged articles and marked pages.
extension Reports {
  /// `"articles": {"n", "accuracy", "macro_f1", ...}`, each figure a `{"mean", "std"}` pair across folds.
  static func articlesJSON(_ a: ArticleEvaluation, labels: [String]) -> [String: Any] {
    [
      "n": a.n, "folds": a.folds, "accuracy": pair(a.accuracy), "macro_f1": pair(a.macroF1),
      "rule_accuracy": pair(a.ruleAccuracy), "rule_macro_f1": pair(a.ruleMacroF1),
      "leave_folder_out_macro_f1": a.leaveFolderOutMacroF1, "chosen": a.chosen,
      "classifier_macro_f1": pair(a.classifierMacroF1), "precedence_macro_f1": pair(a.precedenceMacroF1),
      "classifier_c": a.setting.c, "classifier_balanced": a.setting.balanced,
      "classifier_class_weight": OptionText.describe(a.setting.classWeight),
      "confusion": ["labels": labels, "matrix": a.confusion],
      "by_folder": Dictionary(
        uniqueKeysWithValues: (a.folders ?? []).map {
          ($0.folder, ["n": $0.n, "accuracy": $0.accuracy, "confusion": $0.confusion] as [String: Any])
        }),
    ]
  }

  /// `"boilerplate": {"spans", "pages", "outlets", "precision", "recall", "f1", ...}`, left-out outlets.
  static func boilerplateJSON(_ b: BoilerplateEvaluation) -> [String: Any] {
    [
      "spans": b.spans, "pages": b.pages, "outlets": b.outlets, "boilerplate_spans": b.boilerplate,
      "precision": b.precision, "recall": b.recall, "f1": b.f1, "accuracy": b.accuracy, "outlet_f1": pair(b.outletF1),
    ]
  }

  /// Two lines on the article label out of fold (the classifier, the rule, and which labels),
  /// then one per folder: its accuracy and, per judged label, how many were labelled so.
  static func articlesText(_ a: ArticleEvaluation, labels: [String]) -> String {
    func pm(_ m: Spread) -> String { Fixed.format(m.mean, digits: 3) + " ±" + Fixed.format(m.std, digits: 3) }
    var out = "articles: \(a.n) judged, \(a.folds) folds: accuracy \(pm(a.accuracy)), macro-F1 \(pm(a.macroF1)) "
    out += "with the \(a.chosen)\n"
    out +=
      "  classifier (C \(a.setting.c), class weight \(OptionText.describe(a.setting.classWeight))) "
      + "\(pm(a.classifierMacroF1)) (folders left out: \(Fixed.format(a.leaveFolderOutMacroF1, digits: 3))), "
    out += "with precedence \(pm(a.precedenceMacroF1)), rule \(pm(a.ruleMacroF1)) (macro-F1)\n"
    for f in a.folders ?? [] {
      // Per judged label present in the folder: labelled right of judged.
      let found = labels.indices.filter { f.confusion[$0].reduce(0, +) > 0 }.map { j in
        "\(labels[j]) \(f.confusion[j][j])/\(f.confusion[j].reduce(0, +))"
      }
      out +=
        "  \(f.folder): \(f.n) articles, accuracy \(Fixed.format(f.accuracy, digits: 3)) (\(found.joined(separator: ", ")))\n"
    }
    return out
  }

  /// One line on the boilerplate detector with each outlet left out in turn.
  static func boilerplateText(_ b: BoilerplateEvaluation) -> String {
    "boilerplate: \(b.spans) spans of \(b.pages) pages from \(b.outlets) outlets, each outlet left out: "
      + "precision \(Fixed.format(b.precision, digits: 3)), recall \(Fixed.format(b.recall, digits: 3)), "
      + "F1 \(Fixed.format(b.f1, digits: 3)) (per outlet \(Fixed.format(b.outletF1.mean, digits: 3)) "
      + "±\(Fixed.format(b.outletF1.std, digits: 3)))\n"
  }
}
