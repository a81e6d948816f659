import Charts
import Classifier

/// The corpus view: label shares per group (`--by`) as stacked bars with counts, label shares
/// over time (`--over`) for the whole input and one panel per large group, the articles most
/// of each stance label, and the n-grams that drove each label across the corpus.
struct CorpusView {
  let palette: LabelPalette
  let articleView: ArticleView
  /// Time panels drawn for single groups (the largest by document count).
  let panels: Int
  /// The period asked for (`auto` chooses from the span).
  let period: Period
  /// N-grams listed per label.
  let ngrams: Int

  func html(_ c: ReportCollector, tally: NGramTally?, model: TrainedModel) -> String {
    let labels = palette.labels
    var out = "<section id=\"corpus\"><h2>Corpus</h2>"
    out += "<p>\(c.total) documents: "
    out += labels.indices.map { "\(articleView.badge($0)) \(c.labelCounts[$0])" }.joined(separator: " ")
    out += "</p>"
    out += "<figure>"
    out +=
      ShareBarChart(
        title: "Article labels of all \(c.total) documents", series: palette.series,
        rows: [.init(name: "all documents", counts: c.labelCounts)], unit: "articles"
      ).render(width: 860).element
    out += "</figure>"
    if let field = c.groupField { out += groupBars(c, field: field) }
    if let field = c.dateField { out += timeCharts(c, field: field) }
    out += mostArticles(c)
    if let tally { out += drivers(tally, model: model) }
    return out + "</section>\n"
  }

  /// Groups sorted by size (then name), at most this many bars; the rest merged into one.
  static let maxBars = 60

  private func groupOrder(_ c: ReportCollector) -> [Int] {
    c.groups.indices.sorted {
      let (a, b) = (c.groupCounts[$0].reduce(0, +), c.groupCounts[$1].reduce(0, +))
      return a != b ? a > b : c.groups[$0] < c.groups[$1]
    }
  }

  private func groupBars(_ c: ReportCollector, field: String) -> String {
    let order = groupOrder(c)
    var rows = order.prefix(Self.maxBars).map { ShareBarChart.Row(name: c.groups[$0], counts: c.groupCounts[$0]) }
    if order.count > Self.maxBars {
      var rest = [Int](repeating: 0, count: palette.labels.count)
      for g in order.dropFirst(Self.maxBars) { for l in rest.indices { rest[l] += c.groupCounts[g][l] } }
      rows.append(.init(name: "\(order.count - Self.maxBars) more \(field) values", counts: rest))
    }
    let title = "Article labels by \(field)"
    var out =
      "<h3 id=\"corpus-groups\">\(e(title))</h3><p>Share of each article label per \(e(field)), largest groups first; "
    out += "n = documents in the group.</p>"
    out +=
      "<figure>"
      + ShareBarChart(title: title, series: palette.series, rows: rows, unit: "articles").render(width: 860).element
    out += "</figure>"
    return out
  }

  private func timeCharts(_ c: ReportCollector, field: String) -> String {
    var out = "<h3 id=\"corpus-time\">Article labels over \(e(field))</h3>"
    guard let firstDay = c.dated.map(\.day).min(), let lastDay = c.dated.map(\.day).max() else {
      return out + "<p>No document has a readable \(e(field)) (YYYY-MM-DD or YYYY-MM).</p>"
    }
    let period = self.period == .auto ? Period.chosen(first: Int(firstDay), last: Int(lastDay)) : self.period
    let firstBin = period.bin(Int(firstDay))
    let binCount = period.bin(Int(lastDay)) - firstBin + 1
    let names = (0..<binCount).map { period.name(firstBin + $0) }
    // Only the groups that get a panel are binned, so memory stays flat however many --by
    // values there are; which ones is known from the group totals.
    var order: [Int] = []
    if c.groupField != nil {
      var hasDates = [Bool](repeating: false, count: c.groups.count)
      for item in c.dated { hasDates[Int(item.group)] = true }
      order = groupOrder(c).filter { hasDates[$0] }
    }
    let drawn = Array(order.prefix(panels))
    let (all, perPanel) = Self.bins(
      c.dated, period: period, firstBin: firstBin, binCount: binCount, labels: palette.labels.count, panels: drawn)
    let how = self.period == .auto ? "chosen from the span" : "set by --period"
    out += "<p>Share of each article label per \(period.noun) (\(how), \(e(names.first!)) to "
    out += "\(e(names.last!)); grey bars: documents per \(period.noun)). \(c.dated.count) dated documents"
    out += c.undated > 0 ? "; \(c.undated) without a readable \(e(field)) are left out of these charts." : "."
    out += "</p>"
    out +=
      "<figure>"
      + TimeShareChart(
        title: "All documents by \(period.noun)", series: palette.series, periods: names, counts: all, unit: "articles",
        periodName: period.noun
      ).render(width: 860).element + "</figure>"
    if c.groupField != nil {
      out += "<div class=\"panels\">"
      for (g, counts) in zip(drawn, perPanel) {
        let n = counts.reduce(0) { $0 + $1.reduce(0, +) }
        out +=
          "<figure>"
          + TimeShareChart(
            title: "\(c.groups[g]) (\(n) dated)", series: palette.series, periods: names, counts: counts,
            unit: "articles", periodName: period.noun
          ).render(width: 430).element + "</figure>"
      }
      out += "</div>"
      if order.count > drawn.count {
        out += "<p>\(order.count - drawn.count) smaller groups have no panel of their own (--panels \(panels)); "
        out += "they are in the chart of all documents and in the bars above.</p>"
      }
    }
    return out
  }

