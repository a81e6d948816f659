/// Gathers what the report needs from a stream of scored documents, in input order: the
/// articles to show, the label counts per group and per period, and the most stance-laden
/// articles per label. Memory stays bounded by what is shown, plus a few bytes per document
/// for the time charts.
struct ReportCollector {
  let labels: [String]
  let neutral: Int?
  /// How many articles get an article view when the input has more.
  let shownLimit: Int
  /// The metadata members that group (`--by`) and date (`--over`) documents.
  let groupField: String?
  let dateField: String?

  /// Documents seen.
  private(set) var total = 0
  /// Documents per article label.
  private(set) var labelCounts: [Int]
  /// The first `shownLimit` documents (all of them, when the input is no longer).
  private(set) var first: [ReportArticle] = []
  /// The most stance-heavy documents (lowest neutral score).
  private(set) var heaviest: TopArticles
  /// Per label, the documents with the highest score for it.
  private(set) var mostPerLabel: [TopArticles]
  /// Group names in order of first appearance, and each group's documents per label.
  private(set) var groups: [String] = []
  private(set) var groupCounts: [[Int]] = []
  private var groupIndex: [String: Int] = [:]
  /// Documents without the `--by` member (grouped as "(no FIELD)").
  private(set) var ungrouped = 0
  /// Per dated document: group, day (since 1970-01-01) and label. Int32 all three: a model may
  /// have more than 255 labels, and the tuple takes 12 bytes with a byte-sized label anyway.
  private(set) var dated: [(group: Int32, day: Int32, label: Int32)] = []
  /// Documents without a readable `--over` date.
  private(set) var undated = 0
  /// Whether any document was a JSONL record with members besides id and text.
  private(set) var sawMetadata = false

  init(labels: [String], neutral: Int?, shown: Int, mostPerLabel: Int, by: String?, over: String?) {
    self.labels = labels
    self.neutral = neutral
    shownLimit = shown
    groupField = by
    dateField = over
    labelCounts = [Int](repeating: 0, count: labels.count)
    heaviest = TopArticles(capacity: shown)
    self.mostPerLabel = labels.map { _ in TopArticles(capacity: mostPerLabel) }
  }

  /// The name of the group of documents without the `--by` member.
  var noGroupName: String { "(no \(groupField ?? "group"))" }

  /// Takes the next document in input order.
  mutating func add(_ article: ReportArticle) {
    total += 1
    labelCounts[article.label] += 1
    if !article.metadata.isEmpty { sawMetadata = true }
    if first.count < shownLimit { first.append(article) }
    // How much stance the article carries: what its scores leave to the stance labels.
    let stance = neutral.map { 1 - article.scores[$0] } ?? (article.scores.max() ?? 0)
    heaviest.offer(article, key: stance)
    for c in labels.indices where c != neutral { mostPerLabel[c].offer(article, key: article.scores[c]) }
    var group = 0
    if let groupField {
      let name: String
      if let member = article.metadata[groupField], case let value = member.plainText, !value.isEmpty {
        name = value
      } else {
        name = noGroupName
        ungrouped += 1
      }
      if let known = groupIndex[name] {
        group = known
      } else {
        group = groups.count
        groupIndex[name] = group
        groups.append(name)
        groupCounts.append([Int](repeating: 0, count: labels.count))
      }
      groupCounts[group][article.label] += 1
    }
    if let dateField {
      if let member = article.metadata[dateField], let day = Period.day(from: member.plainText),
        let compact = Int32(exactly: day)
      {
        dated.append((Int32(group), compact, Int32(article.label)))
      } else {
        undated += 1
      }
    }
  }

  /// The articles that get an article view, in input order: every document when there are no
  /// more than `shownLimit`, else the most stance-heavy ones and the most of each label.
  var shown: [ReportArticle] {
    if total <= shownLimit { return first }
    var byPosition: [Int: ReportArticle] = [:]
    for item in heaviest.items { byPosition[item.article.position] = item.article }
    for list in mostPerLabel { for item in list.items { byPosition[item.article.position] = item.article } }
    return byPosition.keys.sorted().map { byPosition[$0]! }
  }

  /// Whether every document gets an article view.
  var showsAll: Bool { total <= shownLimit }
}
