import ArgumentParser
import Classifier
import Features
import Foundation

extension Uncertainty: ExpressibleByArgument {}

/// What `suggest` proposes for labelling: sentences, or whole documents (for data labelled by
/// document, such as topic or article labels).
enum SuggestionUnit: String, CaseIterable, ExpressibleByArgument {
  case sentence, document
}

/// `stance suggest`: the sentences to label next, as a labels file ready to edit.
struct SuggestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "suggest",
    abstract: "Suggest which sentences to label next (the ones that would teach the model most).",
    discussion: """
      INPUT is read as by `stance score` (files, folders, JSONL records, - for standard \
      input) and every prose sentence is scored. The --count sentences picked are those the \
      model is least sure of (--by margin: its two most probable labels are close; entropy: \
      its probabilities are spread), weighted towards labels it has few examples of (and, \
      with --density-weight, towards typical sentences; with --cluster-pool, spread over \
      topics round-robin), and \
      diverse: none repeating (case, punctuation and spacing aside) a sentence of --labels \
      or one already picked, none sharing more than 60% of its word pairs with one already \
      picked, at most --per-source from one article, none shorter than \
      \(SuggestionPicker.minimumWords) words.

      The output is a labels file ready to edit: a header label<TAB>text<TAB>source, then one \
      sentence a line, most useful first. The label column holds the model's guess marked \
      unreviewed (?skeptical): `stance train` refuses such a line, naming it, until a person \
      replaces the guess with the right label (or deletes the line). The source is the \
      record's "source" member, else its "id", else the file path, so the sentences of one \
      article stay one group in cross-validation.

      Examples:
        stance suggest corpus/ --count 100 -o next.tsv
        stance suggest --labels labels/ --count 50 --include '*.jsonl' corpus/ -o next.tsv
        (edit next.tsv: replace every ?label)
        stance train labels/ next.tsv
      """
  )

  @Argument(help: "Files, directories or - (standard input). Default: standard input.")
  var inputs: [String] = []

  @Option(name: .long, help: "How many sentences to suggest (at most \(SuggestCommand.maximumCount)).")
  var count: Int = 50

  @Option(name: .long, help: "Model file (lookup: \(ModelLocator.lookupHelp)).")
  var model: String?

  @Option(name: [.short, .customLong("output")], help: "Write the suggestions to FILE (default: standard output).")
  var output: String?

  @Flag(name: .long, help: "Replace an existing -o file (it may hold labels being edited).")
  var force = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Labels already made (files or folders, repeatable): their sentences are not suggested, and their "
        + "counts per label set the weighting (default: the model's training counts).", valueName: "path"))
  var labels: [String] = []

  @OptionGroup(title: "Labels files with named fields (CSV, Label Studio)")
  var columnOptions: LabelColumnOptions

  @Option(name: .long, help: "Uncertainty measure: margin or entropy.")
  var by: Uncertainty = .margin

  @Option(
    name: .long,
    help: ArgumentHelp(
      "What to suggest: sentence, or document (whole records or files, ranked by the document's scores, "
        + "for data labelled by document)."))
  var unit: SuggestionUnit = .sentence

  @Option(name: .long, help: "Most sentences suggested from one source (article).")
  var perSource: Int = 3

  @Option(
    name: .long,
    help: ArgumentHelp(
      "How strongly rare labels come first: the exponent of (mean examples per label / examples of the rarer "
        + "of the two likeliest labels); 0 = uncertainty alone."))
  var rarityWeight: Double = 0.5

  @Option(
    name: .long,
    help: ArgumentHelp(
      "How strongly typical sentences come first: uncertainty is multiplied by density^W, the density being "
        + "the mean TF-IDF cosine to the sentence's \(SuggestionDensity.neighbours) most similar candidates; "
        + "0 = off, the default (measured in bench/results/suggest-density.md).", valueName: "W"))
  var densityWeight: Double = 0

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Cluster-margin: the M × --count most useful candidates are grouped into --count clusters (k-means on "
        + "TF-IDF, seeded by --seed) and picked round-robin over the clusters, smallest first, most useful first "
        + "within each; 0 = off.", valueName: "M"))
  var clusterPool: Int = 0

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Share of the suggestions (0-1) drawn at random (seeded by --seed) instead of by usefulness.",
      valueName: "share"))
  var explore: Double = 0

  @Option(
    name: .long,
    help:
      "Seed of the random share (--explore) and of the clustering (--cluster-pool): the same seed gives the same suggestions."
  )
  var seed: UInt64 = 1

  @Option(name: .long, help: "Input kind: auto (.jsonl files are JSONL), text or jsonl.")
  var input: InputMode = .auto

  @Option(
    name: .long, help: ArgumentHelp("Read only the files of a folder matching GLOB (repeatable).", valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("Leave out the files of a folder matching GLOB (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  @Option(name: .long, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  /// The most suggestions one run makes: far more than anyone labels in one go, and small enough
  /// that the candidate pool (50 × --count) stays in memory and its arithmetic cannot overflow.
  static let maximumCount = 1_000_000

  func validate() throws {
    if !(1...Self.maximumCount).contains(count) {
      throw ValidationError("--count must be between 1 and \(Self.maximumCount)")
    }
    if perSource < 1 { throw ValidationError("--per-source must be at least 1") }
    if !(rarityWeight >= 0 && rarityWeight <= 10) { throw ValidationError("--rarity-weight must be between 0 and 10") }
    if !(densityWeight >= 0 && densityWeight <= 10) {
      throw ValidationError("--density-weight must be between 0 and 10")
    }
    if !(0...100).contains(clusterPool) { throw ValidationError("--cluster-pool must be between 0 and 100") }
    if !(explore >= 0 && explore <= 1) { throw ValidationError("--explore must be between 0 and 1") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    // An edited suggestions file must not be lost to a rerun: checked before any work.
    if let output, !force, FileManager.default.fileExists(atPath: output) {
      throw CLIError("\(output): exists (it may hold labels being edited); pass --force to replace it")
    }
    let path = try ModelLocator.resolve(model)
    let trained = try ModelFile.read(path)
    var counts = trained.metadata.examplesPerLabel
    var known: Set<String> = []
    if !labels.isEmpty {
      let data = try LabelledData.read(labels, columns: columnOptions.columns)
      ReadReport.printSkipped(data)
      known = Set(data.examples.map { Shingles.key($0.text) })
      let perLabel = Dictionary(zip(data.labels, data.countsPerLabel), uniquingKeysWith: +)
      counts = trained.labels.map { perLabel[$0] ?? 0 }
    }
    var picker = SuggestionPicker(labelCounts: counts, measure: by, perSource: perSource)
    picker.rarityWeight = rarityWeight
    picker.explore = explore
    picker.seed = seed
    let scorer = Scorer(
      model: trained, rule: ArticleRule(settings: trained.metadata.articleRule ?? .standard, labels: trained.labels),
      articles: nil, explain: 0, explainSentences: false)
    let source = try ScoreInput(paths: inputs, mode: input, filter: FileFilter(include: include, exclude: exclude))
    if (inputs.isEmpty || inputs.contains("-")) && isTerminal(0) {
      printError("stance: reading standard input; end with Ctrl-D (files and folders can be given as arguments)")
    }
    let threads = threadCount(threads)
    // The pool keeps the best candidates so far; far more than asked, so that the diversity
    // rules still find enough, and bounded, so memory stays flat on a large corpus.
    let poolSize = max(50 * count, 5_000)
    var pool: [Candidate] = []
    var documents = 0
    var sentences = 0
    // Each worker's workspace (its word cache) lives from batch to batch.
    let workspaces = PerWorker(count: threads) { scorer.makeWorkspace() }
    while let batch = try source.nextBatch(maxItems: 4096, maxBytes: 8 << 20) {
      let ranges = FixedChunks.ranges(count: batch.count, chunkSize: 16)
      let first = documents
      let chunks = WorkQueue.map(count: ranges.count, threads: threads) { job, worker in
        Self.candidates(
          batch[ranges[job]], firstDocument: first + ranges[job].lowerBound, scorer: scorer,
          workspace: workspaces[worker], picker: picker, unit: unit)
      }
      for chunk in chunks {
        if let error = chunk.error { throw error }
        pool += chunk.candidates
        sentences += chunk.sentences
      }
      documents += batch.count
      if pool.count > 2 * poolSize { pool = Self.trimmed(pool, to: poolSize, keepDraws: explore > 0) }
    }
    if densityWeight > 0 {
      let density = SuggestionDensity.of(pool.map(\.text), vectorizer: trained.vectorizer, threads: threads)
      for i in pool.indices { pool[i].priority *= PortableMath.pow(density[i], densityWeight) }
    }
    let picked = picker.pick(
      pool, count: count, known: known,
      ranked: clusterPool > 0
        ? Self.clusterOrder(
          pool, count: count, pool: clusterPool, vectorizer: trained.vectorizer, seed: seed, threads: threads)
        : nil)
    var tsv = "label\ttext\tsource\n"
    for c in picked { tsv += "?\(trained.labels[c.guess])\t\(c.text)\t\(c.source)\n" }
    if let output {
      try AtomicFile.write(Array(tsv.utf8), to: output)
    } else {
      let out = OutputWriter()
      out.write(tsv)
      out.flush()
    }
    printError(
      "stance: suggested \(picked.count) \(unit == .document ? "documents" : "sentences") (of \(sentences) sentences in "
        + "\(documents) documents)"
        + (picked.count < count ? " (fewer than --count: the rest were near-duplicates, labelled or too short)" : "")
        + "; replace each ?label with the right label\(output.map { " in \($0)" } ?? ""), then train with it")
  }

  /// The `size` candidates of highest priority, and with `keepDraws` also the `size` with the
  /// lowest random draws (the exploration share picks from those), in input order.
  static func trimmed(_ pool: [Candidate], to size: Int, keepDraws: Bool) -> [Candidate] {
    var kept = Array(pool.sorted(by: better).prefix(size))
    if keepDraws {
      var orders = Set(kept.map(\.order))
      for c in pool.sorted(by: { $0.draw != $1.draw ? $0.draw < $1.draw : $0.order < $1.order }).prefix(size)
      where orders.insert(c.order).inserted {
        kept.append(c)
      }
    }
    return kept.sorted { $0.order < $1.order }
  }

  /// All of `candidates` in Cluster-margin order (`SuggestionClusters`): the `pool` × `count`
  /// most useful, clustered into `count` groups with the model's TF-IDF rows, in round-robin
  /// order; then the rest, most useful first (the diversity rules may need them).
  static func clusterOrder(
    _ candidates: [Candidate], count: Int, pool: Int, vectorizer: TfidfVectorizer, seed: UInt64, threads: Int
  ) -> [Candidate] {
    let ranked = candidates.sorted(by: better)
    let top = min(ranked.count, pool * count)
    let cluster = SuggestionClusters.assign(
      ranked[..<top].map(\.text), clusters: count, vectorizer: vectorizer, seed: seed, threads: threads)
    let order = SuggestionClusters.roundRobin(Array(0..<top), cluster: cluster)
    return order.map { ranked[$0] } + ranked[top...]
  }

  /// Higher priority first, then input order.
  static func better(_ a: Candidate, _ b: Candidate) -> Bool {
    a.priority != b.priority ? a.priority > b.priority : a.order < b.order
  }

  /// The candidate sentences of a run of input items (scored on the calling thread), the number
  /// of prose sentences seen, and the first bad record's error.
  static func candidates(
    _ items: ArraySlice<InputItem>, firstDocument: Int, scorer: Scorer, workspace: Scorer.Workspace,
    picker: SuggestionPicker,
    unit: SuggestionUnit = .sentence
  ) -> (candidates: [Candidate], sentences: Int, error: CLIError?) {
    var texts: [String] = []
    var sources: [String] = []
    var failure: CLIError?
    for item in items {
      switch item {
      case .text(let id, let text):
        texts.append(text)
        sources.append(id.plain)
      case .jsonLine(let file, let line, let bytes):
        do {
          let record = try JSONRecord.parse(bytes)
          texts.append(record.text)
          sources.append(record.metadata["source"]?.plainText ?? record.plainID ?? "\(file):\(line)")
        } catch let problem as JSONRecord.Problem {
          failure = CLIError("\(file):\(line): \(problem.message)")
        } catch {
          failure = CLIError("\(file):\(line): \(error)")
        }
      case .failure(let error):
        failure = error
      }
      if failure != nil { break }
    }
    let k = scorer.classCount
    var found: [Candidate] = []
    var prose = 0
    for (d, document) in scorer.score(texts, workspace: workspace).enumerated() {
      if unit == .document {
        prose += document.proseCount
        let text = ScoreFormatter.oneLine(texts[d].trimmingCharacters(in: .whitespacesAndNewlines))
        guard document.proseCount > 0, Shingles.words(text).count >= SuggestionPicker.minimumWords else { continue }
        let (priority, guess) = picker.priority(document.scores[...])
        found.append(
          Candidate(
            text: text, source: ScoreFormatter.oneLine(sources[d]), guess: guess, priority: priority,
            order: (firstDocument + d) << 24, draw: Shingles.draw(text, seed: picker.seed)))
        continue
      }
      for (s, range) in document.sentences.enumerated() where !document.boilerplate[s] {
        prose += 1
        let text = ScoreFormatter.oneLine(ScoreFormatter.slice(texts[d], range))
        guard Shingles.words(text).count >= SuggestionPicker.minimumWords else { continue }
        let (priority, guess) = picker.priority(document.probabilities[(s * k)..<(s * k + k)])
        found.append(
          Candidate(
            text: text, source: ScoreFormatter.oneLine(sources[d]), guess: guess, priority: priority,
            order: (firstDocument + d) << 24 | min(s, (1 << 24) - 1), draw: Shingles.draw(text, seed: picker.seed)))
      }
    }
    return (found, prose, failure)
  }
}
