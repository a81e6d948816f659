/// Something `score` says on standard error about one input, in input order.
enum ScoreNotice {
  /// A document with a run-on "sentence": the warning to print.
  case runOn(String)
  /// A bad record or unreadable file left out under `--skip-bad`: file, line and why.
  case skipped(String)
  /// A record member that CSV output has no column for (the first record did not have it).
  case memberWithoutColumn(name: String, place: String)
}

/// Prints `score`'s notices as they come, capping the repetitive ones, and the closing counts.
struct Tally {
  /// Documents written.
  var documents = 0
  private var runOns = 0
  private var skipped = 0
  private var unlistedMembers: Set<String> = []
  /// Run-on sentence warnings printed one by one before the rest are only counted.
  static let runOnsListed = 10

  mutating func report(_ notice: ScoreNotice) {
    switch notice {
    case .runOn(let warning):
      runOns += 1
      if runOns <= Self.runOnsListed { printError(warning) }
    case .skipped(let message):
      skipped += 1
      printError("stance: skipped \(message)")
    case .memberWithoutColumn(let name, let place):
      // Once per member name: a stream of records with an extra member would repeat it on each.
      if unlistedMembers.insert(name).inserted {
        printError(
          "stance: warning: \(place): member \"\(name)\" has no CSV column (the columns are the first record's "
            + "members); left out (jsonl output keeps every member)")
      }
    }
  }

  /// The closing lines: the run-ons not listed, and with `skipBad`, the counts.
  func finish(skipBad: Bool) {
    if runOns > Self.runOnsListed {
      printError(
        "stance: warning: \(runOns - Self.runOnsListed) more documents have a sentence of over "
          + "\(ScoreCommand.longSentence) bytes with no sentence end (the first \(Self.runOnsListed) are listed above)")
    }
    if skipBad {
      printError("stance: scored \(documents) documents; skipped \(skipped) bad records or unreadable files")
    }
  }
}
