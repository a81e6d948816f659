/// Why training could not go on with the data given. Each description is one line naming the
/// file, or the label, at fault.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A label has too few examples (or sources) to be in the training part of every one of
  /// `folds` cross-validation folds.
  case labelMissingFromFold(label: String, folds: Int)
  /// A judged article (in `file`) carries a label the sentence data does not have.
  case unknownArticleLabel(file: String, article: String, label: String, labels: [String])
  /// A labels directory's settings file (`stance.json`) is malformed or names unknown labels.
  case badSettings(file: String, reason: String)

  /// One line, naming the file or label.
  public var description: String {
    switch self {
    case .labelMissingFromFold(let label, let folds):
      return "label '\(label)' has too few examples (or sources) for \(folds) folds"
    case .unknownArticleLabel(let file, let article, let label, let labels):
      return "\(file): article '\(article)' is judged '\(label)', not a label of the data \(labels)"
    case .badSettings(let file, let reason):
      return "\(file): \(reason)"
    }
  }
}
