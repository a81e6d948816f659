import Features

/// Scores documents with a trained model: splits each text into sentences, marks page chrome,
/// runs both stages (the sentence classifier, then the article-context stage), and labels the
/// document with the article classifier or the article rule; optionally explains each label by
/// its n-grams.
///
/// A value, stateless after `init` and thread-safe: score batches concurrently, each on one
/// thread. The result does not depend on how texts are batched.
///
///     let model = try ModelFile.read("models/stance.model")
///     let scorer = Scorer(model: model)
///     let document = scorer.score([text])[0]
///     print(model.labels[document.label], document.scores)
public struct Scorer: Sendable {
  /// The model scoring.
  public let model: TrainedModel
  /// The rule that labels documents when `articles` is nil (and orders labels after it when
  /// the article classifier applies precedence).
  public let rule: ArticleRule
  /// Labels whole articles from their sentences' evidence; nil: the rule does.
  public let articles: ArticleClassifier?
  /// How many n-grams to explain each label with (0 = none).
  public let explain: Int
  /// Whether sentence-level explanations are wanted (besides the document's).
  public let explainSentences: Bool
  private let splitter = SentenceSplitter()
  /// The model's probabilities for a text without sentences (its prior).
  private let emptyScores: [Float]
  /// Both stages in one pass over each row, when the model has a context stage.
  private let contextScorer: ContextRowScorer?
  /// Each word's character n-gram columns, learnt by all of this scorer's workspaces at once
  /// (nil for a model without character n-grams).
  private let words: SharedWordColumns?
  /// Shared by this scorer's copies, to tell its workspaces from other scorers'.
  private let identity = Identity()
  private final class Identity: Sendable {}

  /// A scorer that labels documents as the model was trained to: with its article classifier
  /// when it has one, else with its article rule (the standard rule when it stores none).
  ///
  /// - Parameters:
  ///   - explain: n-grams (>= 0) to explain each label with; 0 = no explanations (faster).
  ///   - explainSentences: whether each sentence gets its explanation too (with `explain` > 0).
  public init(model: TrainedModel, explain: Int = 0, explainSentences: Bool = false) {
    self.init(
      model: model, rule: ArticleRule(settings: model.metadata.articleRule ?? .standard, labels: model.labels),
      articles: model.metadata.articleClassifier, explain: explain, explainSentences: explainSentences)
  }

  /// A scorer for `model` with a given `rule`; `articles` nil applies `rule` to every document.
  public init(
    model: TrainedModel, rule: ArticleRule, articles: ArticleClassifier?, explain: Int, explainSentences: Bool
  ) {
    self.model = model
    self.rule = rule
    self.articles = articles
    self.explain = explain
    self.explainSentences = explainSentences
    // The empty text's row has no entries: built directly, without starting the vectorizer
    // (its word caches and tables were 2% of a cold `stance score`; issue 20).
    let empty =
      (try? SparseMatrix(
        columnCount: model.classifier.featureCount, rowOffsets: [0, 0], columnIndices: [], values: []))
      ?? model.vectorizer.transform([""], threads: 1)
    // Alone in its document, the row is the sentence model's to decide (as in `decide`), without
    // building a second row scorer for one empty row.
    emptyScores = model.classifier.probabilities(empty, threads: 1)
    words = model.vectorizer.settings.charNGrams == nil ? nil : SharedWordColumns(vectorizer: model.vectorizer)
    contextScorer = model.context.map { ContextRowScorer(sentence: model.classifier, context: $0) }
  }

  /// One worker's state for `score`: the row builder with its tally, its buffers and its own
  /// cache of the first words it meets (later words' character n-gram columns go to a table
  /// all of this scorer's workspaces share). Make one per worker thread with the scorer's
  /// `makeWorkspace()` and pass it to each of that worker's `score` calls, so that its cache
  /// stays warm from batch to batch; never use one on two threads at once.
  public final class Workspace {
    fileprivate let builder: TfidfRowBuilder
    /// The scorer (and its copies) this workspace serves: its builder uses that scorer's word table.
    fileprivate let owner: ObjectIdentifier

    fileprivate init(builder: TfidfRowBuilder, owner: ObjectIdentifier) {
      self.builder = builder
      self.owner = owner
    }
  }

