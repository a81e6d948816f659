import Foundation

/// Turns documents into TF-IDF rows as scikit-learn's `TfidfVectorizer` does (smooth idf,
/// optional sublinear tf, L2-normalized rows), with the n-grams and token rule of its settings.
public struct TfidfVectorizer: Equatable, Sendable {
  /// How documents become n-grams and which terms were kept.
  public let settings: FeatureSettings
  /// The kept terms in column order.
  public let vocabulary: Vocabulary
  /// Inverse document frequency of each column: `ln((1 + n) / (1 + df)) + 1`.
  public let idf: [Float]

  /// Rebuilds a fitted vectorizer (e.g. from a model file). `idf` must have one entry per term.
  public init(settings: FeatureSettings, vocabulary: Vocabulary, idf: [Float]) {
    precondition(idf.count == vocabulary.count, "one idf value per vocabulary term")
    self.settings = settings
    self.vocabulary = vocabulary
    self.idf = idf
  }

  /// Learns the vocabulary and idf from `documents`.
  /// - Parameters:
  ///   - documents: the training texts (at least one).
  ///   - settings: n-grams, token rule and pruning.
  ///   - threads: worker threads (>= 1); the result does not depend on it.
  /// - Throws: `FeaturesError` when the settings are invalid or no term survives.
  public static func fit(_ documents: [String], settings: FeatureSettings, threads: Int) throws -> TfidfVectorizer {
    try fit(documents, settings: settings, threads: threads, keepRows: false).vectorizer
  }

  /// Fits on `documents` and returns their TF-IDF rows too, counting every n-gram only once.
  /// The matrix equals `fit(...).transform(documents, ...)` bit for bit.
  /// - Throws: as `fit`.
  public static func fitTransform(
    _ documents: [String], settings: FeatureSettings, threads: Int
  ) throws -> (vectorizer: TfidfVectorizer, matrix: SparseMatrix) {
    let (vectorizer, matrix) = try fit(documents, settings: settings, threads: threads, keepRows: true)
    return (vectorizer, matrix!)
  }

  private static func fit(
    _ documents: [String], settings: FeatureSettings, threads: Int, keepRows: Bool
  ) throws -> (vectorizer: TfidfVectorizer, matrix: SparseMatrix?) {
    try settings.validate()
    guard !documents.isEmpty else { throw FeaturesError.noDocuments }
    let threads = max(1, threads)
    if let fast = try SortedWordCounting.fit(documents, settings: settings, threads: threads, keepRows: keepRows) {
      return fast
    }
    let ranges = balancedRanges(documents, parts: threads)
    let blocks = FixedChunks.map(count: ranges.count, chunkSize: 1, threads: threads) { r in
      TermCounts(documents: documents, range: ranges[r.lowerBound], settings: settings, keepRows: keepRows)
    }
    let selection = try VocabularySelection(blocks: blocks, documentCount: documents.count, settings: settings)
    let idf = InverseDocumentFrequency.values(
      documentFrequencies: selection.documentFrequency, documentCount: documents.count)
    let vectorizer = TfidfVectorizer(settings: settings, vocabulary: selection.vocabulary, idf: idf)
    guard keepRows else { return (vectorizer, nil) }
    let sublinear = settings.sublinearTF
    let parts = FixedChunks.map(count: blocks.count, chunkSize: 1, threads: threads) { r -> TfidfRows in
      let b = r.lowerBound
      let block = blocks[b]
      let columnOfWord = selection.columnOfWordNode[b]
      let columnOfChar = selection.columnOfChar[b]
      var rows = TfidfRows()
      idf.withUnsafeBufferPointer { idf in
        let weighting = TermWeighting(idf: idf.baseAddress!, sublinearTF: sublinear)
        for d in 0..<(block.rowOffsets.count - 1) {
          for k in block.rowOffsets[d]..<block.rowOffsets[d + 1] {
            let term = block.rowTerms[k]
            let column = term >= 0 ? columnOfWord[Int(term)] : columnOfChar[Int(-term - 1)]
            if column >= 0 { rows.add(column: column, count: block.rowCounts[k]) }
          }
          rows.finishRow(weighting)
        }
      }
      return rows
    }
    return (vectorizer, TfidfRows.matrix(parts, columnCount: vectorizer.vocabulary.count, threads: threads))
  }

  /// Splits documents into `parts` consecutive ranges of about equal UTF-8 size, so threads
  /// get equal work. (Counts are integers, so the split never changes the result.)
  private static func balancedRanges(_ documents: [String], parts: Int) -> [Range<Int>] {
    let total = documents.reduce(0) { $0 + $1.utf8.count }
    var ranges: [Range<Int>] = []
    var start = 0
    var seen = 0
    for (i, d) in documents.enumerated() {
      seen += d.utf8.count
      if seen * parts >= (ranges.count + 1) * total && ranges.count < parts - 1 {
        ranges.append(start..<(i + 1))
        start = i + 1
      }
    }
    if start < documents.count { ranges.append(start..<documents.count) }
    return ranges
  }

  /// The TF-IDF rows of `documents`, one per document, over `vocabulary.count` columns.
  /// Unknown n-grams are ignored; a document with none gets an empty row.
  /// - Parameter threads: worker threads (>= 1); the bits do not depend on it.
  public func transform(_ documents: [String], threads: Int) -> SparseMatrix {
    let vocabulary = self.vocabulary
    let index = vocabulary.index
    let settings = self.settings
    let idfValues = self.idf
    let sublinear = settings.sublinearTF
    // One thread builds one block (no copy when joining); several split the documents in
    // fixed chunks. Rows depend only on their document, so the bits are the same either way.
    let chunkSize = threads <= 1 ? max(1, documents.count) : 256
    let chunks = FixedChunks.ranges(count: documents.count, chunkSize: chunkSize)
    // One counter per worker, made by the worker on its first chunk and kept for the next
    // ones (its word cache warms up once, not once per chunk).
    let workers = FixedChunks.workerCount(count: documents.count, chunkSize: chunkSize, threads: threads)
    var counters = [DocumentTermCounter?](repeating: nil, count: workers)
    let words = workers > 1 && settings.charNGrams != nil ? SharedWordColumns(vectorizer: self) : nil
    var parts = [TfidfRows](repeating: TfidfRows(), count: chunks.count)
    counters.withUnsafeMutableBufferPointer { counters in
      parts.withUnsafeMutableBufferPointer { parts in
        FixedChunks.forEach(count: documents.count, chunkSize: chunkSize, threads: threads) { c, range, worker in
          if counters[worker] == nil {
            counters[worker] = DocumentTermCounter(
              settings: settings, index: index, columnCount: vocabulary.count, shared: words)
          }
          var rows = TfidfRows(reservingRows: range.count, entries: 0)
          idfValues.withUnsafeBufferPointer { idf in
            let weighting = TermWeighting(idf: idf.baseAddress!, sublinearTF: sublinear)
            for d in range {
              counters[worker]!.count(documents[d]) { rows.appendRow(packed: $0, weighting) }
            }
          }
          parts[c] = rows
        }
      }
    }
    return TfidfRows.matrix(parts, columnCount: vocabulary.count, threads: threads)
  }

  /// The term of column `column` (0 ..< `vocabulary.count`), as the vocabulary spells it.
  public func featureName(_ column: Int32) -> String { vocabulary.term(Int(column)) }
}
