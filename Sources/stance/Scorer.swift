import Classifier
import Features

/// One scored document: its sentences, their probabilities and the document's label.
struct ScoredDocument {
  /// UTF-8 byte ranges of the sentences in the document's text.
  var sentences: [Range<Int>]
  /// Sentence probabilities, `sentences.count × classCount`, row-major.
  var probabilities: [Float]
  /// The document's scores: the mean of its sentence probabilities (sums to 1).
  var scores: [Float]
  /// Sentences won by each label.
  var counts: [Int]
  /// The document label (see `ArticleRule`).
  var label: Int
  /// Per sentence, the n-grams behind its label (empty unless explanations were asked for).
  var sentenceExplanations: [[(feature: String, weight: Float)]]
  /// The n-grams behind the document label, summed over the sentences carrying it.
  var documentExplanation: [(feature: String, weight: Float)]
}

/// Scores documents sentence by sentence with a trained model. Stateless and thread-safe:
/// batches are scored concurrently, each on one thread.
struct Scorer: Sendable {
  let model: TrainedModel
  let rule: ArticleRule
  /// How many n-grams to explain each label with (0 = none).
  let explain: Int
  /// Whether sentence-level explanations are wanted (only with `--sentences`).
  let explainSentences: Bool
  private let splitter = SentenceSplitter()
  /// The model's probabilities for a text without sentences (its prior).
  private let emptyScores: [Float]
  /// Both stages in one pass over each row, when the model has a context stage.
  private let contextScorer: ContextRowScorer?

  init(model: TrainedModel, rule: ArticleRule, explain: Int, explainSentences: Bool) {
    self.model = model
    self.rule = rule
    self.explain = explain
    self.explainSentences = explainSentences
    let empty = model.vectorizer.transform([""], threads: 1)
    emptyScores = model.decide(empty, documentOf: [0], threads: 1).probabilities
    contextScorer = model.context.map { ContextRowScorer(sentence: model.classifier, context: $0) }
  }

  var classCount: Int { model.classifier.classCount }

  /// Scores `texts` on the calling thread.
  func score(_ texts: [String]) -> [ScoredDocument] {
    explain > 0 ? scoreExplaining(texts) : scoreSentenceBySentence(texts)
  }

  /// Scores without explanations: each sentence's row is built from its bytes in the
  /// document and scored at once (no `String` per sentence, no matrix; the same bits). With a
  /// context stage, the same pass also takes the stage's n-gram part, and the stage finishes
  /// once the document's sentence probabilities are all known.
  private func scoreSentenceBySentence(_ texts: [String]) -> [ScoredDocument] {
    let k = classCount
    let classifier = model.classifier
    var builder = TfidfRowBuilder(vectorizer: model.vectorizer)
    defer { builder.finish() }
    var sentence: [Float] = []
    var results: [ScoredDocument] = []
    results.reserveCapacity(texts.count)
    for text in texts {
      var text = text
      let ranges = splitter.split(text)
      var p = [Float](repeating: 0, count: ranges.count * k)
      if contextScorer != nil {
        sentence.removeAll(keepingCapacity: true)
        sentence.append(contentsOf: repeatElement(0, count: ranges.count * k))
      }
      text.withUTF8 { bytes in
        p.withUnsafeMutableBufferPointer { out in
          sentence.withUnsafeMutableBufferPointer { first in
            for (s, r) in ranges.enumerated() {
              let slot = (s * k)..<(s * k + k)
              builder.row(UnsafeBufferPointer(rebasing: bytes[r])) { columns, values in
                if let contextScorer {
                  contextScorer.scoreRow(
                    columns: columns, values: values, sentence: UnsafeMutableBufferPointer(rebasing: first[slot]),
                    partial: UnsafeMutableBufferPointer(rebasing: out[slot]))
                } else {
                  classifier.probabilities(
                    columns: columns, values: values, into: UnsafeMutableBufferPointer(rebasing: out[slot]))
                }
              }
            }
            contextScorer?.finishDocument(sentence: UnsafeBufferPointer(first), partial: out)
          }
        }
      }
      results.append(document(ranges: ranges, probabilities: p, decision: nil, firstRow: 0))
    }
    return results
  }

  /// Scores with explanations, which need every sentence's row afterwards: one matrix for all.
  private func scoreExplaining(_ texts: [String]) -> [ScoredDocument] {
    let k = classCount
    var ranges: [[Range<Int>]] = []
    ranges.reserveCapacity(texts.count)
    var sentences: [String] = []
    for text in texts {
      let found = splitter.split(text)
      ranges.append(found)
      let utf8 = text.utf8
      for r in found {
        let lower = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
        let upper = utf8.index(lower, offsetBy: r.count)
        sentences.append(String(text[lower..<upper]))
      }
    }
    let x = model.vectorizer.transform(sentences, threads: 1)
    let documentOf = ranges.enumerated().flatMap { repeatElement($0.offset, count: $0.element.count) }
    let decision = model.decide(x, documentOf: documentOf, threads: 1)
    let probabilities = decision.probabilities
    var results: [ScoredDocument] = []
    results.reserveCapacity(texts.count)
    var row = 0
    for documentRanges in ranges {
      let n = documentRanges.count
      let p = Array(probabilities[(row * k)..<((row + n) * k)])
      results.append(document(ranges: documentRanges, probabilities: p, decision: decision, firstRow: row))
      row += n
    }
    return results
  }

  /// The document made of sentences `ranges` whose probabilities are `p`; `decision` (needed
  /// only for explanations) holds their rows from `firstRow` on and the classifier that scored them.
  private func document(
    ranges: [Range<Int>], probabilities p: [Float], decision: TrainedModel.Decision?, firstRow: Int
  ) -> ScoredDocument {
    let k = classCount
    let n = ranges.count
    guard n > 0 else {
      let best = emptyScores.indices.max { emptyScores[$0] < emptyScores[$1] } ?? 0
      return ScoredDocument(
        sentences: [], probabilities: [], scores: emptyScores, counts: [Int](repeating: 0, count: k), label: best,
        sentenceExplanations: [], documentExplanation: [])
    }
    var sums = [Double](repeating: 0, count: k)
    var counts = [Int](repeating: 0, count: k)
    var winners = [Int](repeating: 0, count: n)
    for s in 0..<n {
      var best = 0
      for c in 0..<k {
        let v = p[s * k + c]
        sums[c] += Double(v)
        if v > p[s * k + best] { best = c }
      }
      winners[s] = best
      counts[best] += 1
    }
    let scores = sums.map { Float($0 / Double(n)) }
    let label = rule.label(votes: counts, probabilitySums: sums, sentenceCount: n)
    var sentenceExplanations: [[(feature: String, weight: Float)]] = []
    var documentExplanation: [(feature: String, weight: Float)] = []
    if explain > 0, let decision {
      var merged: [Int32: Float] = [:]
      for s in 0..<n {
        if explainSentences {
          let top = decision.classifier.contributions(
            row: firstRow + s, of: decision.rows, label: winners[s], top: explain)
          sentenceExplanations.append(top.map { (model.displayName($0.feature), $0.weight) })
        }
        if winners[s] == label {
          for c in decision.classifier.contributions(row: firstRow + s, of: decision.rows, label: label, top: Int.max) {
            merged[c.feature, default: 0] += c.weight
          }
        }
      }
      documentExplanation = merged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .prefix(explain).map { (model.displayName($0.key), $0.value) }
    }
    return ScoredDocument(
      sentences: ranges, probabilities: p, scores: scores, counts: counts, label: label,
      sentenceExplanations: sentenceExplanations, documentExplanation: documentExplanation)
  }
}