  /// A fresh workspace for this scorer and its copies (see `Workspace`). It allocates the row
  /// builder's tally (about 5 bytes a feature, 1.2 MB for the shipped model) at once and its
  /// word cache as words come.
  public func makeWorkspace() -> Workspace {
    Workspace(
      builder: TfidfRowBuilder(vectorizer: model.vectorizer, words: words),
      owner: ObjectIdentifier(identity))
  }

  /// Number of labels K (>= 2).
  public var classCount: Int { model.classifier.classCount }

  /// Scores `texts` on the calling thread, one `ScoredDocument` per text in order; with `tally`
  /// (and no explanations), also adds each prose sentence's n-gram contributions towards its
  /// label to it (see `NGramTally`). `workspace` is the calling worker's, made by this scorer
  /// (see `Workspace`); without one the call makes its own, which costs a tally and an empty
  /// own word cache: callers that score batch after batch pass one. The results do not depend
  /// on the workspace.
  public func score(_ texts: [String], tally: NGramTally? = nil, workspace: Workspace? = nil) -> [ScoredDocument] {
    if explain > 0 { return scoreExplaining(texts) }
    let workspace = workspace ?? makeWorkspace()
    precondition(workspace.owner == ObjectIdentifier(identity), "a workspace serves the scorer that made it")
    return scoreSentenceBySentence(texts, tally: tally, builder: workspace.builder)
  }

  /// The spans of `text` and which of them are page chrome (none without a detector).
  private func spans(_ text: String) -> (ranges: [Range<Int>], boilerplate: [Bool]) {
    let ranges = splitter.split(text)
    let marks = model.metadata.boilerplate?.mark(text, spans: ranges) ?? [Bool](repeating: false, count: ranges.count)
    return (ranges, marks)
  }

  /// Scores without explanations: each sentence's row is built from its bytes in the
  /// document and scored at once (no `String` per sentence, no matrix; the same bits). With a
  /// context stage, the same pass also takes the stage's n-gram part, and the stage finishes
  /// once the document's prose sentence probabilities are all known.
  private func scoreSentenceBySentence(_ texts: [String], tally: NGramTally?, builder: TfidfRowBuilder)
    -> [ScoredDocument]
  {
    let k = classCount
    let classifier = model.classifier
    var results: [ScoredDocument] = []
    results.reserveCapacity(texts.count)
    // The rows kept for the tally (it needs each sentence's final label, known only once the
    // whole document is scored): entries of row s at rowStarts[s] ..< rowStarts[s + 1].
    var rowColumns: [Int32] = []
    var rowValues: [Float] = []
    var rowStarts: [Int] = [0]
    for text in texts {
      var text = text
      let (ranges, chrome) = spans(text)
      if tally != nil {
        rowColumns.removeAll(keepingCapacity: true)
        rowValues.removeAll(keepingCapacity: true)
        rowStarts.removeAll(keepingCapacity: true)
        rowStarts.append(0)
      }
      var p = [Float](repeating: 0, count: ranges.count * k)
      var first = [Float](repeating: 0, count: ranges.count * k)
      text.withUTF8 { bytes in
        p.withUnsafeMutableBufferPointer { out in
          first.withUnsafeMutableBufferPointer { first in
            for (s, r) in ranges.enumerated() {
              let slot = (s * k)..<(s * k + k)
              builder.row(UnsafeBufferPointer(rebasing: bytes[r])) { columns, values in
                if tally != nil {
                  rowColumns.append(contentsOf: columns)
                  rowValues.append(contentsOf: values)
                  rowStarts.append(rowColumns.count)
                }
                if let contextScorer {
                  contextScorer.scoreRow(
                    columns: columns, values: values, sentence: UnsafeMutableBufferPointer(rebasing: first[slot]),
                    partial: UnsafeMutableBufferPointer(rebasing: out[slot]))
                } else {
                  classifier.probabilities(
                    columns: columns, values: values, into: UnsafeMutableBufferPointer(rebasing: first[slot]))
                }
              }
            }
          }
        }
      }
      if let contextScorer {
        finishContext(contextScorer, first: first, partial: &p, boilerplate: chrome)
      } else {
        p = first
      }
      if let tally {
        addToTally(
          tally, probabilities: p, boilerplate: chrome, columns: rowColumns, values: rowValues, starts: rowStarts)
      }
      results.append(
        document(text, ranges: ranges, boilerplate: chrome, probabilities: p, decision: nil, firstRow: 0))
    }
    return results
  }

