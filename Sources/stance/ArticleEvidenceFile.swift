import Classifier
import Foundation

extension TrainCommand {
  /// Writes `--article-evidence`: one JSON line per judged article with its prose sentences'
  /// out-of-fold probabilities (`probabilities[i]` is article `i`'s `sentences × labels`,
  /// row-major) and the label the model's article labeller gave it out of fold (`predicted`, from
  /// `outOfFold`; left out when there is none), and which of those sentences are attributed
  /// (`"attributed"`, 0 or 1 each: `Attribution`'s marks). Each probability is the shortest text that reads
  /// back as the same Float, as `score` writes them. Without judged articles it writes nothing and
  /// says so on standard error.
  /// - Throws: `CLIError` when the file cannot be written.
  func writeArticleEvidence(
    _ probabilities: [[Float]]?, attribution: [[Bool]]?, outOfFold: [Int32], articles: [JudgedArticle],
    labels: [String], to path: String
  ) throws {
    guard let probabilities, probabilities.count == articles.count, !articles.isEmpty else {
      printError("stance: note: no judged articles (articles.tsv beside the labels), so no \(path) was written")
      return
    }
    let k = labels.count
    var out: [UInt8] = []
    for (a, (article, p)) in zip(articles, probabilities).enumerated() {
      // Keys in sorted order, as JSON of one shape reads best; probabilities as `score` prints them.
      JSONText.appendLiteral("{", to: &out)
      if let attribution, attribution.count == articles.count {
        let marks = attribution[a]
        JSONText.appendLiteral("\"attributed\":[", to: &out)
        for (s, mark) in marks.enumerated() {
          if s > 0 { out.append(UInt8(ascii: ",")) }
          out.append(UInt8(ascii: mark ? "1" : "0"))
        }
        JSONText.appendLiteral("],", to: &out)
      }
      JSONText.appendLiteral("\"folder\":", to: &out)
      JSONText.appendQuoted(article.group, to: &out)
      JSONText.appendLiteral(",\"id\":", to: &out)
      JSONText.appendQuoted(article.id, to: &out)
      JSONText.appendLiteral(",\"judged\":", to: &out)
      JSONText.appendQuoted(article.label, to: &out)
      JSONText.appendLiteral(",\"labels\":[", to: &out)
      for (i, label) in labels.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.appendQuoted(label, to: &out)
      }
      JSONText.appendLiteral("]", to: &out)
      if outOfFold.count == articles.count {
        JSONText.appendLiteral(",\"predicted\":", to: &out)
        JSONText.appendQuoted(labels[Int(outOfFold[a])], to: &out)
      }
      JSONText.appendLiteral(",\"sentences\":[", to: &out)
      for s in 0..<(p.count / k) {
        out.append(contentsOf: s > 0 ? [UInt8(ascii: ","), UInt8(ascii: "[")] : [UInt8(ascii: "[")])
        for j in 0..<k {
          if j > 0 { out.append(UInt8(ascii: ",")) }
          JSONText.appendNumber(p[s * k + j], to: &out)
        }
        out.append(UInt8(ascii: "]"))
      }
      JSONText.appendLiteral("]}\n", to: &out)
    }
    try AtomicFile.write(out, to: path)
  }
}
