import ArgumentParser
import Classifier
import Features
import Foundation
import LinearModel

/// An error the CLI reports as one line on standard error, with its exit status:
/// 1 for bad input or usage, 2 for I/O or model errors.
struct CLIError: Error, CustomStringConvertible {
  /// The message, naming the file (and line) at fault.
  var message: String
  /// 1 (bad input or usage) or 2 (I/O or model error).
  var exitCode: Int32

  init(_ message: String, exitCode: Int32 = 1) {
    self.message = message
    self.exitCode = exitCode
  }

  var description: String { message }

  /// The message and exit status for any error the commands may throw.
  static func describe(_ error: Error) -> (message: String, exitCode: Int32) {
    switch error {
    case let e as CLIError: return (e.message, e.exitCode)
    case let e as LabelledDataError:
      // The library names the field; the option that names it is the CLI's to say.
      if case .missingField(_, _, let field, _) = e {
        return (e.description + "; name it with \(LabelColumnOptions.option(for: field))", 1)
      }
      return (e.description, e.isInputError ? 1 : 2)
    case let e as ModelFileError:
      if case .inconsistent = e { return (e.description, 2) }
      return (e.description, 2)
    case let e as ClassifierError: return (describe(classifier: e), 1)
    case let e as TrainingError:
      if case .labelMissingFromFold = e { return (e.description + "; use a smaller --folds or 0", 1) }
      return (e.description, 1)
    case let e as FeaturesError: return (describe(features: e), 1)
    default: return ("\(error)", 1)
    }
  }

  private static func describe(features error: FeaturesError) -> String {
    switch error {
    case .emptyVocabulary:
      return "no features left: the texts are empty or --min-df/--max-df/--max-features removed every term"
    case .maxDFBelowMinDF: return "--max-df keeps fewer documents than --min-df requires"
    case .invalidSettings(let text): return "invalid feature settings: \(text)"
    case .noDocuments: return "no texts to train on"
    }
  }

  private static func describe(classifier error: ClassifierError) -> String {
    switch error {
    case .tooFewClasses: return "training needs at least two labels with examples"
    case .tooFewForFolds(let k, let available):
      return
        "cannot make \(k) cross-validation folds from \(available) groups or examples; use --folds with a smaller K or 0"
    case .invalidOption(let text): return "invalid option: \(text)"
    default: return "\(error)"
    }
  }
}
