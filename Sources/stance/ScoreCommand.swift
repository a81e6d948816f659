import ArgumentParser
import Classifier
import Features
import Foundation

extension ScoreFormat: ExpressibleByArgument {}
extension InputMode: ExpressibleByArgument {}

/// `stance score`: label documents (files, folders, JSONL streams) with a trained model.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Label documents and their sentences with a trained model.",
    discussion: """
      INPUT: files, directories (every file beneath, sorted by path), or - for standard \
      input (the default). A file ending in .jsonl, or any input with --input jsonl, is \
      read as one {"id": ..., "text": ...} record a line; everything else is one document \
      per file. Output order equals input order.

      Page chrome (menus, bylines, timestamps, "RELATED" link lists, captions, metadata \
      lines) is recognised when the model carries a boilerplate detector (the shipped one \
      does): such spans are listed with "boilerplate": true and left out of the label, the \
      scores, the counts and every sentence's context.

      Each document gets a label, its scores, its prose sentence count and the sentences won \
      by each label. A model trained with judged articles (the shipped one) labels the article \
      with an article classifier over its sentences' evidence, and its scores are that \
      classifier's probabilities (docs/article-rule.md). Otherwise, or when any of the rule \
      options below is given, the article rule decides and the scores are the mean of the \
      sentence probabilities. The rule follows \
      the stance its sentences express, not the share of neutral reporting: when the \
      non-neutral labels win at least \(Int(ArticleRule.defaultStanceShare * 100))% of the sentences \
      (--stance-share), the first --precedence label winning --precedence-votes sentences \
      labels the document, else the non-neutral label winning the most; otherwise the \
      document is neutral. The model stores its rule (the shipped model: state-media, then \
      skeptical, 2 sentences; docs/article-rule.md); the options override it for one run.

      With a two-stage model (the shipped one), a sentence's label also weighs the rest of \
      its document, so the same sentence may score differently in another article; \
      --explain then lists context features too (article:LABEL, the mean probability of \
      LABEL over the document's other sentences; neighbours:LABEL, over the sentences \
      just before and after). Span offsets (--sentences) are UTF-8 byte offsets into the input text.

      Examples:
        stance score article.txt
        stance score --sentences --explain 3 article.txt
        stance score --format csv articles/ > scores.csv
        stance score --input jsonl --format jsonl < records.jsonl > scored.jsonl
        STANCE_MODEL=models/other.model stance score notes.txt
      """
  )

  @Argument(help: "Files, directories or - (standard input). Default: standard input.")
  var inputs: [String] = []

  @Option(name: .long, help: "Model file (default: $STANCE_MODEL, then the shipped models/stance.model).")
  var model: String?

  @Option(name: .long, help: "Output: text, json, jsonl or csv (default: text on a terminal, jsonl otherwise).")
  var format: ScoreFormat?

  @Option(name: .long, help: "Input kind: auto (.jsonl files are JSONL), text or jsonl.")
  var input: InputMode = .auto

  @Flag(name: .long, help: "Include every sentence: its byte span, label and scores.")
  var sentences = false

  @Option(name: .long, help: "Show the K n-grams that weigh most for each label given (0 = off).")
  var explain: Int = 0

  @Option(name: .long, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  @Option(
    name: .long,
    help: "The label of reporting without stance, for the document rule (default: the model's, usually neutral).")
  var neutralLabel: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Share of sentences (0-1) the stance labels must win together for the document to take one "
        + "(default: the model's, else \(ArticleRule.defaultStanceShare)).",
      valueName: "share"))
  var stanceShare: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Labels that take the document, in order, once they win --precedence-votes sentences; "
        + "comma-separated, or none (default: the model's; the shipped model's is state-media,skeptical).",
      valueName: "labels"))
  var precedence: String?

  @Option(name: .long, help: "Sentences a precedence label must win (default: the model's, else 2).")
  var precedenceVotes: Int?

  func validate() throws {
    if explain < 0 { throw ValidationError("--explain must be 0 or more") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if let stanceShare, !(0...1).contains(stanceShare) {
      throw ValidationError("--stance-share must be between 0 and 1")
    }
    if let precedenceVotes, precedenceVotes < 1 { throw ValidationError("--precedence-votes must be at least 1") }
  }

  /// The model's article rule with this run's options laid over it.
  func articleRule(for trained: TrainedModel) throws -> ArticleRuleSettings {
    var settings = trained.metadata.articleRule ?? .standard
    if let neutralLabel {
      // A typo (`Neutral`) would silently drop the rule's neutral step.
      guard trained.labels.contains(neutralLabel) else {
        throw ValidationError("--neutral-label '\(neutralLabel)' is not a label of the model \(trained.labels)")
      }
      settings.neutralLabel = neutralLabel
    }
    if let stanceShare { settings.stanceShare = stanceShare }
    if let precedenceVotes { settings.precedenceVotes = precedenceVotes }
    if let precedence {
      settings.precedence =
        precedence == "none" ? [] : precedence.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      for label in settings.precedence where !trained.labels.contains(label) {
        throw ValidationError("--precedence names '\(label)', which is not a label of the model \(trained.labels)")
      }
    }
    return settings
  }

  func run() throws {
    let path = try ModelLocator.resolve(model)
    let trained = try ModelFile.read(path)
    let threads = threadCount(threads)
    let rule = ArticleRule(settings: try articleRule(for: trained), labels: trained.labels)
    // Options of the rule ask for the rule: they override a learnt article classifier too.
    let overridesRule = neutralLabel != nil || stanceShare != nil || precedence != nil || precedenceVotes != nil
    let scorer = Scorer(
      model: trained, rule: rule, articles: overridesRule ? nil : trained.metadata.articleClassifier, explain: explain,
      explainSentences: sentences)
    let format = format ?? (isTerminal(1) ? .text : .jsonl)
    let formatter = ScoreFormatter(format: format, labels: trained.labels, sentences: sentences, explain: explain > 0)
    let source = try ScoreInput(paths: inputs, mode: input)
    if (inputs.isEmpty || inputs.contains("-")) && isTerminal(0) {
      printError("stance: reading standard input; end with Ctrl-D (files and folders can be given as arguments)")
    }
    let output = OutputWriter()
    let progress = Progress()
    output.write(formatter.prologue)
    do {
      try score(source, scorer: scorer, formatter: formatter, threads: threads, output: output, progress: progress)
    } catch {
      // Whatever went wrong, what was written stays well-formed (json: the array is
      // closed over the documents before the error); the error goes to standard error.
      output.write(formatter.epilogue)
      output.flush()
      progress.finish()
      throw error
    }
    output.write(formatter.epilogue)
    output.flush()
    progress.finish()
  }

  /// Scores every batch of `source` and writes the documents in input order; stops at the
  /// first bad record or unreadable input, after writing the documents before it.
  private func score(
    _ source: ScoreInput, scorer: Scorer, formatter: ScoreFormatter, threads: Int, output: OutputWriter,
    progress: Progress
  ) throws {
    var first = true
    var runOns = 0
    defer {
      if runOns > Self.runOnsListed {
        printError(
          "stance: warning: \(runOns - Self.runOnsListed) more documents have a sentence of over "
            + "\(Self.longSentence) bytes with no sentence end (the first \(Self.runOnsListed) are listed above)")
      }
    }
    // Bounded batches: memory stays flat however long the stream; each batch is split
    // into chunks of 16 documents, scored in parallel and written back in input order.
    while let batch = try source.nextBatch(maxItems: 4096, maxBytes: 8 << 20) {
      let ranges = FixedChunks.ranges(count: batch.count, chunkSize: 16)
      let chunks = WorkQueue.map(count: ranges.count, threads: threads) { job in
        Self.process(batch[ranges[job]], scorer: scorer, formatter: formatter)
      }
      for chunk in chunks {
        // Listed in input order, the first few only: a scrape of unpunctuated text would flood stderr.
        for notice in chunk.runOns {
          runOns += 1
          if runOns <= Self.runOnsListed { printError(notice) }
        }
        for bytes in chunk.documents {
          if !first { output.write(formatter.separator) }
          first = false
          output.write(bytes: bytes)
        }
        // The documents before the bad line are out; stop at it.
        if let error = chunk.error { throw error }
      }
      progress.update(documents: batch.count, bytes: source.bytesRead)
    }
  }

  /// Bytes past which a span is reported as a run-on "sentence" (news sentences stay far below:
  /// the longest of the 10,000 labelled ones is under 1,000 bytes).
  static let longSentence = 3_000
  /// Run-on sentences reported one by one before the rest are only counted.
  static let runOnsListed = 10

  /// Parses, scores and formats a run of input items on the calling thread. On a malformed
  /// record, returns the documents before it and the error; `runOns` holds a warning for each
  /// document with a run-on "sentence", for the caller to print in input order.
  static func process(_ items: ArraySlice<InputItem>, scorer: Scorer, formatter: ScoreFormatter) -> (
    documents: [[UInt8]], error: CLIError?, runOns: [String]
  ) {
    var ids: [DocumentID] = []
    var texts: [String] = []
    var failure: CLIError?
    ids.reserveCapacity(items.count)
    texts.reserveCapacity(items.count)
    for item in items {
      switch item {
      case .text(let id, let text):
        ids.append(id)
        texts.append(text)
      case .jsonLine(let file, let line, let bytes):
        do {
          let record = try bytes.withUnsafeBufferPointer { try JSONRecord.parse($0) }
          let fallback = String(line)  // records without an id are named by their line number
          ids.append(DocumentID(json: record.rawID ?? fallback, plain: record.plainID ?? fallback))
          texts.append(record.text)
        } catch let problem as JSONRecord.Problem {
          failure = CLIError("\(file):\(line): \(problem.message)", exitCode: 1)
        } catch {
          failure = CLIError("\(file):\(line): \(error)", exitCode: 1)
        }
      }
      if failure != nil { break }
    }
    let scored = scorer.score(texts)
    var runOns: [String] = []
    for (id, document) in zip(ids, scored) {
      // Unpunctuated text (a transcript, a table dump) comes out as one huge "sentence": say so.
      if let long = document.sentences.first(where: { $0.count > Self.longSentence }) {
        runOns.append(
          "stance: warning: \(id.plain): a sentence of \(long.count) bytes (bytes \(long.lowerBound)-\(long.upperBound)) "
            + "has no sentence end; it is scored as one sentence")
      }
    }
    let documents = (0..<scored.count).map { formatter.format(id: ids[$0], text: texts[$0], document: scored[$0]) }
    return (documents, failure, runOns)
  }
}

/// A progress line on standard error, only when it is a terminal and the job runs long.
final class Progress {
  private let start = DispatchTime.now()
  private let enabled = isTerminal(2)
  private var documents = 0
  private var shown = false

  func update(documents count: Int, bytes: Int) {
    documents += count
    guard enabled else { return }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    guard seconds > 2 else { return }
    let mb = Double(bytes) / 1e6
    writeToStandardError(
      "\rscored \(documents) documents, \(Fixed.format(mb, digits: 1)) MB, \(Fixed.format(mb / seconds, digits: 1)) MB/s "
    )
    shown = true
  }

  func finish() {
    if shown { writeToStandardError("\r\u{1B}[K") }
  }
}
