import Charts
import Classifier

/// The article view: an article's sentences in place, each coloured by its label (intensity by
/// probability, page chrome greyed out), with its scores and the n-grams behind them on hover or
/// keyboard focus, and again in a sentence table for readers without a mouse and for print.
struct ArticleView {
  let palette: LabelPalette
  /// The anchor of an article in the page.
  static func anchor(_ article: ReportArticle) -> String { "a\(article.position + 1)" }

  /// The article heading: its title, else its id.
  static func heading(_ article: ReportArticle) -> String { article.title ?? article.id.plain }

  /// The HTML of one article, `document` being its scoring with explanations.
  func html(_ article: ReportArticle, document d: ScoredDocument) -> String {
    let labels = palette.labels
    let k = labels.count
    var out = "<article class=\"article\" id=\"\(Self.anchor(article))\" data-label=\"\(e(labels[d.label]))\">"
    out += "<h3>\(e(Self.heading(article)))</h3>"
    out += "<p class=\"meta\">" + metaLine(article) + "</p>"
    out += "<div class=\"verdict\">" + badge(d.label) + " " + scoreList(d.scores)
    out +=
      " " + ShareStrip(series: palette.series, values: d.scores.map(Double.init)).render(width: 200, height: 12).element
    let top = d.scores.indices.max { d.scores[$0] < d.scores[$1] } ?? d.label
    if top != d.label && d.scores[top] > d.scores[d.label] {
      // The article rule's precedence took the label (docs/article-rule.md): say so, or the
      // badge would seem to contradict the scores beside it.
      out += " <span class=\"meta\">labelled by precedence: enough \(e(labels[d.label])) sentences outweigh "
      out += "the higher \(e(labels[top])) score</span>"
    }
    out += "</div>"
    let counted = (0..<k).filter { d.counts[$0] > 0 }.map { "\(e(labels[$0])) \(d.counts[$0])" }
    out += "<p class=\"counts\">\(d.proseCount) sentences"
    out += counted.isEmpty ? "" : " (" + counted.joined(separator: ", ") + ")"
    let chrome = d.sentences.count - d.proseCount
    out +=
      chrome > 0 ? "; \(chrome) span\(chrome == 1 ? "" : "s") of page chrome, greyed out and left out of the label" : ""
    out += "</p>"
    if !d.documentExplanation.isEmpty {
      out +=
        "<p class=\"because\">n-grams behind <b>\(e(labels[d.label]))</b>: " + features(d.documentExplanation) + "</p>"
    }
    out += "<div class=\"text\">" + sentences(article.text, d) + "</div>"
    out += sentenceTable(article.text, d)
    return out + "</article>\n"
  }

  /// Id, then the record's outlet, date and URL (as text: the report links to nothing outside).
  private func metaLine(_ article: ReportArticle) -> String {
    var parts = ["<code>\(e(article.id.plain))</code>"]
    for name in ["outlet", "date", "url"] {
      if let value = article.metadata[name]?.plainText, !value.isEmpty { parts.append(e(value)) }
    }
    return parts.joined(separator: " · ")
  }

  /// A label's name on its colour.
  func badge(_ label: Int) -> String {
    let color = palette.colors[label]
    return "<span class=\"badge\" style=\"background:\(color);color:\(ChartColor.text(on: color))\">"
      + e(palette.labels[label]) + "</span>"
  }

  /// Scores as text, highest first: "state-media 0.62 · skeptical 0.21 · ...".
  func scoreList(_ scores: [Float]) -> String {
    let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    return "<span class=\"scores\">"
      + order.map { "\(e(palette.labels[$0])) \(Fixed.format(Double(scores[$0]), digits: 2))" }
      .joined(separator: " · ") + "</span>"
  }

  private func features(_ items: [(feature: String, weight: Float)]) -> String {
    items.map { "<code>\(e($0.feature))</code> \(Fixed.format(Double($0.weight), digits: 2))" }
      .joined(separator: ", ")
  }

