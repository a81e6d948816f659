import Classifier
import Features

extension TfidfVectorizer {
  /// How a feature reads in explanations: a word n-gram as itself ("cold war"), a character
  /// n-gram inside brackets with its word boundaries as "_" ("[_our_]"), so that the two
  /// kinds, and a padded character n-gram and its bare twin, never look alike.
  func displayName(_ column: Int32) -> String {
    let name = featureName(column)
    guard vocabulary.kind(of: column) == .character else { return name }
    return "[" + name.replacingOccurrences(of: " ", with: "_") + "]"
  }
}
