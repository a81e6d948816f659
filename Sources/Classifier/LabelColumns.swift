/// The three things a labels record holds, each in a field that `LabelColumns` names.
public enum LabelField: String, Sendable {
  case text, label, source
}

/// Which fields hold the text, the label and the source, in labels files that name their
/// fields: the header of a CSV file, and the `data` member of a Label Studio task (its text).
public struct LabelColumns: Equatable, Sendable {
  /// The text's column (CSV) or `data` member (Label Studio). Default `text`.
  public var text: String
  /// The label's column (CSV). Default `label`.
  public var label: String
  /// The source's column (CSV) or `data` member (Label Studio), or nil for none. When not
  /// `required`, a file without it simply has no sources.
  public var source: String?
  /// Whether a missing `source` column is an error (it was named by the user).
  public var sourceRequired: Bool

  /// Columns named `text`, `label` and (when present) `source`, as TSV headers name them.
  public init(text: String = "text", label: String = "label", source: String? = "source", sourceRequired: Bool = false)
  {
    self.text = text
    self.label = label
    self.source = source
    self.sourceRequired = sourceRequired
  }
}
