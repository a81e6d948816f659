import Features
import LinearModel

/// A trained model as stored in a model file: metadata, vectorizer, the sentence classifier and,
/// optionally, the article-context stage over it.
public struct TrainedModel: Sendable {
  /// Labels, settings and training record.
  public var metadata: ModelMetadata
  /// Turns texts into TF-IDF rows over the model's vocabulary.
  public var vectorizer: TfidfVectorizer
  /// The multinomial logistic regression over those rows.
  public var classifier: LogisticRegression
  /// The second stage that adds each sentence's document context; nil for one-stage models.
  public var context: ArticleContext?

  /// Bundles the parts; they must agree (vocabulary size = feature count, labels = classes,
  /// the context stage's n-gram count = vocabulary size).
  public init(
    metadata: ModelMetadata, vectorizer: TfidfVectorizer, classifier: LogisticRegression,
    context: ArticleContext? = nil
  ) {
    self.metadata = metadata
    self.vectorizer = vectorizer
    self.classifier = classifier
    self.context = context
  }

  /// The class labels, in class-index order.
  public var labels: [String] { metadata.labels }
}