  /// Adds a document's prose sentences to `tally`, each towards its most probable label under
  /// `p` (the model's own probabilities, as the counts use), with the weights of the stage that
  /// decided it: the context stage, or the sentence model for a lone prose sentence.
  private func addToTally(
    _ tally: NGramTally, probabilities p: [Float], boilerplate: [Bool], columns: [Int32], values: [Float],
    starts: [Int]
  ) {
    let k = classCount
    let proseCount = boilerplate.lazy.filter { !$0 }.count
    let decider = proseCount > 1 ? (model.context?.classifier ?? model.classifier) : model.classifier
    decider.weights.withUnsafeBufferPointer { weights in
      columns.withUnsafeBufferPointer { columns in
        values.withUnsafeBufferPointer { values in
          for s in boilerplate.indices where !boilerplate[s] {
            let label = (0..<k).reduce(0) { p[s * k + $1] > p[s * k + $0] ? $1 : $0 }
            let row = starts[s]..<starts[s + 1]
            tally.add(
              columns: UnsafeBufferPointer(rebasing: columns[row]), values: UnsafeBufferPointer(rebasing: values[row]),
              weights: weights, label: label)
          }
        }
      }
    }
  }

  /// The context stage over the prose sentences only (chrome is no context), written into
  /// `partial`; boilerplate spans keep the sentence model's probabilities.
  private func finishContext(_ scorer: ContextRowScorer, first: [Float], partial: inout [Float], boilerplate: [Bool]) {
    let k = classCount
    let prose = boilerplate.indices.filter { !boilerplate[$0] }
    if prose.count == boilerplate.count {
      first.withUnsafeBufferPointer { f in
        partial.withUnsafeMutableBufferPointer { scorer.finishDocument(sentence: f, partial: $0) }
      }
      return
    }
    var proseFirst = [Float]()
    var prosePartial = [Float]()
    proseFirst.reserveCapacity(prose.count * k)
    prosePartial.reserveCapacity(prose.count * k)
    for s in prose {
      proseFirst += first[(s * k)..<(s * k + k)]
      prosePartial += partial[(s * k)..<(s * k + k)]
    }
    proseFirst.withUnsafeBufferPointer { f in
      prosePartial.withUnsafeMutableBufferPointer { scorer.finishDocument(sentence: f, partial: $0) }
    }
    for s in boilerplate.indices where boilerplate[s] {
      for c in 0..<k { partial[s * k + c] = first[s * k + c] }
    }
    for (j, s) in prose.enumerated() {
      for c in 0..<k { partial[s * k + c] = prosePartial[j * k + c] }
    }
  }

  /// Scores with explanations, which need every sentence's row afterwards: one matrix for all.
  private func scoreExplaining(_ texts: [String]) -> [ScoredDocument] {
    let k = classCount
    var found: [(ranges: [Range<Int>], boilerplate: [Bool])] = []
    found.reserveCapacity(texts.count)
    var sentences: [String] = []
    var documentOf: [Int] = []
    for (d, text) in texts.enumerated() {
      let spans = spans(text)
      found.append(spans)
      for (r, chrome) in zip(spans.ranges, spans.boilerplate) {
        sentences.append(ScoredDocument.text(of: r, in: text))
        // Each boilerplate span is a document of its own: no context given or taken.
        documentOf.append(chrome ? -1 - documentOf.count : d)
      }
    }
    let x = model.vectorizer.transform(sentences, threads: 1)
    let decision = TrainedModel.decide(
      x, classifier: model.classifier, context: model.context, documentOf: documentOf, threads: 1,
      rowScorer: contextScorer)
    var results: [ScoredDocument] = []
    results.reserveCapacity(texts.count)
    var row = 0
    for (d, (ranges, chrome)) in found.enumerated() {
      let slots = (row * k)..<((row + ranges.count) * k)
      results.append(
        document(
          texts[d], ranges: ranges, boilerplate: chrome, probabilities: Array(decision.probabilities[slots]),
          decision: decision,
          firstRow: row))
      row += ranges.count
    }
    return results
  }

