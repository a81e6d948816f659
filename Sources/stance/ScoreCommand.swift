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
      per file. Output order equals input order. --include and --exclude choose the files \
      of a folder by name (*.jsonl) or by path below it (a glob with /).

      A record's other members (outlet, date, anything) are kept: JSON output writes them \
      after "id" as they were written, CSV output gives each member of the first record a \
      column after "id". A member named like an output field (label) comes out as input_label.

      A bad record (not JSON, no "text") or an unreadable file stops the run with \
      file:line: why (exit 1) after the documents before it; with --skip-bad it is reported \
      on standard error and skipped, and the run ends with the counts (exit 0).

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
        stance score --include '*.jsonl' --skip-bad --format csv corpus/ > corpus.csv
        STANCE_MODEL=models/other.model stance score notes.txt
      """
  )

  @Argument(help: "Files, directories or - (standard input). Default: standard input.")
  var inputs: [String] = []

  @Option(name: .long, help: "Model file (lookup: \(ModelLocator.lookupHelp)).")
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

  @Flag(
    name: .long,
    help: "Report each bad record or unreadable file on standard error (file:line: why), go on, end with a count.")
  var skipBad = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read only the files of a folder matching GLOB (repeatable; a GLOB with / matches the path below the folder).",
      valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("Leave out the files of a folder matching GLOB (repeatable).", valueName: "glob"))
  var exclude: [String] = []

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
    let source = try ScoreInput(
      paths: inputs, mode: input, filter: FileFilter(include: include, exclude: exclude), skipBad: skipBad)
    if (inputs.isEmpty || inputs.contains("-")) && isTerminal(0) {
      printError("stance: reading standard input; end with Ctrl-D (files and folders can be given as arguments)")
    }
    let output = OutputWriter()
    let progress = Progress()
    var tally = Tally()
    // CSV needs its columns before the first row: the first batch is read before the header,
    // and its first record's members name them.
    var firstBatch: [InputItem]?
    var firstError: Error?
    do { firstBatch = try source.nextBatch(maxItems: 4096, maxBytes: 8 << 20) } catch { firstError = error }
    let formatter = ScoreFormatter(
      format: format, labels: trained.labels, sentences: sentences, explain: explain > 0,
      metadataColumns: format == .csv ? Self.firstRecordMembers(firstBatch ?? []) : [])
    output.write(formatter.prologue)
    do {
      if let firstError { throw firstError }
      try score(
        source, first: firstBatch, scorer: scorer, formatter: formatter, threads: threads, output: output,
        progress: progress, tally: &tally)
    } catch {
      // Whatever went wrong, what was written stays well-formed (json: the array is
      // closed over the documents before the error); the error goes to standard error.
      output.write(formatter.epilogue)
      output.flush()
      progress.finish()
      tally.finish(skipBad: false)
      throw error
    }
    output.write(formatter.epilogue)
    output.flush()
    progress.finish()
    tally.finish(skipBad: skipBad)
  }

  /// The member names of the first JSONL record in `items` that parses (none when there is none).
  static func firstRecordMembers(_ items: [InputItem]) -> [String] {
    for item in items {
      guard case .jsonLine(_, _, let bytes) = item, let record = try? JSONRecord.parse(bytes) else { continue }
      return record.metadata.members.map(\.name)
    }
    return []
  }

  /// Scores `first` and then every further batch of `source` and writes the documents in input
  /// order; without `--skip-bad`, stops at the first bad record or unreadable input, after
  /// writing the documents before it.
  private func score(
    _ source: ScoreInput, first: [InputItem]?, scorer: Scorer, formatter: ScoreFormatter, threads: Int,
    output: OutputWriter, progress: Progress, tally: inout Tally
  ) throws {
    var firstDocument = true
    var next = first
    // Bounded batches: memory stays flat however long the stream; each batch is split
    // into chunks of 16 documents, scored in parallel and written back in input order.
    // Each worker's workspace (its word cache) lives from batch to batch.
    let workspaces = PerWorker(count: threads) { scorer.makeWorkspace() }
    while let batch = next {
      let ranges = FixedChunks.ranges(count: batch.count, chunkSize: 16)
      let chunks = WorkQueue.map(count: ranges.count, threads: threads) { job, worker in
        Self.process(
          batch[ranges[job]], scorer: scorer, workspace: workspaces[worker], formatter: formatter, skipBad: skipBad)
      }
      for chunk in chunks {
        // Notices in input order; run-on warnings only the first few: a scrape of unpunctuated
        // text would flood stderr.
        for notice in chunk.notices { tally.report(notice) }
        tally.documents += chunk.documents.count
        for bytes in chunk.documents {
          if !firstDocument { output.write(formatter.separator) }
          firstDocument = false
          output.write(bytes: bytes)
        }
        // The documents before the bad line are out; stop at it.
        if let error = chunk.error { throw error }
      }
      progress.update(documents: batch.count, bytes: source.bytesRead)
      next = try source.nextBatch(maxItems: 4096, maxBytes: 8 << 20)
    }
  }

  /// Bytes past which a span is reported as a run-on "sentence" (news sentences stay far below:
  /// the longest of the 10,000 labelled ones is under 1,000 bytes).
  static let longSentence = 3_000

  /// Parses, scores and formats a run of input items on the calling thread. On a malformed
  /// record, returns the documents before it and the error, unless `skipBad`, which leaves the
  /// item out with a `.skipped` notice and goes on. `notices` are in input order, for the caller
  /// to print.
  static func process(
    _ items: ArraySlice<InputItem>, scorer: Scorer, workspace: Scorer.Workspace? = nil, formatter: ScoreFormatter,
    skipBad: Bool
  ) -> (
    documents: [[UInt8]], error: CLIError?, notices: [ScoreNotice]
  ) {
    var parsed = ParsedItems(items, skipBad: skipBad) { metadata, file, line in
      formatter.membersWithoutColumn(metadata).map { .memberWithoutColumn(name: $0, place: "\(file):\(line)") }
    }
    let scored = scorer.score(parsed.texts, workspace: workspace)
    for (d, (id, document)) in zip(parsed.ids, scored).enumerated() {
      // Unpunctuated text (a transcript, a table dump) comes out as one huge "sentence": say so.
      if let long = document.sentences.first(where: { $0.count > Self.longSentence }) {
        parsed.notices.append(
          (
            d,
            .runOn(
              "stance: warning: \(id.plain): a sentence of \(long.count) bytes (bytes \(long.lowerBound)-\(long.upperBound)) "
                + "has no sentence end; it is scored as one sentence")
          ))
      }
    }
    let documents = (0..<scored.count).map {
      formatter.format(id: parsed.ids[$0], text: parsed.texts[$0], document: scored[$0], metadata: parsed.metadata[$0])
    }
    // A stable sort: notices of one position keep the order they were found in.
    let ordered = parsed.notices.enumerated().sorted {
      ($0.element.position, $0.offset) < ($1.element.position, $1.offset)
    }
    return (documents, parsed.failure, ordered.map(\.element.notice))
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
