import ArgumentParser

/// The `stance` command: how a news text positions itself on US alliance-building against China.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Label how news text positions itself on US alliance-building against China.",
    version: StanceVersion.string,
    subcommands: []
  )
}

/// The tool version written into model files and printed by `--version`.
enum StanceVersion {
  static let string = "0.1.0"
}
