import Foundation

/// Writes a whole file atomically: into a temporary file beside it, then renamed over it, so a
/// reader never sees half a file and a failed run leaves the old one.
enum AtomicFile {
  /// - Throws: `CLIError` (exit 2) when the file cannot be written.
  static func write(_ bytes: [UInt8], to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
    func fail(_ what: String) -> CLIError {
      CLIError("\(path): cannot \(what): \(String(cString: strerror(errno)))", exitCode: 2)
    }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw fail("write") }
    var done = 0
    let ok = bytes.withUnsafeBytes { raw -> Bool in
      while done < raw.count {
        let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        done += n
      }
      return true
    }
    let synced = ok && fsync(fd) == 0
    guard close(fd) == 0, synced else {
      let error = fail("write")
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let error = fail("replace")
      unlink(temporary)
      throw error
    }
  }

  /// Fails early, before a long run, when `path`'s folder does not exist, cannot be written
  /// into, or `path` is a folder; `what` names the file in the error ("the HTML file").
  /// - Throws: `CLIError` (exit 2).
  static func checkWritable(_ path: String, what: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw CLIError("\(path): is a directory; give \(what) to write", exitCode: 2)
    }
    let folder = (path as NSString).deletingLastPathComponent
    let dir = folder.isEmpty ? "." : folder
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CLIError("\(path): no such directory: \(dir)", exitCode: 2)
    }
    guard access(dir, W_OK) == 0 else { throw CLIError("\(path): cannot write into \(dir)", exitCode: 2) }
  }
}
