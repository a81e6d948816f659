import Foundation

/// Reads whole files with `read(2)`, so that pipes, FIFOs, `/dev/stdin` and process
/// substitutions read as streams like regular files (`Data(contentsOf:)` refused them with
/// "You don't have permission"), and a length limit stops a device that never ends.
package enum FileReading {
  /// Why a file could not be read.
  package enum Failure: Error {
    /// The system's reason (`strerror`), or "is a directory".
    case system(String)
    /// More than `limit` bytes (only `limit + 1` were read).
    case tooLarge(limit: Int)
  }

  /// Every byte of `path` (standard input for `-`), at most `limit`.
  /// - Throws: `Failure`.
  package static func bytes(of path: String, limit: Int = Int.max - 1) throws -> [UInt8] {
    let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure.system(String(cString: strerror(errno))) }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw Failure.system("is a directory") }
    let expected = info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
    var bytes = [UInt8](repeating: 0, count: min(max(expected + 1, 1 << 16), limit + 1))
    var count = 0
    while true {
      if count == bytes.count {
        guard count <= limit else { throw Failure.tooLarge(limit: limit) }
        bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
      }
      let n = bytes.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + count, raw.count - count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure.system(String(cString: strerror(errno)))
      }
      if n == 0 { break }
      count += n
    }
    bytes.removeSubrange(count...)
    return bytes
  }

  /// The encoding a UTF-16 or UTF-32 byte-order mark at the start of `bytes` names, if any.
  package static func byteOrderMarkEncoding(_ bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return "UTF-32LE" }
    if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32BE" }
    if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
    if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
    return nil
  }
}
