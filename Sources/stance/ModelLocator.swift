import Foundation

/// Finds the model file to use when scoring, evaluating or inspecting, and where `train`
/// writes by default: the two agree, so that `stance train mine.tsv` in a project folder is
/// what `stance score` then uses in that folder.
///
/// Order: `--model FILE`, then the `STANCE_MODEL` environment variable, then the project's
/// model `models/stance.model` in the current directory (where `train` writes without `-o`),
/// then the default model shipped with the tool: `<prefix>/share/stance/stance.model` next to a
/// `<prefix>/bin/stance` (symlinks resolved), else, walking up from the directory of the running
/// executable, the first `models/stance.model`. So an installed tool finds its shared copy, and a
/// checkout's `.build/release/stance` the repository's `models/stance.model`.
enum ModelLocator {
  /// Where `train` writes and the lookup then finds a model, relative to the current directory.
  static let projectModel = "models/stance.model"

  /// The lookup order, for `--help` texts.
  static let lookupHelp =
    "--model, else $STANCE_MODEL, else ./\(projectModel) (where train writes), else the shipped model"

  /// The model path to use.
  /// - Throws: `CLIError` (exit 2) when no option, variable, project or default model is found.
  static func resolve(_ option: String?) throws -> String {
    if let option, !option.isEmpty { return option }
    if let env = ProcessInfo.processInfo.environment["STANCE_MODEL"], !env.isEmpty { return env }
    let candidates = [projectCandidate()] + defaultCandidates()
    for candidate in candidates where FileManager.default.fileExists(atPath: candidate) { return candidate }
    throw CLIError(
      "no model given and no default model found (looked for ./\(projectModel), share/stance/stance.model and "
        + "models/stance.model above \(executableDirectory() ?? "the executable")); pass --model FILE, set "
        + "STANCE_MODEL or train one (stance train LABELS)",
      exitCode: 2)
  }

  /// How reports name the model at `path` (as `resolve` returned it): the path, marked
  /// "(shipped)" when it is the default model that came with the tool.
  static func displayName(_ path: String) -> String {
    defaultCandidates().contains(path) ? "\(path) (shipped)" : path
  }

  /// The project's model in the current directory, as an absolute path (what reports print).
  static func projectCandidate() -> String {
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(projectModel).path
  }

  /// Where the default model may be, most specific first: the installed copy beside the
  /// binary's prefix (so that an installed tool never picks up some `models/` folder above
  /// it), then `models/stance.model` walking up from the binary (a checkout's build).
  static func defaultCandidates() -> [String] {
    guard let directory = executableDirectory() else { return [] }
    let prefix = URL(fileURLWithPath: directory).deletingLastPathComponent()
    var result = [prefix.appendingPathComponent("share/stance/stance.model").path]
    var url = URL(fileURLWithPath: directory)
    while true {
      result.append(url.appendingPathComponent("models/stance.model").path)
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { break }
      url = parent
    }
    return result
  }

  /// The real directory of the running executable (symlinks resolved).
  static func executableDirectory() -> String? {
    #if os(Linux)
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return (target as NSString).deletingLastPathComponent
      }
    #endif
    guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first else { return nil }
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    return (resolved as NSString).deletingLastPathComponent
  }
}