  /// The most probable label of span `s` (lowest index on ties, as scoring counts).
  private func winner(_ d: ScoredDocument, _ s: Int) -> Int {
    let k = palette.labels.count
    var best = 0
    for c in 1..<k where d.probabilities[s * k + c] > d.probabilities[s * k + best] { best = c }
    return best
  }

  /// The tooltip of span `s`: its label and probability, the other scores, the n-grams behind it.
  private func tip(_ d: ScoredDocument, _ s: Int) -> String {
    let k = palette.labels.count
    if d.boilerplate[s] { return "page chrome: left out of the label, scores and counts" }
    let c = winner(d, s)
    let others = (0..<k).filter { $0 != c }.sorted { d.probabilities[s * k + $0] > d.probabilities[s * k + $1] }
    var tip = "\(palette.labels[c]) \(Fixed.format(Double(d.probabilities[s * k + c]), digits: 2)) ("
    tip +=
      others.map { "\(palette.labels[$0]) \(Fixed.format(Double(d.probabilities[s * k + $0]), digits: 2))" }
      .joined(separator: ", ") + ")"
    if s < d.sentenceExplanations.count, !d.sentenceExplanations[s].isEmpty {
      tip += "\nbecause: "
      tip += d.sentenceExplanations[s].map { "\($0.feature) \(Fixed.format(Double($0.weight), digits: 2))" }
        .joined(separator: ", ")
    }
    return tip
  }

  /// The text with every span wrapped in a focusable, coloured element; the bytes between spans
  /// (spaces, line breaks) kept as they are.
  private func sentences(_ text: String, _ d: ScoredDocument) -> String {
    let k = palette.labels.count
    let utf8 = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count * 2 + d.sentences.count * 200)
    var at = 0
    for (s, range) in d.sentences.enumerated() {
      if range.lowerBound > at { Markup.append(String(decoding: utf8[at..<range.lowerBound], as: UTF8.self), to: &out) }
      let c = winner(d, s)
      var open = "<span class=\"s"
      if d.boilerplate[s] {
        open += " bp\" data-label=\"boilerplate\""
      } else {
        open += " c\(c)\" data-label=\"\(e(palette.labels[c]))\""
        open += " style=\"background:\(palette.background(label: c, probability: d.probabilities[s * k + c]))\""
      }
      open += " tabindex=\"0\" data-tip=\"\(e(tip(d, s)))\">"
      out.append(contentsOf: open.utf8)
      Markup.append(String(decoding: utf8[range], as: UTF8.self), to: &out)
      out.append(contentsOf: "</span>".utf8)
      at = range.upperBound
    }
    if at < utf8.count { Markup.append(String(decoding: utf8[at...], as: UTF8.self), to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Every span in a table row: number, label, probability, all scores, n-grams, text.
  private func sentenceTable(_ text: String, _ d: ScoredDocument) -> String {
    let k = palette.labels.count
    var out = "<details class=\"sentences\"><summary>Sentence by sentence (\(d.sentences.count) spans)</summary>"
    out += "<table><thead><tr><th>#</th><th>label</th><th>p</th><th>scores</th><th>n-grams behind it</th>"
    out += "<th>sentence</th></tr></thead><tbody>"
    for (s, range) in d.sentences.enumerated() {
      let sentence = ScoreFormatter.slice(text, range)
      if d.boilerplate[s] {
        out += "<tr class=\"bp\"><td>\(s + 1)</td><td>page chrome</td><td></td><td></td><td></td>"
        out += "<td>\(e(sentence))</td></tr>"
        continue
      }
      let c = winner(d, s)
      let explained = s < d.sentenceExplanations.count ? d.sentenceExplanations[s] : []
      out += "<tr><td>\(s + 1)</td><td>\(badge(c))</td>"
      out += "<td>\(Fixed.format(Double(d.probabilities[s * k + c]), digits: 2))</td>"
      out += "<td>\(scoreList(Array(d.probabilities[(s * k)..<(s * k + k)])))</td>"
      out += "<td>\(features(explained))</td><td>\(e(sentence))</td></tr>"
    }
    return out + "</tbody></table></details>"
  }

  private func e(_ text: String) -> String { Markup.escape(text) }
}
