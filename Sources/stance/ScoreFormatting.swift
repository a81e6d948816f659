import Classifier
import Foundation

/// Output formats of `stance score`.
enum ScoreFormat: String, CaseIterable {
  case text, json, jsonl, csv
}

/// Turns scored documents into output bytes. Each document is formatted independently
/// (by the worker that scored it); the writer only joins them in input order.
struct ScoreFormatter {
  let format: ScoreFormat
  let labels: [String]
  /// Whether per-sentence spans are included.
  let sentences: Bool
  /// Whether explanations are included.
  let explain: Bool
  /// The input members that CSV output gives a column each (after `id`): the members of the
  /// first JSONL record, in its order. JSON output keeps every record's own members instead.
  let metadataColumns: [String]
  private let quotedLabels: [[UInt8]]
  /// The CSV header's names for `metadataColumns` (`input_` before a name the output uses).
  private let metadataHeader: [String]

  /// - Parameter metadataColumns: input members to give a CSV column each (see the property).
  init(format: ScoreFormat, labels: [String], sentences: Bool, explain: Bool, metadataColumns: [String] = []) {
    self.format = format
    self.labels = labels
    self.sentences = sentences
    self.explain = explain
    self.metadataColumns = metadataColumns
    quotedLabels = labels.map { Array(JSONText.quoted($0).utf8) }
    var taken = Self.csvColumns(labels: labels, sentences: sentences, explain: explain)
    var header: [String] = []
    for name in metadataColumns {
      header.append(RecordMetadata.outputName(name, avoiding: taken))
      taken.append(header.last!)
    }
    metadataHeader = header
  }

  /// The CSV columns of the scores themselves, in order.
  private static func csvColumns(labels: [String], sentences: Bool, explain: Bool) -> [String] {
    let scores = labels.map { "p:" + $0 }
    let counts = labels.map { "n:" + $0 }
    if sentences {
      // One layout for both kinds of row: a document row (its label, scores, sentence
      // count and counts) followed by its sentence rows (index, span, label, scores, text).
      return ["id", "kind", "sentence", "start", "end", "label", "sentences"] + scores + counts
        + (explain ? ["explain"] : []) + ["text"]
    }
    return ["id", "label", "sentences"] + scores + counts + (explain ? ["explain"] : [])
  }

  /// What comes before the first document (`[` for json, the header row for csv).
  var prologue: String {
    switch format {
    case .json: return "[\n"
    case .csv:
      let columns = Self.csvColumns(labels: labels, sentences: sentences, explain: explain)
      return ([columns[0]] + metadataHeader + columns.dropFirst()).map(CSV.field).joined(separator: ",") + "\n"
    default: return ""
    }
  }

  /// Members of `metadata` that have no CSV column (the first record did not have them), in
  /// order; always empty for other formats, which keep every member.
  func membersWithoutColumn(_ metadata: RecordMetadata) -> [String] {
    guard format == .csv else { return [] }
    return metadata.members.map(\.name).filter { !metadataColumns.contains($0) }
  }

  /// What goes between two documents.
  var separator: String { format == .json ? ",\n" : "" }

  /// What comes after the last document.
  var epilogue: String { format == .json ? "\n]\n" : "" }

  /// The bytes of one document; `metadata`: the input record's other members (JSON and CSV).
  func format(id: DocumentID, text: String, document d: ScoredDocument, metadata: RecordMetadata = .none) -> [UInt8] {
    switch format {
    case .json, .jsonl: return json(id: id, document: d, metadata: metadata)
    case .csv: return csv(id: id, text: text, document: d, metadata: metadata)
    case .text: return Array(plain(id: id, text: text, document: d).utf8)
    }
  }

