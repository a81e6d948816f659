import Foundation

/// The report's target, checked before the (long) scoring; the page is then written by
/// `AtomicFile`, so that a failed run never leaves half a report.
enum ReportFile {
  /// Fails early when the file's folder does not exist or the path is a folder; `what` names
  /// the file in the error ("the HTML file").
  /// - Throws: `CLIError` (exit 2).
  static func checkWritable(_ path: String, what: String = "the HTML file") throws {
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
