import ArgumentParser
import Classifier
import Features
import LinearModel

/// `N-M`, `N` or `off`.
struct NGramRange: ExpressibleByArgument {
  var range: ClosedRange<Int>?
  init?(argument: String) {
    if argument == "off" {
      range = nil
      return
    }
    let parts = argument.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
    guard (1...2).contains(parts.count), let low = parts[0], let high = parts.last!, low >= 1, low <= high else {
      return nil
    }
    range = low...high
  }
}

/// A document-frequency bound as scikit-learn reads it: an integer is a count, a number
/// with a decimal point a fraction of documents.
struct DocumentFrequencyOption: ExpressibleByArgument {
  var bound: DocumentFrequencyBound
  init?(argument: String) {
    if let count = Int(argument), count >= 0 {
      bound = .count(count)
    } else if let fraction = Double(argument), (0...1).contains(fraction) {
      bound = .fraction(fraction)
    } else {
      return nil
    }
  }
}

/// `balanced`, `none` or `balanced:P` (the balanced weights to the power P, 0 ... 2).
struct ClassWeightOption: ExpressibleByArgument {
  var weight: ClassWeight
  init?(argument: String) {
    switch argument {
    case "balanced": weight = .balanced
    case "none": weight = .none
    default:
      // balanced:P, the balanced weights raised to the power P (0 ... 2).
      guard argument.hasPrefix("balanced:"), let power = Double(argument.dropFirst("balanced:".count)),
        power.isFinite, (0...2).contains(power)
      else { return nil }
      weight = .tempered(power: power)
    }
  }
  static var allValueStrings: [String] { ["balanced", "none", "balanced:P"] }
}

/// `news` or `scikit-learn`: the word tokenizer (`TokenPattern`).
struct TokenizerOption: ExpressibleByArgument {
  var pattern: TokenPattern
  init?(argument: String) {
    switch argument {
    case "news": pattern = .news
    case "scikit-learn": pattern = .scikitLearn
    default: return nil
    }
  }
  static var allValueStrings: [String] { ["news", "scikit-learn"] }

  static func describe(_ pattern: TokenPattern) -> String { pattern == .news ? "news" : "scikit-learn" }
}

/// How labels files that name their fields are read: the columns of a CSV file, the `data`
/// fields of Label Studio tasks (`train`, `eval`, `suggest --labels`).
struct LabelColumnOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("CSV column (or Label Studio data field) holding the text.", valueName: "name"))
  var textColumn: String = "text"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "CSV column holding the label (with Label Studio: the choice field to take when there are several).",
      valueName: "name"))
  var labelColumn: String = "label"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "CSV column (or Label Studio data field) holding the source, the article a text came from "
        + "(default: source, when there is one).",
      valueName: "name"))
  var sourceColumn: String?

  /// The option that names `field`'s column.
  static func option(for field: LabelField) -> String { "--\(field.rawValue)-column" }

  /// The columns as the library takes them.
  var columns: LabelColumns {
    LabelColumns(
      text: textColumn, label: labelColumn, source: sourceColumn ?? "source", sourceRequired: sourceColumn != nil)
  }
}

/// `auto`, `lbfgs` or `sgd`: the optimizer (`Solver`).
struct SolverOption: ExpressibleByArgument {
  var solver: Solver
  init?(argument: String) {
    guard let solver = Solver(rawValue: argument) else { return nil }
    self.solver = solver
  }
  static var allValueStrings: [String] { Solver.allCases.map(\.rawValue) }
}
