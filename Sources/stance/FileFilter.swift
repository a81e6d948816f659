import Foundation

/// Which files of a directory input to read: `--include GLOB` and `--exclude GLOB`.
///
/// A pattern without `/` is matched against the file's name (`*.jsonl`, `PROVENANCE.md`); one
/// with `/` against its path below the directory given (`guardian_*/articles.jsonl`), where `*`
/// also matches `/`. Patterns are shell globs (`*`, `?`, `[...]`; fnmatch(3)). Files named on
/// the command line are always read: the filter applies to what a directory walk finds.
struct FileFilter {
  /// A file is read only when it matches one of these (all files when empty).
  var include: [String] = []
  /// A file matching any of these is not read, even when included.
  var exclude: [String] = []

  /// Whether to read the file at `relativePath` (below the directory walked), named `name`.
  func keeps(relativePath: String, name: String) -> Bool {
    if !include.isEmpty && !include.contains(where: { Self.matches($0, relativePath: relativePath, name: name) }) {
      return false
    }
    return !exclude.contains { Self.matches($0, relativePath: relativePath, name: name) }
  }

  /// Whether glob `pattern` matches the file (its name, or its relative path for a pattern with `/`).
  static func matches(_ pattern: String, relativePath: String, name: String) -> Bool {
    fnmatch(pattern, pattern.contains("/") ? relativePath : name, 0) == 0
  }
}
