/// Errors thrown by the `Features` library.
public enum FeaturesError: Error, Equatable, Sendable {
  /// Fitting kept no term: the documents are empty or the document-frequency bounds removed all.
  case emptyVocabulary
  /// `maxDF` corresponds to fewer documents than `minDF` (scikit-learn raises the same).
  case maxDFBelowMinDF
  /// A setting is out of range; the text says which and why.
  case invalidSettings(String)
  /// `fit` was given no documents.
  case noDocuments
}
