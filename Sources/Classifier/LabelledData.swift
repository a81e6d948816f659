import Features
import Foundation

/// One hand-labelled text: a sentence (or any snippet) and the label a person gave it.
public struct LabelledExample: Equatable, Sendable {
  /// The text as written in the labels file, without surrounding whitespace.
  public var text: String
  /// The label, as written in the file (labels are compared exactly, case included).
  public var label: String
  /// The article or document the text came from, when the file says; drives grouped
  /// cross-validation. `nil` when the file gives none.
  public var source: String?
  /// The file the example was read from, as the path was given or found.
  public var file: String
  /// The 1-based line of `file` the example was read from.
  public var line: Int

  /// An example read from `file` at `line` (1-based).
  public init(text: String, label: String, source: String?, file: String, line: Int) {
    self.text = text
    self.label = label
    self.source = source
    self.file = file
    self.line = line
  }

  /// `file:line`, the place to look when this example needs fixing.
  public var location: String { "\(file):\(line)" }
}

/// The same text found under more than one label. Every copy of the text is dropped,
/// because there is no way to tell which label the person meant.
public struct LabelConflict: Equatable, Sendable {
  /// The text in question.
  public var text: String
  /// Every `(label, file:line)` the text was found under, in reading order.
  public var occurrences: [(label: String, location: String)]

  /// A conflict over `text` with the given occurrences.
  public init(text: String, occurrences: [(label: String, location: String)]) {
    self.text = text
    self.occurrences = occurrences
  }

  /// Equal when the text and every occurrence (label and place, in order) agree.
  public static func == (a: LabelConflict, b: LabelConflict) -> Bool {
    a.text == b.text
      && a.occurrences.map { "\($0.label)\u{0}\($0.location)" }
        == b.occurrences.map { "\($0.label)\u{0}\($0.location)" }
  }
}

/// A record of a labels file that was read but gave no example: a Label Studio task that
/// nobody labelled (or whose labels were cancelled), with where it is and why.
public struct SkippedRecord: Equatable, Sendable {
  /// `file:line` of the record.
  public var location: String
  /// Why it gave no example ("no annotation", "every annotation cancelled", ...).
  public var reason: String
  /// The field whose name (in `LabelColumns`) would have given the record a label, when naming
  /// one helps (several choice fields, none named as the label field); nil otherwise.
  public var field: LabelField?

  /// A record at `location` skipped for `reason`.
  public init(location: String, reason: String, field: LabelField? = nil) {
    self.location = location
    self.reason = reason
    self.field = field
  }
}

/// Labelled examples read from label files (`*.tsv`, `*.jsonl`, `LABEL.txt`) or directories
/// of them, with exact duplicates dropped and conflicting labels reported.
///
/// Reading is deterministic: directories are walked in sorted path order, examples keep
/// the order of the files and lines they came from.
public struct LabelledData: Sendable {
  /// The examples kept, in reading order.
  public var examples: [LabelledExample]
  /// Every label of `examples`, sorted by name (byte order); a label's index here is
  /// its class index.
  public var labels: [String]
  /// The files read, in reading order.
  public var files: [String]
  /// How many examples were dropped because the same text with the same label was
  /// already read (the first copy is kept).
  public var duplicatesDropped: Int
  /// Texts found under more than one label; all their copies were dropped.
  public var conflicts: [LabelConflict]
  /// Records read that gave no example (unlabelled Label Studio tasks), in reading order.
  public var skipped: [SkippedRecord] = []
  /// Files found in a folder that hold no labels (a `.json` that is no Label Studio export, a
  /// `.csv` without text and label columns), passed over: `location` is the file, in reading order.
  public var skippedFiles: [SkippedRecord] = []

