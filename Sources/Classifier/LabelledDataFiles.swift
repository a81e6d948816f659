import Foundation

/// Finds labels files: a file path stands for itself, a directory for every `.tsv`, `.jsonl`,
/// `.json` (Label Studio), `.csv` and `.txt` file beneath it, in sorted path order. Found in a
/// folder, a `.json` or `.csv` file that is not labels (`NotLabelsFile`) is passed over.
public enum LabelledDataFiles {
  /// The file extensions read as labels files.
  static let extensions: Set<String> = ["tsv", "jsonl", "json", "csv", "txt"]

  /// Settings a labels directory may hold, which a directory walk does not read as labels:
  /// `stance.json` (`ArticleRuleSettings`).
  static let settings: Set<String> = ["stance.json"]

  /// Files a labels directory keeps beside its sentence labels, which a directory walk does not
  /// read as sentences: marked pages (`LabelledPage`) and judged articles (`JudgedArticle`).
  public static let companions: Set<String> = [
    LabelledPage.fileName, JudgedArticle.judgmentsFileName, JudgedArticle.textsFileName,
  ]

  /// Whether `path` is a directory (its files are found by a walk, not named).
  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// The labels files at `path`.
  /// - Throws: `.notFound` when `path` does not exist, `.unsupportedFile` when a file
  ///   named directly has an unknown extension, `.unreadable` when a directory cannot be listed.
  static func find(_ path: String) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw LabelledDataError.notFound(path: path)
    }
    if !isDirectory.boolValue {
      guard extensions.contains(fileExtension(path)) else {
        throw LabelledDataError.unsupportedFile(file: path)
      }
      return [path]
    }
    // Links to directories are followed, each directory once (a link loop repeats nothing).
    do {
      return try DirectoryWalk.files(under: path) { child, name, resolves in
        // A dangling symlink named like a labels file is kept: reading it reports it (no silent loss).
        extensions.contains(fileExtension(child)) && (!resolves || !companions.contains(name))
          && !settings.contains(name)
      }
    } catch let error as DirectoryWalk.Failure {
      throw LabelledDataError.unreadable(file: error.path, reason: "cannot list directory")
    }
  }

  /// The companion file `name` of the first of `paths` that is a directory holding one.
  public static func companion(_ name: String, in paths: [String]) -> String? {
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        continue
      }
      let file = (path.hasSuffix("/") ? path : path + "/") + name
      if FileManager.default.fileExists(atPath: file) { return file }
    }
    return nil
  }

  /// The lowercased extension of the last path component ("" when none).
  static func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// The file name without directory and extension (the label of a `LABEL.txt` file).
  static func stem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}

/// A `.json` or `.csv` file found in a labels folder that holds no labels (metadata, a table of
/// scores): passed over, with `reason`, rather than an error. Named directly, it is an error.
struct NotLabelsFile: Error {
  /// Why the file is not labels, e.g. "not a Label Studio export (a JSON array of tasks)".
  let reason: String
}
