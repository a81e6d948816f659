import Charts
import Classifier

/// The report as one HTML page: a header with the label legend, the corpus view, the article
/// index and views, and the model panel. Self-contained: inline CSS and SVG, one small inline
/// script (it opens the sentence tables for printing), nothing fetched.
///
/// The markup is written directly, every text and attribute value through `Markup.escape`, rather
/// than with an HTML DSL such as JohnSundell/Plot 0.14: Plot writes attribute values unescaped, and
/// its text escaping leaves entity-like runs alone, so a source text holding `&amp;` (164 times in
/// ../shared/corpus) would show as `&`, and one holding `&nbsp;` would put an entity into the page
/// that XML readers reject. The report must show exactly the text that was scored.
enum ReportPage {
  /// The page's head and opening header; `summary` is already HTML.
  static func header(title: String, summary: String, palette: LabelPalette, sections: [(id: String, name: String)])
    -> String
  {
    var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    out += "<title>\(Markup.escape(title))</title><style>\(css(palette))</style></head><body>\n"
    out += "<header><h1>\(Markup.escape(title))</h1><p>\(summary)</p><nav>"
    out += sections.map { "<a href=\"#\($0.id)\">\(Markup.escape($0.name))</a>" }.joined(separator: " ")
    out += "</nav>" + legend(palette) + "</header>\n<main>\n"
    return out
  }

  /// The closing tags and the print script.
  static let footer = """
    </main>
    <script>addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true})})</script>
    </body></html>

    """

  /// The label key: colours, underline styles, page chrome, and the palette's name.
  static func legend(_ palette: LabelPalette) -> String {
    var out = "<p class=\"legend\">Sentences: "
    for (c, name) in palette.labels.enumerated() {
      out += "<span class=\"s c\(c)\" style=\"background:\(palette.background(label: c, probability: 1))\">"
      out += Markup.escape(name) + "</span> "
    }
    out += "<span class=\"s bp\">page chrome</span>. Colour deeper = more probable; stance labels are "
    out += "also underlined (solid, dashed, dotted). Palette: Okabe-Ito (colour-blind safe), neutral in grey. "
    out += "Hover over a sentence, or Tab to it, for its scores and the n-grams behind them.</p>"
    return out
  }

  /// The index of the articles shown: link, outlet, date, label, scores.
  static func index(_ shown: [(ReportArticle, ScoredDocument)], view: ArticleView, note: String) -> String {
    var out = "<section id=\"articles\"><h2>Articles</h2><p>\(note)</p>"
    out += "<table class=\"index\"><thead><tr><th>#</th><th>article</th><th>outlet</th><th>date</th><th>label</th>"
    out += "<th>scores</th></tr></thead><tbody>"
    for (article, document) in shown {
      out += "<tr><td>\(article.position + 1)</td>"
      out += "<td><a href=\"#\(ArticleView.anchor(article))\">\(Markup.escape(ArticleView.heading(article)))</a></td>"
      for name in ["outlet", "date"] { out += "<td>\(Markup.escape(article.metadata[name]?.plainText ?? ""))</td>" }
      out += "<td>\(view.badge(document.label))</td><td>"
      out +=
        ShareStrip(series: view.palette.series, values: document.scores.map(Double.init)).render(width: 120, height: 10)
        .element
      out += "</td></tr>"
    }
    return out + "</tbody></table>\n"
  }

  static func css(_ palette: LabelPalette) -> String {
    var css = """
      body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;margin:0;background:#fff}
      header,main{max-width:920px;margin:0 auto;padding:0 20px}
      header{padding-top:16px;border-bottom:1px solid #ddd}
      h1{font-size:26px;margin:8px 0}h2{font-size:22px;margin:32px 0 8px;border-bottom:2px solid #333}
      h3{font-size:17px;margin:24px 0 6px}h4{margin:6px 0}
      nav a{margin-right:14px}a{color:#0057a0}
      code{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 3px;border-radius:3px}
      figure{margin:8px 0 16px}figcaption{font-size:13px;color:#444}
      svg{max-width:100%;height:auto;display:block}
      td svg,.verdict svg{display:inline-block;vertical-align:middle}
      .legend{font-size:14px}
      .badge{display:inline-block;padding:0 7px;border-radius:4px;font-size:13px;font-weight:600;white-space:nowrap}
      .meta{color:#555;font-size:13px}
      .article{border-top:1px solid #ccc;margin-top:28px;padding-top:4px}
      .article h3{margin:8px 0 2px}
      .verdict,.counts,.because{margin:4px 0;font-size:14px}
      .scores{font-size:13px;color:#333}
      .text{white-space:pre-wrap;line-height:1.8;margin:10px 0}
      .s{position:relative;border-radius:2px;padding:1px 0;box-decoration-break:clone;-webkit-box-decoration-break:clone}
      .s:focus{outline:2px solid #000;outline-offset:1px}
      .s:hover::after,.s:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;
      background:#1a1a1a;color:#fff;font-size:13px;line-height:1.4;padding:6px 8px;border-radius:4px;
      white-space:pre-line;width:max-content;max-width:30em}
      .bp{color:#6b6b6b;font-style:italic;background:none}
      tr.bp td{color:#6b6b6b;font-style:italic}
      table{border-collapse:collapse;font-size:13px;margin:6px 0}
      th,td{border-bottom:1px solid #e2e2e2;padding:3px 8px;text-align:left;vertical-align:top}
      th{background:#f5f5f5}
      .numbers td{font-variant-numeric:tabular-nums}
      .facts th{width:130px}
      details.sentences{margin:6px 0 10px}details summary{cursor:pointer;color:#0057a0}
      .drivers{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px}
      .panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(430px,1fr));gap:8px}
      ol.most li{margin:3px 0}.score{font-size:13px;color:#333}
      @media print{.s:hover::after,.s:focus::after{display:none}a{color:inherit}}

      """
    for (c, style) in palette.underline.enumerated() where style != "none" {
      css += ".c\(c){border-bottom:2px \(style) \(palette.colors[c])}\n"
    }
    return css
  }
}
