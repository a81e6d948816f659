/// A run of input items parsed into the documents to score, as `score` and `report` read them:
/// each document's id, text and record members, the first bad item, and notices about the items.
struct ParsedItems {
  /// The documents' ids, in input order.
  var ids: [DocumentID] = []
  /// The documents' texts.
  var texts: [String] = []
  /// The documents' other record members (none for a text file).
  var metadata: [RecordMetadata] = []
  /// The first malformed record or unreadable input, unless `skipBad`: the documents before it
  /// are parsed, the items after it are not.
  var failure: CLIError?
  /// Notices in the order found, each with the index of the document it comes before or with:
  /// a `.skipped` one for each bad item under `skipBad`, and those of `recordNotices`.
  var notices: [(position: Int, notice: ScoreNotice)] = []

  /// Parses `items` on the calling thread.
  ///
  /// - Parameters:
  ///   - items: the run of input items, in input order.
  ///   - skipBad: leave a bad item out with a `.skipped` notice and go on, instead of stopping.
  ///   - recordNotices: what to say about a parsed JSONL record, given its members, file and
  ///     1-based line (nothing by default).
  init(
    _ items: ArraySlice<InputItem>, skipBad: Bool,
    recordNotices: (RecordMetadata, _ file: String, _ line: Int) -> [ScoreNotice] = { _, _, _ in [] }
  ) {
    ids.reserveCapacity(items.count)
    texts.reserveCapacity(items.count)
    metadata.reserveCapacity(items.count)
    for item in items {
      var problem: CLIError?
      switch item {
      case .text(let id, let text):
        ids.append(id)
        texts.append(text)
        metadata.append(.none)
      case .jsonLine(let file, let line, let bytes):
        switch JSONRecord.parse(bytes, file: file, line: line) {
        case .success(let (id, record)):
          ids.append(id)
          texts.append(record.text)
          metadata.append(record.metadata)
          for notice in recordNotices(record.metadata, file, line) { notices.append((ids.count - 1, notice)) }
        case .failure(let error):
          problem = error
        }
      case .failure(let error):
        problem = error
      }
      if let problem {
        if !skipBad {
          failure = problem
          break
        }
        notices.append((ids.count, .skipped(problem.message)))
      }
    }
  }
}
