import Features
import Foundation

/// The `.tsv` labels format, read from the file's bytes: `label<TAB>text[<TAB>source]` lines, `#`
/// comment lines, an optional header naming the columns.
///
/// A large file is parsed in parallel over byte ranges that start and end at line ends; the
/// ranges' examples are joined in file order, and the first problem in file order is the one
/// thrown, so the examples, their order and the errors (with file and line) are the same for any
/// thread count. Common lines (ASCII at the edges of the line and of each field) are taken on a
/// byte path; any other line goes through the Character operations the format is defined by.
enum LabelledDataTSV {
  /// Which field is which, set by the header line when there is one.
  struct Columns: Sendable {
    var label = 0
    var text = 1
    var source: Int? = 2
    /// More fields than this is an error (a tab inside the text?); a header lifts the bound.
    var maximum = 3
  }

  /// Below this many bytes per thread a file is read on one thread (starting threads costs more
  /// than it saves).
  static let minimumBytesPerThread = 1 << 16

  /// Reads TSV labels from `bytes` (UTF-8 without a byte order mark; validated here) on up to
  /// `threads` threads.
  /// - Parameter minimumChunk: the fewest bytes a thread's range may hold (tests lower it).
  /// - Throws: `LabelledDataError.notUTF8` when any byte sequence is not UTF-8, else `.badLine`
  ///   for the first bad line in file order.
  static func read(
    _ bytes: [UInt8], file: String, threads: Int = 1, minimumChunk: Int = minimumBytesPerThread
  ) throws -> [LabelledExample] {
    try bytes.withUnsafeBufferPointer { all in
      var reader = RangeReader(bytes: all, file: file)
      // The first content line decides the columns, so it is read before the file is split.
      var start = 0
      var number = 1
      var columns: Columns? = nil
      do {
        while columns == nil && start < all.count {
          let end = lineEnd(all, from: start)
          columns = try reader.firstLine(
            reader.trimmedLine(start..<end, endsWithLineFeed: end < all.count), number: number)
          start = min(end + 1, all.count)
          number += 1
        }
      } catch {
        // A file that is not UTF-8 is reported as such, whatever its first line says.
        guard isUTF8(all) else { throw LabelledDataError.notUTF8(file: file) }
        throw error
      }
      guard let columns else {
        guard isUTF8(all) else { throw LabelledDataError.notUTF8(file: file) }
        return reader.examples
      }
      if !isUTF8(UnsafeBufferPointer(rebasing: all[0..<start])) { throw LabelledDataError.notUTF8(file: file) }
      let ranges = splitAtLineEnds(all, from: start, parts: max(1, min(threads, (all.count - start) / minimumChunk)))
      // Each range's first line number: the lines before it are counted once, up front.
      var firstNumbers = [number]
      for range in ranges.dropLast() { firstNumbers.append(firstNumbers.last! + lineFeeds(all, in: range)) }
      let parts = FixedChunks.map(count: ranges.count, chunkSize: 1, threads: threads) { chunk in
        let i = chunk.lowerBound
        var part = RangeReader(bytes: all, file: file)
        return part.rest(ranges[i], firstNumber: firstNumbers[i], columns: columns)
      }
      if parts.contains(where: { $0.notUTF8 }) { throw LabelledDataError.notUTF8(file: file) }
      if let problem = parts.lazy.compactMap(\.problem).first { throw problem }
      var examples = reader.examples
      examples.reserveCapacity(examples.count + parts.reduce(0) { $0 + $1.examples.count })
      for part in parts { examples += part.examples }
      return examples
    }
  }

  /// What one range gave: its examples, or the first problem in it; `notUTF8` is checked over the
  /// whole range whatever else went wrong (an invalid file is reported as such first).
  struct Part: Sendable {
    var examples: [LabelledExample] = []
    var problem: LabelledDataError? = nil
    var notUTF8 = false
  }

