import Classifier
import Foundation

/// A document's identifier, ready for both JSON output and plain (text, CSV) output.
struct DocumentID {
  /// The id as a JSON value (a quoted path, or a record's `id` exactly as written).
  var json: String
  /// The id as plain text.
  var plain: String
}

/// One unit of scoring input, before any parsing (JSON lines are parsed by the workers).
enum InputItem {
  /// A whole text file, or standard input read as text.
  case text(id: DocumentID, text: String)
  /// One line of a JSONL stream: `file` and 1-based `line` for ids and errors.
  case jsonLine(file: String, line: Int, bytes: [UInt8])
  /// An unreadable file or an overlong line, in its place in the input (only with `skipBad`).
  case failure(CLIError)
}

/// How to read inputs: by file extension (`.jsonl` = JSONL, anything else one text
/// document per file, standard input as text), or all as one kind.
enum InputMode: String, CaseIterable {
  case auto, text, jsonl
}

/// Reads scoring inputs in order and hands them out in bounded batches, so memory stays
/// flat however large the stream. Paths: files, directories (every non-hidden file beneath,
/// sorted by path), or `-` for standard input.
final class ScoreInput {
  private var pending: [(path: String, jsonl: Bool)] = []
  private var lines: LineReader?
  private var linesFile = ""
  private let mode: InputMode
  private let skipBad: Bool
  /// Bytes of text handed out so far (for progress and throughput).
  private(set) var bytesRead = 0

  /// - Parameters:
  ///   - filter: which files of a directory to read (files named in `paths` are always read).
  ///   - skipBad: hand out an unreadable file or an overlong line as a `.failure` item in its
  ///     place and go on, instead of stopping there.
  /// - Throws: `CLIError` (exit 2) when a path does not exist or a directory cannot be listed.
  init(paths: [String], mode: InputMode, filter: FileFilter = FileFilter(), skipBad: Bool = false) throws {
    self.mode = mode
    self.skipBad = skipBad
    for path in paths.isEmpty ? ["-"] : paths {
      if path == "-" {
        pending.append((path, mode == .jsonl))
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError("\(path): no such file or directory", exitCode: 2)
      }
      let files = isDirectory.boolValue ? try Self.walk(path, filter: filter) : [path]
      for file in files { pending.append((file, isJSONL(file))) }
    }
  }

  private func isJSONL(_ path: String) -> Bool {
    switch mode {
    case .auto: return path.lowercased().hasSuffix(".jsonl")
    case .text: return false
    case .jsonl: return true
    }
  }

  /// Every non-hidden regular file under `directory` that `filter` keeps, sorted by path bytes.
  private static func walk(_ directory: String, filter: FileFilter) throws -> [String] {
    let prefix = directory.hasSuffix("/") ? directory.utf8.count : directory.utf8.count + 1
    do {
      return try DirectoryWalk.files(under: directory) { path, name, _ in
        filter.keeps(relativePath: String(decoding: path.utf8.dropFirst(prefix), as: UTF8.self), name: name)
      }
    } catch let error as DirectoryWalk.Failure {
      throw CLIError("\(error.path): cannot list directory", exitCode: 2)
    }
  }

  /// An input error met after some items of a batch: thrown once those items are handed out.
  private var deferredError: Error?

  /// The next items, at most `maxItems` of them and about `maxBytes` of text; nil at the end.
  /// The items read before an unreadable file or an overlong line come first; the error on the
  /// next call.
  /// - Throws: `CLIError` (exit 2) when a file cannot be read, (exit 1) when a document or
  ///   line is over `maxDocumentBytes` or not UTF-8.
  func nextBatch(maxItems: Int, maxBytes: Int) throws -> [InputItem]? {
    if let error = deferredError { throw error }
    var batch: [InputItem] = []
    do {
      try fill(&batch, maxItems: maxItems, maxBytes: maxBytes)
    } catch {
      if batch.isEmpty { throw error }
      deferredError = error
    }
    return batch.isEmpty ? nil : batch
  }

  private func fill(_ batch: inout [InputItem], maxItems: Int, maxBytes: Int) throws {
    var bytes = 0
    defer { bytesRead += bytes }
    while batch.count < maxItems && bytes < maxBytes {
      do {
        try fillOne(&batch, bytes: &bytes)
      } catch let error as CLIError where skipBad {
        batch.append(.failure(error))
      }
      if pending.isEmpty && lines == nil { break }
    }
  }

  /// Adds the next item to `batch` (or opens the next JSONL file).
  /// - Throws: `CLIError` for an unreadable file or an overlong line; the input can go on after
  ///   it (past the line, or with the next file).
  private func fillOne(_ batch: inout [InputItem], bytes: inout Int) throws {
    if let reader = lines {
      let next: (Int, [UInt8])?
      do {
        next = try reader.next()
      } catch let error as LineReader.Overlong {
        // Only a run that goes on reads past the line (which may never end: a pipe of zeros).
        if skipBad {
          do { try reader.skipLine() } catch { lines = nil }  // unreadable after it: the rest is lost
        }
        throw error.error
      } catch {
        lines = nil  // a read error: the rest of the file is lost
        throw error
      }
      guard let (number, line) = next else {
        lines = nil
        return
      }
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
      bytes += line.count
      batch.append(.jsonLine(file: linesFile, line: number, bytes: line))
      return
    }
    guard !pending.isEmpty else { return }
    let (path, jsonl) = pending.removeFirst()
    if jsonl {
      lines = try LineReader(path: path)
      linesFile = path
      return
    }
    let text = try Self.readText(path)
    bytes += text.utf8.count
    batch.append(.text(id: DocumentID(json: JSONText.quoted(path), plain: path), text: text))
  }

