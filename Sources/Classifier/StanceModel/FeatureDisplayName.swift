import Features

extension TfidfVectorizer {
  /// How a feature reads in explanations: a word n-gram as itself ("cold war"), a character
  /// n-gram inside brackets with its word boundaries as "_" ("[_our_]"), so that the two
  /// kinds, and a padded character n-gram and its bare twin, never look alike.
  public func displayName(_ column: Int32) -> String {
    let name = featureName(column)
    guard vocabulary.kind(of: column) == .character else { return name }
    return "[" + name.replacingOccurrences(of: " ", with: "_") + "]"
  }
}

extension TrainedModel {
  /// How feature `column` of the model's final classifier reads: an n-gram as the vectorizer
  /// shows it, `article:LABEL` for the context column holding the mean probability of LABEL over
  /// the document's other sentences, `neighbours:LABEL` for the mean over the adjacent sentences.
  public func displayName(_ column: Int32) -> String {
    let ngrams = vectorizer.vocabulary.count
    guard Int(column) >= ngrams else { return vectorizer.displayName(column) }
    let c = Int(column) - ngrams
    let k = labels.count
    return (c < k ? "article:" : "neighbours:") + labels[c % k]
  }
}