  /// Reads the lines of one byte range into examples.
  struct RangeReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var examples: [LabelledExample] = []
    var shared = SharedStrings()
    var fields: [Range<Int>] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
      self.bytes = bytes
      self.file = file
    }

    /// Reads the line at `range` if it is the first content line: returns the columns (from its
    /// header, or the defaults after reading it as an example), or nil for a blank or comment line.
    mutating func firstLine(_ line: Range<Int>, number: Int) throws -> Columns? {
      guard isContent(line) else { return nil }
      splitFields(line)
      let names = fields.map { field($0).lowercased() }
      if let l = names.firstIndex(of: "label"), let t = names.firstIndex(of: "text") {
        // A header may name extra columns, which are ignored.
        return Columns(label: l, text: t, source: names.firstIndex(of: "source"), maximum: Int.max)
      }
      if names.contains("label") || names.contains("text") || names.contains("source") {
        throw LabelledDataError.badLine(
          file: file, line: number,
          problem: "header must name both a label and a text column, found \(names.joined(separator: ", "))")
      }
      try example(line, number: number, columns: Columns())
      return Columns()
    }

    /// Reads every line of `range` (whole lines; the file's last line may lack its line feed),
    /// the first being line `firstNumber`.
    mutating func rest(_ range: Range<Int>, firstNumber: Int, columns: Columns) -> Part {
      guard isUTF8(UnsafeBufferPointer(rebasing: bytes[range])) else { return Part(notUTF8: true) }
      var start = range.lowerBound
      var number = firstNumber
      do {
        while start < range.upperBound {
          let end = lineEnd(bytes, from: start, before: range.upperBound)
          let line = trimmedLine(start..<end, endsWithLineFeed: end < range.upperBound)
          if isContent(line) {
            splitFields(line)
            try example(line, number: number, columns: columns)
          }
          start = end + 1
          number += 1
        }
      } catch let problem as LabelledDataError {
        return Part(problem: problem)
      } catch {
        preconditionFailure("only LabelledDataError is thrown here")
      }
      return Part(examples: examples)
    }

    /// The line at `range` (its line feed excluded) less the carriage return of a CRLF end and
    /// one more lone one; the file's last line, without a line feed, less one carriage return:
    /// the lines `LabelledDataFormats.lines` gives.
    func trimmedLine(_ range: Range<Int>, endsWithLineFeed: Bool) -> Range<Int> {
      var end = range.upperBound
      if end > range.lowerBound && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
      if endsWithLineFeed && end < range.upperBound && end > range.lowerBound && bytes[end - 1] == UInt8(ascii: "\r") {
        end -= 1
      }
      return range.lowerBound..<end
    }

    /// Whether the line holds fields: not blank (every Character whitespace) and no comment (its
    /// first Character `#`).
    func isContent(_ line: Range<Int>) -> Bool {
      guard let first = line.first.map({ bytes[$0] }) else { return false }
      // An ASCII byte that is neither whitespace nor "#" starts a Character that is neither;
      // "#" followed by an ASCII byte is the Character "#" alone.
      if first < 0x80 && !isASCIIWhitespace(first) && first != UInt8(ascii: "#") { return true }
      if first == UInt8(ascii: "#") && (line.count == 1 || bytes[line.lowerBound + 1] < 0x80) { return false }
      let text = Substring(string(line))
      return !(text.allSatisfy(\.isWhitespace) || text.hasPrefix("#"))
    }

    /// Sets `fields` to the tab-separated ranges of `line` (a tab is always a Character of its own).
    mutating func splitFields(_ line: Range<Int>) {
      fields.removeAll(keepingCapacity: true)
      var start = line.lowerBound
      for i in line where bytes[i] == UInt8(ascii: "\t") {
        fields.append(start..<i)
        start = i + 1
      }
      fields.append(start..<line.upperBound)
    }

    /// The field at `range` less surrounding `.whitespaces` (`LabelledDataFormats.trimmedField`).
    func field(_ range: Range<Int>) -> String {
      guard let first = range.first.map({ bytes[$0] }) else { return "" }
      let last = bytes[range.upperBound - 1]
      // ASCII edges other than a space are no `.whitespaces` scalar: nothing to trim.
      if first < 0x80 && last < 0x80 && first != UInt8(ascii: " ") && last != UInt8(ascii: " ") {
        return string(range)
      }
      return LabelledDataFormats.trimmedField(Substring(string(range)))
    }

    /// The bytes at `range` as a String (the file was validated as UTF-8).
    func string(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Checks the line's `fields` and appends its example.
    mutating func example(_ line: Range<Int>, number: Int, columns: Columns) throws {
      func bad(_ problem: String) -> LabelledDataError { .badLine(file: file, line: number, problem: problem) }
      if fields.count < 2 { throw bad("missing label column (expected label<TAB>text[<TAB>source])") }
      if fields.count > columns.maximum {
        throw bad("\(fields.count) columns, expected label<TAB>text[<TAB>source] (a tab inside the text?)")
      }
      let label = columns.label < fields.count ? field(fields[columns.label]) : ""
      guard !label.isEmpty else { throw bad("empty label") }
      if let problem = LabelledDataFormats.unreviewed(label) { throw bad(problem) }
      let body = columns.text < fields.count ? field(fields[columns.text]) : ""
      guard !body.isEmpty else { throw bad("empty text") }
      let source = columns.source.flatMap { $0 < fields.count ? field(fields[$0]) : nil }
      examples.append(
        LabelledExample(
          text: body, label: shared.intern(label), source: source?.isEmpty == false ? shared.intern(source!) : nil,
          file: file, line: number))
    }
  }

  /// The index of the line feed ending the line that starts at `start`, or `end` (default: the
  /// end of `bytes`) when there is none before it.
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int? = nil) -> Int {
    let end = end ?? bytes.count
    guard start < end, let base = bytes.baseAddress else { return end }
    guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return end }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// `from ..< bytes.count` cut into up to `parts` ranges, each ending just after a line feed
  /// (the last at the end of the bytes); nearly equal in bytes.
  static func splitAtLineEnds(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, parts: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = from
    for part in 1..<max(parts, 1) {
      let target = max(start, from + (bytes.count - from) / parts * part)
      let cut = min(lineEnd(bytes, from: target) + 1, bytes.count)
      if cut > start && cut < bytes.count {
        ranges.append(start..<cut)
        start = cut
      }
    }
    ranges.append(start..<bytes.count)
    return ranges
  }

  /// The line feeds in `range`.
  static func lineFeeds(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
    var count = 0
    for i in range where bytes[i] == UInt8(ascii: "\n") { count += 1 }
    return count
  }

  /// Space, tab, line feed, vertical tab, form feed, carriage return: the ASCII White_Space.
  static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
  }

  /// Whether `bytes` are UTF-8. A range cut at line feeds is UTF-8 exactly when the whole is,
  /// since no multi-byte sequence holds a line feed.
  static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    (try? UTF8Span(validating: bytes.span)) != nil
  }
}
