/// Why a model file could not be read or written. Every case names the file.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No file at the path.
  case notFound(path: String)
  /// The path is a directory.
  case isDirectory(path: String)
  /// The file could not be opened, read or written; `reason` is the system's.
  case io(path: String, reason: String)
  /// The file is empty.
  case empty(path: String)
  /// The file does not start with the model magic bytes: not a stance model.
  case notAModel(path: String)
  /// The file ends early (an interrupted copy or download).
  case truncated(path: String, detail: String)
  /// The file is damaged: checksum mismatch, inconsistent lengths or an unreadable header.
  case corrupt(path: String, detail: String)
  /// The file was written by a newer stance with a format this one cannot read.
  case newerVersion(path: String, found: UInt32, supported: UInt32)
  /// The model's parts disagree (caught before writing).
  case inconsistent(detail: String)

  /// One line, starting with the path.
  public var description: String {
    switch self {
    case .notFound(let path): return "\(path): no such model file"
    case .isDirectory(let path): return "\(path): is a directory, not a model file"
    case .io(let path, let reason): return "\(path): \(reason)"
    case .empty(let path): return "\(path): empty file, not a stance model"
    case .notAModel(let path): return "\(path): not a stance model file"
    case .truncated(let path, let detail): return "\(path): truncated model file (\(detail))"
    case .corrupt(let path, let detail): return "\(path): corrupt model file (\(detail))"
    case .newerVersion(let path, let found, let supported):
      return "\(path): model file format \(found) is newer than this stance reads (\(supported)); upgrade stance"
    case .inconsistent(let detail): return "model parts disagree: \(detail)"
    }
  }
}