  /// Reads every labels file named by `paths` (files or directories, searched recursively).
  ///
  /// - Parameters:
  ///   - paths: files (`.tsv`, `.jsonl`, `.json` Label Studio exports, `.csv`, `LABEL.txt`) or
  ///     directories holding them. Inside directories, other files, `stance.json`, hidden
  ///     entries and `.json`/`.csv` files that hold no labels (`skippedFiles`) are skipped.
  ///   - keepDuplicates: keep every example as read (see `init(examples:files:keepDuplicates:)`).
  ///   - columns: the fields of CSV files and Label Studio tasks.
  ///   - threads: threads (>= 1) a large `.tsv` file is parsed on; the data read, and any error,
  ///     is the same for every count.
  /// - Throws: `LabelledDataError` naming the file (and line) at fault, or
  ///   `.noExamples` when nothing labelled was found.
  public static func read(
    _ paths: [String], keepDuplicates: Bool = false, columns: LabelColumns = LabelColumns(), threads: Int = 1
  ) throws -> LabelledData {
    var found: [(file: String, inFolder: Bool)] = []
    for path in paths {
      let inFolder = LabelledDataFiles.isDirectory(path)
      found += try LabelledDataFiles.find(path).map { ($0, inFolder) }
    }
    var files: [String] = []
    var raw: [LabelledExample] = []
    var skipped: [SkippedRecord] = []
    var skippedFiles: [SkippedRecord] = []
    for (file, inFolder) in found {
      let read: (examples: [LabelledExample], skipped: [SkippedRecord])
      do {
        read = try LabelledDataFormats.read(file: file, columns: columns, inFolder: inFolder, threads: max(1, threads))
      } catch let other as NotLabelsFile {
        skippedFiles.append(SkippedRecord(location: file, reason: other.reason))
        continue
      }
      files.append(file)
      if raw.isEmpty { raw = read.examples } else { raw += read.examples }  // one large file: no copy
      skipped += read.skipped
    }
    var data = LabelledData(examples: raw, files: files, keepDuplicates: keepDuplicates)
    data.skipped = skipped
    data.skippedFiles = skippedFiles
    guard !data.examples.isEmpty else { throw LabelledDataError.noExamples(paths: paths) }
    data.labels = Set(data.examples.map(\.label)).sorted()
    return data
  }

  /// Builds the data set from examples already read: drops exact duplicates (same text,
  /// same label; the first is kept) and every copy of a text found under two labels.
  ///
  /// With `keepDuplicates`, every example is kept as read, as scikit-learn and other tools
  /// take a table (a repeated row then weighs as much as its copies); conflicts are still
  /// listed in `conflicts`, and `duplicatesDropped` is 0.
  public init(examples raw: [LabelledExample], files: [String] = [], keepDuplicates: Bool = false) {
    self.files = files
    var labelsByText: [String: [Int]] = [:]
    for (i, e) in raw.enumerated() { labelsByText[e.text, default: []].append(i) }
    var keep = [Bool](repeating: true, count: raw.count)
    var duplicates = 0
    var conflicts: [LabelConflict] = []
    for (i, e) in raw.enumerated() {
      guard let indices = labelsByText[e.text], indices.first == i else { continue }
      let distinctLabels = Set(indices.map { raw[$0].label })
      if distinctLabels.count > 1 {
        for j in indices { keep[j] = false }
        conflicts.append(
          LabelConflict(text: e.text, occurrences: indices.map { (raw[$0].label, raw[$0].location) }))
      } else {
        for j in indices.dropFirst() { keep[j] = false }
        duplicates += indices.count - 1
      }
    }
    self.examples = keepDuplicates ? raw : raw.indices.filter { keep[$0] }.map { raw[$0] }
    self.duplicatesDropped = keepDuplicates ? 0 : duplicates
    self.conflicts = conflicts
    self.labels = Set(examples.map(\.label)).sorted()
  }

  /// The texts of `examples`, in order.
  public var texts: [String] { examples.map(\.text) }

  /// Each example's class index into `labels`.
  public var labelIndices: [Int32] {
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
    return examples.map { index[$0.label]! }
  }

  /// The cross-validation group of each example: its `source` when given, otherwise
  /// its own `file:line`, so that an example without a source is a group of its own.
  public var groups: [String] {
    examples.map { e in e.source.map { "source:" + $0 } ?? "line:" + e.location }
  }

