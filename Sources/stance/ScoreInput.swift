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
  /// Bytes of text handed out so far (for progress and throughput).
  private(set) var bytesRead = 0

  /// - Throws: `CLIError` (exit 2) when a path does not exist or a directory cannot be listed.
  init(paths: [String], mode: InputMode) throws {
    self.mode = mode
    for path in paths.isEmpty ? ["-"] : paths {
      if path == "-" {
        pending.append((path, mode == .jsonl))
        continue
      }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError("\(path): no such file or directory", exitCode: 2)
      }
      let files = isDirectory.boolValue ? try Self.walk(path) : [path]
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

  /// Every non-hidden regular file under `directory`, sorted by path bytes.
  private static func walk(_ directory: String) throws -> [String] {
    var found: [String] = []
    func visit(_ dir: String) throws {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
        throw CLIError("\(dir): cannot list directory", exitCode: 2)
      }
      for name in names where !name.hasPrefix(".") {
        let child = dir.hasSuffix("/") ? dir + name : dir + "/" + name
        var isDirectory: ObjCBool = false
        // An entry that does not resolve (a dangling symlink) is kept, so reading it reports
        // the file instead of dropping a document from a study without a word.
        guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else {
          found.append(child)
          continue
        }
        if isDirectory.boolValue { try visit(child) } else { found.append(child) }
      }
    }
    try visit(directory)
    return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The next items, at most `maxItems` of them and about `maxBytes` of text; nil at the end.
  /// - Throws: `CLIError` (exit 2) when a file cannot be read.
  func nextBatch(maxItems: Int, maxBytes: Int) throws -> [InputItem]? {
    var batch: [InputItem] = []
    var bytes = 0
    while batch.count < maxItems && bytes < maxBytes {
      if let reader = lines {
        guard let (number, line) = try reader.next() else {
          lines = nil
          continue
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        bytes += line.count
        batch.append(.jsonLine(file: linesFile, line: number, bytes: line))
        continue
      }
      guard !pending.isEmpty else { break }
      let (path, jsonl) = pending.removeFirst()
      if jsonl {
        lines = try LineReader(path: path)
        linesFile = path
        continue
      }
      let text = try Self.readText(path)
      bytes += text.utf8.count
      batch.append(.text(id: DocumentID(json: JSONText.quoted(path), plain: path), text: text))
    }
    bytesRead += bytes
    return batch.isEmpty ? nil : batch
  }

  /// The whole file (or standard input for `-`) as text; invalid UTF-8 is replaced by U+FFFD.
  private static func readText(_ path: String) throws -> String {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw CLIError("\(path): cannot read: \((error as NSError).localizedDescription)", exitCode: 2)
      }
    }
    var text = String(decoding: data, as: UTF8.self)
    if !sameBytes(&text, data) {
      printError(
        "stance: warning: \(path == "-" ? "standard input" : path): not valid UTF-8; invalid bytes read as U+FFFD "
          + "(span offsets count 3 bytes for each)")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }
}

/// Whether decoding kept `data` byte for byte (false when invalid UTF-8 was replaced).
private func sameBytes(_ text: inout String, _ data: Data) -> Bool {
  text.withUTF8 { utf8 in
    data.withUnsafeBytes { raw in
      utf8.count == raw.count && (raw.isEmpty || memcmp(utf8.baseAddress!, raw.baseAddress!, raw.count) == 0)
    }
  }
}

/// Reads a file (or standard input) line by line in large blocks.
final class LineReader {
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
}