  private func appendScores(_ p: ArraySlice<Float>, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for (c, v) in zip(quotedLabels.indices, p) {
      if c > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: quotedLabels[c])
      out.append(UInt8(ascii: ":"))
      JSONText.appendNumber(v, to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  private func appendExplanation(_ items: [(feature: String, weight: Float)], to out: inout [UInt8]) {
    JSONText.appendLiteral(",\"explain\":[", to: &out)
    for (i, item) in items.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendLiteral("{\"feature\":", to: &out)
      JSONText.appendQuoted(item.feature, to: &out)
      JSONText.appendLiteral(",\"weight\":", to: &out)
      JSONText.appendNumber(item.weight, to: &out)
      out.append(UInt8(ascii: "}"))
    }
    out.append(UInt8(ascii: "]"))
  }

  private func json(id: DocumentID, document d: ScoredDocument, metadata: RecordMetadata) -> [UInt8] {
    let k = labels.count
    var out: [UInt8] = []
    out.reserveCapacity(128 + (sentences ? d.sentences.count * (40 + 16 * k) : 0))
    JSONText.appendLiteral("{\"id\":", to: &out)
    out.append(contentsOf: id.json.utf8)
    if !metadata.isEmpty { metadata.appendMembers(to: &out, reserved: RecordMetadata.scoreOutputNames) }
    JSONText.appendLiteral(",\"label\":", to: &out)
    out.append(contentsOf: quotedLabels[d.label])
    JSONText.appendLiteral(",\"scores\":", to: &out)
    appendScores(d.scores[...], to: &out)
    JSONText.appendLiteral(",\"sentences\":", to: &out)
    JSONText.appendInteger(d.proseCount, to: &out)
    JSONText.appendLiteral(",\"counts\":{", to: &out)
    for c in 0..<k {
      if c > 0 { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: quotedLabels[c])
      out.append(UInt8(ascii: ":"))
      JSONText.appendInteger(d.counts[c], to: &out)
    }
    out.append(UInt8(ascii: "}"))
    if explain { appendExplanation(d.documentExplanation, to: &out) }
    if sentences {
      JSONText.appendLiteral(",\"spans\":[", to: &out)
      for (s, range) in d.sentences.enumerated() {
        if s > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.appendLiteral("{\"start\":", to: &out)
        JSONText.appendInteger(range.lowerBound, to: &out)
        JSONText.appendLiteral(",\"end\":", to: &out)
        JSONText.appendInteger(range.upperBound, to: &out)
        JSONText.appendLiteral(",\"label\":", to: &out)
        out.append(contentsOf: quotedLabels[winner(d, s)])
        JSONText.appendLiteral(",\"scores\":", to: &out)
        appendScores(d.probabilities[(s * k)..<(s * k + k)], to: &out)
        if d.boilerplate[s] { JSONText.appendLiteral(",\"boilerplate\":true", to: &out) }
        if explain { appendExplanation(d.sentenceExplanations[s], to: &out) }
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
    }
    out.append(UInt8(ascii: "}"))
    if format == .jsonl { out.append(0x0A) }
    return out
  }

  /// The most probable label of sentence `s` (lowest index on ties, as the counts use).
  private func winner(_ d: ScoredDocument, _ s: Int) -> Int {
    let k = labels.count
    var best = 0
    for c in 1..<k where d.probabilities[s * k + c] > d.probabilities[s * k + best] { best = c }
    return best
  }

  private func explanationText(_ items: [(feature: String, weight: Float)]) -> String {
    items.map { "\($0.feature) \(Fixed.format(Double($0.weight), digits: 3))" }.joined(separator: "; ")
  }

  private func csv(id: DocumentID, text: String, document d: ScoredDocument, metadata: RecordMetadata) -> [UInt8] {
    let k = labels.count
    let documentFields =
      [CSV.field(labels[d.label]), String(d.proseCount)] + d.scores.map { $0.description }
      + d.counts.map(String.init) + (explain ? [CSV.field(explanationText(d.documentExplanation))] : [])
    // Every row of the document repeats its members, so that each row can be filtered alone.
    let leading = ([CSV.field(id.plain)] + metadataColumns.map { CSV.field(metadata[$0]?.plainText ?? "") })
      .joined(separator: ",")
    guard sentences else {
      return Array(([leading] + documentFields).joined(separator: ",").utf8) + [0x0A]
    }
    var rows = [leading, "document", "", "", ""].joined(separator: ",") + ","
    rows += documentFields.joined(separator: ",") + ",\n"
    let noCounts = [String](repeating: "", count: k)
    for (s, range) in d.sentences.enumerated() {
      var fields = [
        leading, d.boilerplate[s] ? "boilerplate" : "sentence", String(s + 1), String(range.lowerBound),
        String(range.upperBound),
      ]
      fields.append(CSV.field(labels[winner(d, s)]))
      fields.append("")
      fields += (0..<k).map { d.probabilities[s * k + $0].description }
      fields += noCounts
      if explain { fields.append(CSV.field(explanationText(d.sentenceExplanations[s]))) }
      fields.append(CSV.field(Self.slice(text, range)))
      rows += fields.joined(separator: ",") + "\n"
    }
    return Array(rows.utf8)
  }

  private func plain(id: DocumentID, text: String, document d: ScoredDocument) -> String {
    let k = labels.count
    let order = (0..<k).sorted { d.scores[$0] != d.scores[$1] ? d.scores[$0] > d.scores[$1] : $0 < $1 }
    var out = "\(Self.oneLine(id.plain)): \(labels[d.label])\n"
    out +=
      "  scores:    "
      + order.map { "\(labels[$0]) \(Fixed.format(Double(d.scores[$0]), digits: 2))" }
      .joined(separator: ", ") + "\n"
    out += "  sentences: \(d.proseCount)"
    let counted = (0..<k).filter { d.counts[$0] > 0 }.map { "\(labels[$0]) \(d.counts[$0])" }
    out += counted.isEmpty ? "" : " (" + counted.joined(separator: ", ") + ")"
    let chrome = d.sentences.count - d.proseCount
    out += chrome > 0 ? "; boilerplate \(chrome)\n" : "\n"
    if explain && !d.documentExplanation.isEmpty {
      out += "  because:   " + explanationText(d.documentExplanation) + "\n"
    }
    if sentences {
      for (s, range) in d.sentences.enumerated() {
        let c = winner(d, s)
        let sentence = Self.oneLine(Self.slice(text, range))
        let shown = sentence.count > 110 ? String(sentence.prefix(107)) + "..." : sentence
        out += "  \(String(s + 1).leftPadded(to: 3)) "
        out +=
          d.boilerplate[s]
          ? "\("(boilerplate)".rightPadded(to: 13))   -   \(shown)\n"
          : "\(labels[c].rightPadded(to: 13)) \(Fixed.format(Double(d.probabilities[s * k + c]), digits: 2))  \(shown)\n"
        if explain && !d.sentenceExplanations[s].isEmpty {
          out += "      because: " + explanationText(d.sentenceExplanations[s]) + "\n"
        }
      }
    }
    return out + "\n"
  }

  /// `text` on one line, for the text format: each run of white space holding a line break
  /// (LF, CR, vertical tab, form feed, NEL, U+2028, U+2029) becomes one space, as does a tab, and
  /// any other control character becomes U+FFFD, so that a sentence broken across lines in its
  /// source (or a terminal escape in it) cannot break the layout of one line per sentence.
  static func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || isBreak($0) })
    else { return text }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if isBreak(scalar) || scalar == "\t" {
        // The spaces around a line break fold into the one space.
        while out.last == " " { out.removeLast() }
        pendingSpace = true
        continue
      }
      if pendingSpace {
        if scalar == " " { continue }
        if !out.isEmpty { out.append(" ") }
        pendingSpace = false
      }
      let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
      out.append(isControl ? "\u{FFFD}" : scalar)
    }
    return String(out)
  }

  private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// The text of a UTF-8 byte range of `text`.
  static func slice(_ text: String, _ range: Range<Int>) -> String { ScoredDocument.text(of: range, in: text) }
}

/// CSV quoting (RFC 4180): fields with commas, quotes or line breaks are quoted.
enum CSV {
  static func field(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Fixed-point number formatting without Foundation's locale-dependent formatters.
enum Fixed {
  static func format(_ value: Double, digits: Int) -> String {
    // Beyond 1e15 the fixed digits would overflow `Int` (a trap); such values print as Swift does.
    guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled - Double(whole) * scale)
    let sign = value < 0 && scaled > 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    let f = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
  func rightPadded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