  /// Each example's document (its group in `groups`) as a small integer, numbered in order of
  /// first appearance: the `documentOf` that a two-stage model's scoring takes, so that the
  /// sentences of one source are read as one article, in file order.
  public var documents: [Int] { Self.documentNumbers(groups) }

  /// Each group as a small integer, numbered in order of first appearance (0, 1, ...).
  public static func documentNumbers(_ groups: [String]) -> [Int] {
    var numbers: [String: Int] = [:]
    return groups.map { g in
      if let n = numbers[g] { return n }
      numbers[g] = numbers.count
      return numbers.count - 1
    }
  }

  /// How many examples carry each label, in `labels` order.
  public var countsPerLabel: [Int] {
    var counts = [Int](repeating: 0, count: labels.count)
    for i in labelIndices { counts[Int(i)] += 1 }
    return counts
  }

  /// A fingerprint of the examples that does not depend on file order or layout:
  /// FNV-1a 64 over the sorted `label TAB text TAB source LF` lines, as 16 hex digits.
  /// Two data sets with the same examples (and sources) have the same fingerprint. It ignores
  /// the order of sentences within a source too, which a two-stage model's neighbour columns
  /// depend on: the fingerprint names the data, the model file's bytes pin the model.
  public var fingerprint: String { fingerprint(threads: 1) }

  /// `fingerprint`, sorting on up to `threads` threads (the hash does not depend on them).
  public func fingerprint(threads: Int) -> String {
    // The lines go into one byte buffer and are sorted by memcmp: sorting a million Strings by
    // their UTF-8 views took most of reading a large table. memcmp orders bytes unsigned and a
    // prefix first, exactly as `lexicographicallyPrecedes` on the UTF-8 views.
    var bytes: [UInt8] = []
    var starts: [Int] = []
    starts.reserveCapacity(examples.count + 1)
    for e in examples {
      starts.append(bytes.count)
      bytes += e.label.utf8
      bytes.append(UInt8(ascii: "\t"))
      bytes += e.text.utf8
      bytes.append(UInt8(ascii: "\t"))
      bytes += (e.source ?? "").utf8
      bytes.append(UInt8(ascii: "\n"))
    }
    starts.append(bytes.count)
    var hash = FNV1a64()
    bytes.withUnsafeBufferPointer { all in
      starts.withUnsafeBufferPointer { starts in
        guard let base = all.baseAddress else { return }
        func precedes(_ a: Int, _ b: Int) -> Bool {
          let la = starts[a + 1] - starts[a]
          let lb = starts[b + 1] - starts[b]
          let c = memcmp(base + starts[a], base + starts[b], Swift.min(la, lb))
          return c != 0 ? c < 0 : la < lb
        }
        // Equal lines are equal bytes, so any sorted order hashes the same: the parts are sorted
        // on their own threads and merged.
        let count = starts.count - 1
        let parts = FixedChunks.map(
          count: count, chunkSize: max(1, (count + threads - 1) / max(1, threads)), threads: threads
        ) {
          range in Array(range).sorted(by: precedes)
        }
        var next = [Int](repeating: 0, count: parts.count)
        for _ in 0..<count {
          var best = -1
          for p in parts.indices where next[p] < parts[p].count {
            if best < 0 || precedes(parts[p][next[p]], parts[best][next[best]]) { best = p }
          }
          let i = parts[best][next[best]]
          next[best] += 1
          hash.add(UnsafeBufferPointer(rebasing: all[starts[i]..<starts[i + 1]]))
        }
      }
    }
    return hash.hex
  }
}

/// The 64-bit FNV-1a hash, fed byte by byte (used for fingerprints of small inputs).
struct FNV1a64 {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Adds `bytes` to the hash.
  mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    for b in bytes {
      value ^= UInt64(b)
      value = value &* 0x0000_0100_0000_01b3
    }
  }

  /// The hash as 16 lowercase hex digits.
  var hex: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
