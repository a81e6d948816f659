import Foundation

/// Writing the report: checked before the (long) scoring, written to a temporary file beside
/// the target and renamed over it, so that a failed run never leaves half a report.
enum ReportFile {
  /// Fails early when the report's folder does not exist or the path is a folder.
  /// - Throws: `CLIError` (exit 2).
  static func checkWritable(_ path: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw CLIError("\(path): is a directory; give the HTML file to write", exitCode: 2)
    }
    let folder = (path as NSString).deletingLastPathComponent
    let dir = folder.isEmpty ? "." : folder
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CLIError("\(path): no such directory: \(dir)", exitCode: 2)
    }
    guard access(dir, W_OK) == 0 else { throw CLIError("\(path): cannot write into \(dir)", exitCode: 2) }
  }

  /// Writes `html` to `path` atomically.
  /// - Throws: `CLIError` (exit 2) when the file cannot be written.
  static func write(_ html: String, to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())"
    var bytes = Array(html.utf8)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CLIError("\(path): cannot write: \(String(cString: strerror(errno)))", exitCode: 2) }
    var failure: String?
    bytes.withUnsafeMutableBytes { raw in
      var done = 0
      while done < raw.count {
        let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          failure = String(cString: strerror(errno))
          return
        }
        done += n
      }
    }
    if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw CLIError("\(path): cannot write: \(failure)", exitCode: 2)
    }
  }
}