  /// The document `text` made of spans `ranges` (`boilerplate` marking chrome) whose
  /// probabilities are `p`; `decision` (needed only for explanations) holds their rows from
  /// `firstRow` on.
  private func document(
    _ text: String, ranges: [Range<Int>], boilerplate: [Bool], probabilities p: [Float],
    decision: TrainedModel.Decision?,
    firstRow: Int
  ) -> ScoredDocument {
    let k = classCount
    let prose = boilerplate.indices.filter { !boilerplate[$0] }
    let n = prose.count
    let winners = ranges.indices.map { s in (0..<k).reduce(0) { p[s * k + $1] > p[s * k + $0] ? $1 : $0 } }
    guard n > 0 else {
      let best = emptyScores.indices.max { emptyScores[$0] < emptyScores[$1] } ?? 0
      return ScoredDocument(
        sentences: ranges, boilerplate: boilerplate, probabilities: p, scores: emptyScores,
        counts: [Int](repeating: 0, count: k), label: best,
        sentenceExplanations: explainSentences && decision != nil ? ranges.indices.map { _ in [] } : [],
        documentExplanation: [])
    }
    var sums = [Double](repeating: 0, count: k)
    var counts = [Int](repeating: 0, count: k)
    for s in prose {
      for c in 0..<k { sums[c] += Double(p[s * k + c]) }
      counts[winners[s]] += 1
    }
    var scores = sums.map { Float($0 / Double(n)) }
    var label = rule.label(votes: counts, probabilitySums: sums, sentenceCount: n)
    if let articles {
      var evidence = [Float]()
      evidence.reserveCapacity(n * k)
      for s in prose { evidence += p[(s * k)..<(s * k + k)] }
      let q = articles.probabilities(
        sentences: evidence, attributed: articles.readsAttribution ? attribution(text, of: prose, in: ranges) : nil)
      scores = q.map { Float($0) }
      label = (0..<k).reduce(0) { q[$1] > q[$0] ? $1 : $0 }
      if articles.appliesPrecedence { label = rule.applyingPrecedence(to: label, votes: counts) }
    }
    var sentenceExplanations: [[(feature: String, weight: Float)]] = []
    var documentExplanation: [(feature: String, weight: Float)] = []
    if explain > 0, let decision {
      var merged: [Int32: Float] = [:]
      for s in ranges.indices {
        if explainSentences {
          let top = decision.contributions(row: firstRow + s, label: winners[s], top: explain)
          sentenceExplanations.append(top.map { (model.displayName($0.feature), $0.weight) })
        }
        if !boilerplate[s] && winners[s] == label {
          for c in decision.contributions(row: firstRow + s, label: label, top: Int.max) {
            merged[c.feature, default: 0] += c.weight
          }
        }
      }
      documentExplanation = merged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .prefix(explain).map { (model.displayName($0.key), $0.value) }
    }
    return ScoredDocument(
      sentences: ranges, boilerplate: boilerplate, probabilities: calibrated(p), scores: scores, counts: counts,
      label: label, sentenceExplanations: sentenceExplanations, documentExplanation: documentExplanation)
  }

  /// Whether each prose sentence of `text` (span indices `prose` into the byte ranges `ranges`)
  /// is attributed.
  private func attribution(_ text: String, of prose: [Int], in ranges: [Range<Int>]) -> [Bool] {
    var text = text
    return text.withUTF8 { bytes in
      prose.map { Attribution.isAttributed(UnsafeBufferPointer(rebasing: bytes[ranges[$0]])) }
    }
  }

  /// The sentence probabilities as reported: calibrated when the model carries a calibration.
  /// Labels, counts, the rule and the article classifier work on the model's own probabilities
  /// (calibration keeps every sentence's most probable label; the article classifier learnt from
  /// uncalibrated evidence).
  private func calibrated(_ p: [Float]) -> [Float] {
    guard let calibration = model.metadata.calibration else { return p }
    return calibration.applied(p, classCount: classCount)
  }
}
