/// One scored input document as the report keeps it: enough to rank it, chart it and, if it
/// is among those shown, score it again with explanations for its article view.
struct ReportArticle {
  /// 0-based place in the input.
  let position: Int
  let id: DocumentID
  let text: String
  /// The record's other members (outlet, date, title...); empty for text files.
  let metadata: RecordMetadata
  /// The article label (index into the model's labels) and scores (sum to 1).
  let label: Int
  let scores: [Float]
  /// Prose sentences and page-chrome spans.
  let sentences: Int
  let boilerplate: Int

  /// The record's `title` member, if it has a non-empty one.
  var title: String? {
    guard let member = metadata["title"] else { return nil }
    let text = member.plainText
    return text.isEmpty ? nil : text
  }
}

/// The `capacity` best items by a key (largest first, ties by earlier input), kept as items
/// arrive: a bounded list, so that a 100,000-article input holds only the few it will show.
struct TopArticles {
  let capacity: Int
  /// The kept items, best first.
  private(set) var items: [(key: Float, article: ReportArticle)] = []

  init(capacity: Int) { self.capacity = capacity }

  /// Keeps `article` if its `key` ranks among the best `capacity` so far.
  mutating func offer(_ article: ReportArticle, key: Float) {
    guard capacity > 0 else { return }
    if items.count == capacity, let last = items.last,
      !Self.before(key, article.position, last.key, last.article.position)
    {
      return
    }
    let at = items.firstIndex { !Self.before($0.key, $0.article.position, key, article.position) } ?? items.count
    items.insert((key, article), at: at)
    if items.count > capacity { items.removeLast() }
  }

  /// Whether (key a, position pa) ranks before (key b, position pb).
  private static func before(_ a: Float, _ pa: Int, _ b: Float, _ pb: Int) -> Bool {
    a != b ? a > b : pa < pb
  }
}
