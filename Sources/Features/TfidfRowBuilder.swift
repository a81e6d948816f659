/// Builds the TF-IDF row of one text at a time and hands it straight to the caller, for work
/// that uses each row once (scoring sentences): no matrix is assembled, and the texts can be
/// byte ranges of a larger document, so no `String` is made per sentence.
///
/// The row of a text is the same bits as its row in `TfidfVectorizer.transform`. One builder
/// per thread (it owns reusable buffers and borrows the thread's word cache); call `finish`
/// when done.
public struct TfidfRowBuilder {
  private var counter: DocumentTermCounter
  private var rows = TfidfRows()
  private let idf: [Float]
  private let sublinearTF: Bool

  /// A builder for `vectorizer`'s rows.
  public init(vectorizer: TfidfVectorizer) {
    let vocabulary = vectorizer.vocabulary
    counter = DocumentTermCounter(
      settings: vectorizer.settings, index: vocabulary.index, columnCount: vocabulary.count,
      owner: vocabulary.identity)
    idf = vectorizer.idf
    sublinearTF = vectorizer.settings.sublinearTF
  }

  /// Calls `body(columns, values)` with the row of the text whose valid UTF-8 is `text`:
  /// columns in increasing order, values L2-normalized (an empty row for a text without
  /// known n-grams). The buffers are valid only during the call.
  public mutating func row<R>(
    _ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R
  ) -> R {
    if let tally = counter.tally {
      // Counted into the thread's tally, then weighted while it drains.
      counter.countIntoTally(bytes: text)
      let sublinear = sublinearTF
      return idf.withUnsafeBufferPointer { idf in
        let result = TfidfRows.withRow(draining: tally, idf: idf, sublinearTF: sublinear, body)
        withExtendedLifetime(tally) {}
        return result
      }
    }
    var result: R?
    var rows = self.rows
    self.rows = TfidfRows()
    let sublinear = sublinearTF
    idf.withUnsafeBufferPointer { idf in
      counter.count(bytes: text) { terms in
        result = rows.withRow(packed: terms, idf: idf, sublinearTF: sublinear, body)
      }
    }
    self.rows = rows
    return result!
  }

  /// Hands the borrowed word cache back to this thread (for the next builder or `transform`).
  public mutating func finish() {
    counter.finish()
  }
}