  /// The most bytes one document (a text file, or one JSONL line) may have. Scoring takes
  /// about 30 times a document's size in memory (50 with `--explain`), so a longer one is
  /// refused before it is read whole: a run keeps under about 400 MB whatever its input.
  static let maxDocumentBytes = 8 << 20

  /// The whole file (or standard input for `-`) as text; invalid UTF-8 is replaced by U+FFFD.
  /// - Throws: `CLIError`: exit 2 when the file cannot be read, exit 1 when it is longer than
  ///   `maxDocumentBytes` or UTF-16/UTF-32 text.
  private static func readText(_ path: String) throws -> String {
    let name = path == "-" ? "standard input" : path
    let data = try readAll(path, name: name, limit: maxDocumentBytes)
    if let encoding = FileReading.byteOrderMarkEncoding(data) {
      throw CLIError(
        "\(name): \(encoding) text (byte-order mark); stance reads UTF-8: convert it first "
          + "(iconv -f \(encoding) -t UTF-8)", exitCode: 1)
    }
    var text = String(decoding: data, as: UTF8.self)
    if !sameBytes(&text, data) {
      printError(
        "stance: warning: \(name): not valid UTF-8; invalid bytes read as U+FFFD "
          + "(span offsets count 3 bytes for each)")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }
}

/// Every byte of `path` (standard input for `-`), at most `limit` (see `FileReading`).
/// - Throws: `CLIError`: exit 2 when the file cannot be opened or read (a directory, a closed
///   standard input), exit 1 when it holds more than `limit` bytes (only `limit + 1` are read).
func readAll(_ path: String, name: String, limit: Int) throws -> [UInt8] {
  do {
    return try FileReading.bytes(of: path, limit: limit)
  } catch FileReading.Failure.system(let reason) {
    throw CLIError("\(name): cannot read: \(reason)", exitCode: 2)
  } catch {
    throw CLIError(
      "\(name): longer than \(limit >> 20) MiB, the limit for one document; split it into smaller files", exitCode: 1)
  }
}

/// Whether decoding kept `data` byte for byte (false when invalid UTF-8 was replaced).
private func sameBytes(_ text: inout String, _ data: [UInt8]) -> Bool {
  text.withUTF8 { utf8 in
    data.withUnsafeBytes { raw in
      utf8.count == raw.count && (raw.isEmpty || memcmp(utf8.baseAddress!, raw.baseAddress!, raw.count) == 0)
    }
  }
}

/// Reads a file (or standard input) line by line in large blocks.
final class LineReader {
  /// A line longer than `ScoreInput.maxDocumentBytes`; `skipLine()` moves past it.
  struct Overlong: Error {
    /// The message naming the file and line.
    var error: CLIError
  }

  private let fd: Int32
  private let path: String
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false
  private var number = 0
  /// Reusable read buffer (4 MiB).
  private var block = [UInt8](repeating: 0, count: 1 << 22)

  /// - Throws: `CLIError` (exit 2) when the file cannot be opened.
  init(path: String) throws {
    self.path = path
    if path == "-" {
      fd = 0
    } else {
      fd = open(path, O_RDONLY)
      guard fd >= 0 else {
        throw CLIError("\(path): cannot open: \(String(cString: strerror(errno)))", exitCode: 2)
      }
    }
  }

  deinit { if fd > 0 { close(fd) } }

  /// The next line without its LF (and CR), with its 1-based number; nil at the end.
  func next() throws -> (Int, [UInt8])? {
    while true {
      let newline: Int? = buffer.withUnsafeBufferPointer { b in
        guard start < b.count, let base = b.baseAddress,
          let hit = memchr(base + start, 0x0A, b.count - start)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      // A line without end (`tr -d '\\n' < /dev/zero`) must not take all memory: at most
      // one block is read past the limit.
      if (newline ?? buffer.count) - start > ScoreInput.maxDocumentBytes {
        throw Overlong(
          error: CLIError(
            "\(path):\(number + 1): line longer than \(ScoreInput.maxDocumentBytes >> 20) MiB, the limit for one record",
            exitCode: 1))
      }
      if let newline {
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let line = Array(buffer[start..<end])
        start = newline + 1
        number += 1
        return (number, line)
      }
      if atEnd {
        guard start < buffer.count else { return nil }
        var line = Array(buffer[start...])
        if line.last == 0x0D { line.removeLast() }
        start = buffer.count
        number += 1
        return (number, line)
      }
      // Keep the partial line, read another block after it.
      if start > 0 {
        buffer.removeSubrange(0..<start)
        start = 0
      }
      try readBlock()
    }
  }

  /// Moves past the current line (after `Overlong`), reading and dropping its bytes a block at
  /// a time, so memory stays bounded however long it is.
  /// - Throws: `CLIError` (exit 2) when the file cannot be read.
  func skipLine() throws {
    number += 1
    while true {
      let newline: Int? = buffer.withUnsafeBufferPointer { b in
        guard start < b.count, let base = b.baseAddress, let hit = memchr(base + start, 0x0A, b.count - start)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      }
      if let newline {
        start = newline + 1
        return
      }
      buffer.removeAll(keepingCapacity: true)
      start = 0
      if atEnd { return }
      try readBlock()
    }
  }

  /// Appends the next block of the file to `buffer`; sets `atEnd` at the end.
  private func readBlock() throws {
    let got = block.withUnsafeMutableBytes { raw -> Int in
      while true {
        let n = read(fd, raw.baseAddress!, raw.count)
        if n < 0 && errno == EINTR { continue }
        return n
      }
    }
    guard got >= 0 else {
      throw CLIError("\(path): cannot read: \(String(cString: strerror(errno)))", exitCode: 2)
    }
    if got == 0 { atEnd = true }
    buffer.append(contentsOf: block[0..<got])
  }
}
