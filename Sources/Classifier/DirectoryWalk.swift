import Foundation

/// The files beneath a directory, for the CLI's score and train inputs.
///
/// Links to directories are followed, but every directory (by device and inode) is read at
/// most once: a link loop (`ln -s . d/self`) or two links to the same folder neither repeat
/// files nor make the walk exponential. Hidden entries (names starting with `.`) are skipped.
package enum DirectoryWalk {
  /// A directory that could not be listed.
  package struct Failure: Error {
    package var path: String
  }

  /// The non-directory entries under `directory` that `keep` accepts, sorted by path bytes.
  /// `keep` gets the path, its last component, and whether it resolves (false: a dangling link).
  /// - Throws: `Failure` naming a directory that cannot be listed.
  /// - Complexity: O(entries) system calls; each directory is listed once.
  package static func files(
    under directory: String, keep: (_ path: String, _ name: String, _ resolves: Bool) -> Bool = { _, _, _ in true }
  ) throws -> [String] {
    var seen = Set<DirectoryID>()
    var found: [String] = []
    func visit(_ dir: String) throws {
      var info = stat()
      guard stat(dir, &info) == 0 else { throw Failure(path: dir) }
      guard seen.insert(DirectoryID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else { return }
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { throw Failure(path: dir) }
      for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
        let child = dir.hasSuffix("/") ? dir + name : dir + "/" + name
        var entry = stat()
        guard stat(child, &entry) == 0 else {
          if keep(child, name, false) { found.append(child) }
          continue
        }
        if entry.st_mode & S_IFMT == S_IFDIR {
          try visit(child)
        } else if keep(child, name, true) {
          found.append(child)
        }
      }
    }
    try visit(directory)
    return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  private struct DirectoryID: Hashable {
    var device: UInt64
    var inode: UInt64
  }
}