  /// Dated documents per period bin and label, for all documents and for each group of
  /// `panels` (group indices) alone: `all[bin][label]`, `panels[i][bin][label]`. Days must lie
  /// in the `binCount` bins from `firstBin` of `period`.
  static func bins(
    _ dated: [(group: Int32, day: Int32, label: Int32)], period: Period, firstBin: Int, binCount: Int, labels k: Int,
    panels: [Int]
  ) -> (all: [[Int]], panels: [[[Int]]]) {
    let empty = [[Int]](repeating: [Int](repeating: 0, count: k), count: binCount)
    var all = empty
    var perPanel = [[[Int]]](repeating: empty, count: panels.count)
    let panelOf = Dictionary(uniqueKeysWithValues: panels.enumerated().map { ($1, $0) })
    for item in dated {
      let b = period.bin(Int(item.day)) - firstBin
      all[b][Int(item.label)] += 1
      if let p = panelOf[Int(item.group)] { perPanel[p][b][Int(item.label)] += 1 }
    }
    return (all, perPanel)
  }

  private func mostArticles(_ c: ReportCollector) -> String {
    var out = ""
    for (label, list) in c.mostPerLabel.enumerated() where label != palette.neutral && !list.items.isEmpty {
      out += "<h3>Most \(e(palette.labels[label])) articles</h3><ol class=\"most\">"
      for item in list.items {
        let a = item.article
        out += "<li><a href=\"#\(ArticleView.anchor(a))\">\(e(ArticleView.heading(a)))</a> "
        out += "<span class=\"score\">\(e(palette.labels[label])) \(Fixed.format(Double(item.key), digits: 2))</span>"
        var meta: [String] = []
        for name in ["outlet", "date"] {
          if let value = a.metadata[name]?.plainText, !value.isEmpty { meta.append(e(value)) }
        }
        if a.label != label { meta.append("labelled " + e(palette.labels[a.label])) }
        if !meta.isEmpty { out += " <span class=\"meta\">" + meta.joined(separator: " · ") + "</span>" }
        out += "</li>"
      }
      out += "</ol>"
    }
    return out
  }

  /// The n-grams with the largest summed contribution towards each label, over every prose
  /// sentence of the corpus that label won.
  private func drivers(_ tally: NGramTally, model: TrainedModel) -> String {
    var out =
      "<h3 id=\"corpus-ngrams\">The n-grams that drove each label</h3><p>For each label, the n-grams whose TF-IDF value times "
    out += "weight added most towards it, summed over every prose sentence of the input that the label won. "
    out +=
      "Word n-grams only: the model's character n-grams (such as <code>[_chi]</code>) carry much of the weight but read poorly.</p><div class=\"drivers\">"
    for c in palette.labels.indices {
      let top = tally.top(label: c, count: ngrams)
      out += "<div><h4>\(articleView.badge(c)) <span class=\"meta\">\(tally.sentences[c]) sentences</span></h4>"
      out += "<table class=\"numbers\"><thead><tr><th>n-gram</th><th>sum</th></tr></thead><tbody>"
      for item in top {
        out += "<tr><td><code>\(e(model.vectorizer.displayName(item.feature)))</code></td>"
        out += "<td>\(Fixed.format(item.weight, digits: 1))</td></tr>"
      }
      out += "</tbody></table></div>"
    }
    return out + "</div>"
  }

  private func e(_ text: String) -> String { Markup.escape(text) }
}
