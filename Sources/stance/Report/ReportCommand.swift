import ArgumentParser
import Charts
import Classifier
import Features
import Foundation

extension Period: ExpressibleByArgument {}

/// `stance report`: one self-contained HTML file with the article view, the corpus view and
/// the model panel.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a self-contained HTML report: highlighted articles, corpus charts, the model.",
    discussion: """
      Takes the inputs of score (files, folders, JSONL records, - for standard input) and \
      writes one HTML file with inline CSS and SVG (no network, no external files): it opens \
      offline, mails as one file and prints.

      Article view: every sentence in place, coloured by its label (deeper = more probable; \
      Okabe-Ito colour-blind-safe palette, neutral grey, stance labels also underlined), page \
      chrome greyed out; hovering or tabbing to a sentence shows its scores and the --explain \
      n-grams behind it, and a sentence table under each article lists the same. With more \
      than --articles documents, the most stance-heavy ones (lowest neutral score) and the \
      --most top articles of each stance label get views, listed in an index; every document \
      stays in the corpus charts.

      Corpus view: label counts, and with JSONL members --by FIELD (e.g. outlet: label shares \
      per group as stacked bars with counts) and --over FIELD (a YYYY-MM-DD date: label shares \
      per week, month, quarter or year, the finest that gives at most 60 periods, one panel \
      per group with --by); the most pro-alliance, skeptical and state-media articles; the \
      n-grams that drove each label over all prose sentences.

      Model panel: the model's file, labels, training data, cross-validation figures and \
      reliability diagram.

      Examples:
        stance report ../shared/seeds -o seeds.html
        stance report --input jsonl --by outlet --over date -o corpus.html < corpus.jsonl
        stance report --by outlet --over date --period month --articles 50 records.jsonl -o r.html
      """
  )

  @Argument(help: "Files, directories or - (standard input). Default: standard input.")
  var inputs: [String] = []

  @Option(name: .shortAndLong, help: ArgumentHelp("The HTML file to write (replaced atomically).", valueName: "file"))
  var output: String

  @Option(name: .long, help: "Model file (lookup: \(ModelLocator.lookupHelp)).")
  var model: String?

  @Option(name: .long, help: "Input kind: auto (.jsonl files are JSONL), text or jsonl.")
  var input: InputMode = .auto

  @Option(
    name: .long,
    help: ArgumentHelp("Read only the files of a folder matching GLOB (repeatable).", valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("Leave out the files of a folder matching GLOB (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  @Flag(name: .long, help: "Report each bad record or unreadable file on standard error and go on.")
  var skipBad = false

  @Option(name: .long, help: ArgumentHelp("Group documents by this JSONL member (e.g. outlet).", valueName: "field"))
  var by: String?

  @Option(
    name: .long, help: ArgumentHelp("Chart documents over this JSONL date member (YYYY-MM-DD).", valueName: "field"))
  var over: String?

  @Option(name: .long, help: "Period of the time charts: auto, week, month, quarter or year.")
  var period: Period = .auto

  @Option(name: .long, help: "Article views when the input has more documents than this.")
  var articles: Int = 100

  @Option(name: .long, help: "Most stance-laden articles listed (and shown) per stance label.")
  var most: Int = 10

  @Option(name: .long, help: "N-grams shown behind each sentence and article label (0 = none).")
  var explain: Int = 5

  @Option(name: .long, help: "Time panels of single groups (the largest) with --by and --over.")
  var panels: Int = 12

  @Option(name: .long, help: "The report's title.")
  var title: String = "stance report"

  @Option(name: .long, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  func validate() throws {
    if articles < 1 { throw ValidationError("--articles must be at least 1") }
    if most < 0 { throw ValidationError("--most must be 0 or more") }
    if explain < 0 { throw ValidationError("--explain must be 0 or more") }
    if panels < 0 { throw ValidationError("--panels must be 0 or more") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    try AtomicFile.checkWritable(output, what: "the HTML file")
    let path = try ModelLocator.resolve(model)
    let trained = try ModelFile.read(path)
    let threads = threadCount(threads)
    let rule = ArticleRule(settings: trained.metadata.articleRule ?? .standard, labels: trained.labels)
    let articleClassifier = trained.metadata.articleClassifier
    let fast = Scorer(model: trained, rule: rule, articles: articleClassifier, explain: 0, explainSentences: false)
    let source = try ScoreInput(
      paths: inputs, mode: input, filter: FileFilter(include: include, exclude: exclude), skipBad: skipBad)
    if (inputs.isEmpty || inputs.contains("-")) && isTerminal(0) {
      printError("stance: reading standard input; end with Ctrl-D (files and folders can be given as arguments)")
    }
    let neutralName = (trained.metadata.articleRule ?? .standard).neutralLabel
    let palette = LabelPalette(labels: trained.labels, neutralLabel: neutralName)
    var collector = ReportCollector(
      labels: trained.labels, neutral: palette.neutral, shown: articles, mostPerLabel: most, by: by, over: over)
    let tallies = (0..<threads).map { _ in
      // Word n-grams only (they come first in the vocabulary): character n-grams such as "[_chi]"
      // carry much of the weight but tell a reader little.
      NGramTally(featureCount: trained.vectorizer.vocabulary.wordTermCount, classCount: trained.labels.count)
    }
    var notices = Tally()
    let progress = Progress()
    var position = 0
    // Each worker's workspace (its word cache) lives from batch to batch.
    let workspaces = PerWorker(count: threads) { fast.makeWorkspace() }
    do {
      while let batch = try source.nextBatch(maxItems: 4096, maxBytes: 8 << 20) {
        let ranges = FixedChunks.ranges(count: batch.count, chunkSize: 16)
        let chunks = WorkQueue.map(count: ranges.count, threads: threads) { job, worker in
          Self.process(
            batch[ranges[job]], scorer: fast, workspace: workspaces[worker], tally: tallies[worker], skipBad: skipBad)
        }
        for chunk in chunks {
          for notice in chunk.notices { notices.report(notice) }
          for item in chunk.documents {
            collector.add(
              ReportArticle(
                position: position, id: item.id, text: item.text, metadata: item.metadata, label: item.document.label,
                scores: item.document.scores, sentences: item.document.proseCount,
                boilerplate: item.document.sentences.count - item.document.proseCount))
            position += 1
          }
          notices.documents += chunk.documents.count
          if let error = chunk.error { throw error }
        }
        progress.update(documents: batch.count, bytes: source.bytesRead)
      }
    } catch {
      progress.finish()
      notices.finish(skipBad: false)
      throw error
    }
    progress.finish()
    notices.finish(skipBad: skipBad)
    if collector.total == 0 { throw CLIError("no documents to report on (the inputs are empty)", exitCode: 1) }
    for (option, field) in [("--by", by), ("--over", over)] {
      if let field, !collector.sawMetadata {
        printError("stance: warning: \(option) \(field): no input record has members besides id and text (JSONL)")
      }
    }
    let tally = tallies[0]
    for other in tallies.dropFirst() { tally.merge(other) }
    let html = render(
      collector, tally: tally, model: trained,
      modelName: ModelLocator.displayName(path),
      palette: palette, rule: rule, articleClassifier: articleClassifier, threads: threads)
    try AtomicFile.write(Array(html.utf8), to: output)
    printError(
      "stance: wrote \(output): \(collector.total) documents, \(collector.shown.count) article views, "
        + "\(Fixed.format(Double(html.utf8.count) / 1e6, digits: 1)) MB")
  }

  /// The page: shown articles scored again, with explanations, then every section.
  private func render(
    _ collector: ReportCollector, tally: NGramTally, model: TrainedModel, modelName: String, palette: LabelPalette,
    rule: ArticleRule, articleClassifier: ArticleClassifier?, threads: Int
  ) -> String {
    let explaining = Scorer(
      model: model, rule: rule, articles: articleClassifier, explain: explain, explainSentences: explain > 0)
    let shown = collector.shown
    let ranges = FixedChunks.ranges(count: shown.count, chunkSize: 8)
    let scored = WorkQueue.map(count: ranges.count, threads: threads) { job in
      explaining.score(shown[ranges[job]].map(\.text))
    }.flatMap { $0 }
    let view = ArticleView(palette: palette)
    let pairs = Array(zip(shown, scored))
    let grouped = collector.groupField != nil || collector.dateField != nil
    var sections: [(id: String, name: String)] = []
    if collector.total > 1 || grouped { sections.append(("corpus", "Corpus")) }
    sections += [("articles", "Articles"), ("model", "Model")]
    var summary = "\(collector.total) document\(collector.total == 1 ? "" : "s") scored with "
    summary += "<code>\(Markup.escape(modelName))</code> (stance \(Markup.escape(model.metadata.toolVersion)))"
    if let by { summary += ", grouped by <code>\(Markup.escape(by))</code>" }
    if let over { summary += ", over <code>\(Markup.escape(over))</code>" }
    summary += "."
    var html = ReportPage.header(title: title, summary: summary, palette: palette, sections: sections)
    if sections.first?.id == "corpus" {
      html += CorpusView(palette: palette, articleView: view, panels: panels, period: period, ngrams: 12)
        .html(collector, tally: tally, model: model)
    }
    let note =
      collector.showsAll
      ? "Every document, in input order."
      : "\(shown.count) of \(collector.total) documents, in input order: the \(articles) most stance-heavy "
        + "(lowest \(Markup.escape(palette.neutral.map { palette.labels[$0] } ?? "neutral")) score) and the \(most) "
        + "most of each stance label. All documents are in the corpus charts."
    html += ReportPage.index(pairs, view: view, note: note)
    for (article, document) in pairs { html += view.html(article, document: document) }
    html += "</section>\n"
    html += ModelPanel(palette: palette, badge: view.badge).html(model, name: modelName)
    return html + ReportPage.footer
  }

  /// One input document, parsed and scored.
  struct Item {
    let id: DocumentID
    let text: String
    let metadata: RecordMetadata
    let document: ScoredDocument
  }

  /// Parses and scores a run of input items on the calling thread (as `score` does), adding
  /// their sentences to `tally`. On a malformed record, returns the documents before it and the
  /// error, unless `skipBad`.
  static func process(
    _ items: ArraySlice<InputItem>, scorer: Scorer, workspace: Scorer.Workspace? = nil, tally: NGramTally,
    skipBad: Bool
  ) -> (
    documents: [Item], error: CLIError?, notices: [ScoreNotice]
  ) {
    let parsed = ParsedItems(items, skipBad: skipBad)
    let scored = scorer.score(parsed.texts, tally: tally, workspace: workspace)
    let documents = scored.indices.map {
      Item(id: parsed.ids[$0], text: parsed.texts[$0], metadata: parsed.metadata[$0], document: scored[$0])
    }
    return (documents, parsed.failure, parsed.notices.map(\.notice))
  }
}
