import Classifier
import Foundation

extension TrainCommand {
  /// Writes `--article-evidence`: one JSON line per judged article with its prose sentences'
  /// out-of-fold probabilities (`probabilities[i]` is article `i`'s `sentences × labels`,
  /// row-major). Without judged articles it writes nothing and says so on standard error.
  /// - Throws: `CLIError` when the file cannot be written.
  func writeArticleEvidence(
    _ probabilities: [[Float]]?, articles: [JudgedArticle], labels: [String], to path: String
  ) throws {
    guard let probabilities, probabilities.count == articles.count, !articles.isEmpty else {
      printError("stance: note: no judged articles (articles.tsv beside the labels), so no \(path) was written")
      return
    }
    let k = labels.count
    var out = ""
    for (article, p) in zip(articles, probabilities) {
      let sentences = (0..<(p.count / k)).map { s in (0..<k).map { Double(p[s * k + $0]) } }
      let record: [String: Any] = [
        "id": article.id, "folder": article.group, "judged": article.label, "labels": labels,
        "sentences": sentences,
      ]
      let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
      out += String(decoding: data, as: UTF8.self) + "\n"
    }
    try AtomicFile.write(Array(out.utf8), to: path)
  }
}
