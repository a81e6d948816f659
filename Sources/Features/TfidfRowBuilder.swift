/// Builds the TF-IDF row of one text at a time and hands it straight to the caller, for work
/// that uses each row once (scoring sentences): no matrix is assembled, and the texts can be
/// byte ranges of a larger document, so no `String` is made per sentence.
///
/// The row of a text is the same bits as its row in `TfidfVectorizer.transform`.
///
/// A builder is one worker's state: its column tally, its word cache (each word's character
/// n-gram columns, which warm up as the worker sees words; or, with `SharedWordColumns`, a
/// table shared by all workers) and its buffers. Make one per worker
/// thread and keep it for every text the worker handles; a builder must never be used by two
/// threads at once. Its memory (a few MB, growing with the distinct words seen, see
/// `WordColumnCache`) is freed with it.
public final class TfidfRowBuilder {
  private var counter: DocumentTermCounter
  private var rows = TfidfRows()
  private let idf: [Float]
  private let sublinearTF: Bool

  /// A builder for `vectorizer`'s rows. With `words`, the builder learns and finds words'
  /// character n-gram columns in that table, shared with the other workers' builders (made for
  /// the same vectorizer), once its own cache holds its first 2,048 words.
  public convenience init(vectorizer: TfidfVectorizer, words: SharedWordColumns? = nil) {
    self.init(vectorizer: vectorizer, words: words, ownWordsFirst: DocumentTermCounter.ownWordsFirst)
  }

  /// `init(vectorizer:words:)` whose counter learns only `ownWordsFirst` words into its own
  /// cache before it uses `words` (for tests).
  init(vectorizer: TfidfVectorizer, words: SharedWordColumns?, ownWordsFirst: Int) {
    let vocabulary = vectorizer.vocabulary
    precondition(words == nil || words!.owner === vocabulary.identity, "a word table serves its own vocabulary only")
    counter = DocumentTermCounter(
      settings: vectorizer.settings, index: vocabulary.index, columnCount: vocabulary.count, shared: words,
      ownWordsFirst: ownWordsFirst)
    idf = vectorizer.idf
    sublinearTF = vectorizer.settings.sublinearTF
  }

  /// Calls `body(columns, values)` with the row of the text whose valid UTF-8 is `text`:
  /// columns in increasing order, values L2-normalized (an empty row for a text without
  /// known n-grams). The buffers are valid only during the call.
  public func row<R>(
    _ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R
  ) -> R {
    idf.withUnsafeBufferPointer { idf in
      row(text, TermWeighting(idf: idf.baseAddress!, sublinearTF: sublinearTF), body)
    }
  }

  private func row<R>(
    _ text: UnsafeBufferPointer<UInt8>, _ weighting: TermWeighting,
    _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R
  ) -> R {
    if let tally = counter.tally {
      // Counted into the tally, then weighted while it drains.
      counter.countIntoTally(bytes: text)
      return withExtendedLifetime(tally) { TfidfRows.withRow(draining: tally, weighting, body) }
    }
    var result: R?
    var rows = self.rows
    self.rows = TfidfRows()
    counter.count(bytes: text) { terms in result = rows.withRow(packed: terms, weighting, body) }
    self.rows = rows
    return result!
  }
}
