import Foundation

/// A whole article that a reader judged: its label, its group (the corpus folder, for
/// cross-validation by outlet) and its text as published (page chrome included).
///
/// A labels directory keeps them in two files beside the sentence labels: `articles.tsv`
/// (`label<TAB>id<TAB>folder<TAB>reason`, a header line, the reason one line) and
/// `article_texts.jsonl` (`{"id": ..., "text": ...}` a line).
public struct JudgedArticle: Equatable, Sendable {
  /// The article's id (its sentences' `source` when they are labelled too).
  public var id: String
  /// The judged label.
  public var label: String
  /// The folder or outlet the article came from.
  public var group: String
  /// The article's text.
  public var text: String

  /// An article with every field given.
  public init(id: String, label: String, group: String, text: String) {
    self.id = id
    self.label = label
    self.group = group
    self.text = text
  }

  /// The judgments file's name in a labels directory.
  public static let judgmentsFileName = "articles.tsv"
  /// The texts file's name in a labels directory.
  public static let textsFileName = "article_texts.jsonl"

  private struct TextRecord: Decodable {
    var id: String
    var text: String
  }

  /// The judged articles of the judgments file `judgments` with texts from `texts`.
  /// - Throws: `LabelledDataError` naming the file and line of a malformed row, a judgment
  ///   without a text, or an unreadable file.
  public static func read(judgments: String, texts: String) throws -> [JudgedArticle] {
    var byID: [String: String] = [:]
    for (n, line) in try lines(texts).enumerated() where !line.isEmpty {
      guard let record = try? JSONDecoder().decode(TextRecord.self, from: Data(line.utf8)) else {
        throw LabelledDataError.badLine(file: texts, line: n + 1, problem: "not a {\"id\", \"text\"} record")
      }
      byID[record.id] = record.text
    }
    var articles: [JudgedArticle] = []
    for (n, line) in try lines(judgments).enumerated() where !line.isEmpty && !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if n == 0 && fields.first == "label" { continue }
      guard fields.count >= 3, !fields[0].isEmpty, !fields[1].isEmpty else {
        throw LabelledDataError.badLine(
          file: judgments, line: n + 1, problem: "expected label<TAB>id<TAB>folder[<TAB>reason]")
      }
      guard let text = byID[fields[1]] else {
        throw LabelledDataError.badLine(file: judgments, line: n + 1, problem: "no text for '\(fields[1])' in \(texts)")
      }
      articles.append(JudgedArticle(id: fields[1], label: fields[0], group: fields[2], text: text))
    }
    return articles
  }

  private static func lines(_ path: String) throws -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LabelledDataError.unreadable(file: path, reason: "cannot read")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw LabelledDataError.notUTF8(file: path) }
    // "\r\n" is one Character in Swift: split on either line ending.
    return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
  }
}
