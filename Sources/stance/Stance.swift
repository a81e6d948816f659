import ArgumentParser
import Classifier
import Foundation
import LinearModel

/// The `stance` command: how a news text positions itself on US alliance-building against China.
@main
struct Stance: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stance",
    abstract: "Label how news text positions itself on US alliance-building against China.",
    discussion: """
      Train a sentence classifier on hand-labelled sentences, then score articles, folders \
      or JSONL streams with it. Labels come from the data (the shipped model uses \
      neutral, pro-alliance, skeptical and state-media).

      Examples:
        stance train labels/ -o models/stance.model
        stance score article.txt
        stance score --sentences --explain 3 article.txt
        stance score --format csv articles/ > scores.csv
        stance report --by outlet --over date records.jsonl -o report.html
        cat records.jsonl | stance score --input jsonl --threads 2 > scored.jsonl
        stance suggest corpus/ --labels labels/ --count 100 -o next.tsv
        stance eval held-out.tsv --format json
        stance inspect --top 20

      Exit status: 0 ok, 1 bad input or usage, 2 I/O or model error.
      """,
    version: StanceVersion.string,
    subcommands: [
      TrainCommand.self, ScoreCommand.self, SuggestCommand.self, ReportCommand.self, EvalCommand.self,
      InspectCommand.self,
    ]
  )

  /// Runs the command line, turning every error into one line on standard error and the
  /// documented exit status (ArgumentParser's usage errors exit 1, not 64).
  static func main() {
    // Writing into a closed pipe must return EPIPE (handled by OutputWriter), not kill us.
    signal(SIGPIPE, SIG_IGN)
    // OpenBLAS's idle workers would spin for the first 0.1 s of every run (issue 4).
    BLASThreads.stopWorkers()
    let command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }  // --help, --version
      printError("stance: error: \(message(for: error).split(separator: "\n").first ?? "") (see 'stance --help')")
      Foundation.exit(1)
    }
    do {
      var command = command
      try command.run()
      finishStandardOutput()
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      // `stance help score` parses to a help command whose run throws a clean exit.
      if exitCode(for: error) == .success { exit(withError: error) }
      let (text, code) = isArgumentParserError(error) ? (message(for: error), 1) : CLIError.describe(error)
      printError("stance: error: \(text)")
      Foundation.exit(code)
    }
  }

  /// Flushes what `print` buffered (the train and eval reports): output that could not be
  /// written (`> /dev/full`) is an I/O error, exit 2, not a silent success. A reader that
  /// went away (EPIPE) ends the run quietly, as for `OutputWriter`.
  private static func finishStandardOutput() {
    if fflush(stdout) == 0 && ferror(stdout) == 0 { return }
    let error = errno
    if error == EPIPE { Foundation.exit(0) }
    printError("stance: error: cannot write output: \(String(cString: strerror(error)))")
    Foundation.exit(2)
  }

  /// Whether an error comes from ArgumentParser (a usage error raised during `run`).
  private static func isArgumentParserError(_ error: Error) -> Bool {
    error is ValidationError || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
  }
}

/// The tool version written into model files and printed by `--version`.
enum StanceVersion {
  static let string = "0.1.0"
}
