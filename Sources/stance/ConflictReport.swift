import Classifier

/// The lines that tell `train` which texts were found under more than one label.
///
/// Data labelled by outlet or by a script can hold tens of thousands of such texts, each in
/// thousands of places, so by default the report is bounded: the count, the first
/// `shownConflicts` texts, and for each its first `shownPlaces` places with a count per label.
/// `--show-conflicts` lists every text and every place.
enum ConflictReport {
  /// Texts listed when not all are asked for.
  static let shownConflicts = 10
  /// Places listed per text when not all are asked for.
  static let shownPlaces = 3

  /// The report, one line per element (no trailing newline); empty when there is no conflict.
  /// - Parameters:
  ///   - conflicts: the conflicts in reading order.
  ///   - kept: whether the conflicting rows were kept (`--keep-duplicates`) or dropped.
  ///   - all: list every conflict and every place (`--show-conflicts`).
  static func lines(_ conflicts: [LabelConflict], kept: Bool, all: Bool) -> [String] {
    guard !conflicts.isEmpty else { return [] }
    let rows = conflicts.reduce(0) { $0 + $1.occurrences.count }
    let verb = kept ? "kept" : "dropped"
    var lines = ["\(verb) \(conflicts.count) texts labelled differently in different places (\(rows) rows):"]
    let shown = all ? conflicts[...] : conflicts.prefix(shownConflicts)
    for conflict in shown { lines.append("  " + line(conflict, all: all)) }
    if shown.count < conflicts.count {
      lines.append("  ... and \(conflicts.count - shown.count) more (--show-conflicts lists them all)")
    }
    return lines
  }

  /// `"text": place label, place label ... and N more places (label count, ...)`.
  static func line(_ conflict: LabelConflict, all: Bool) -> String {
    let text = conflict.text.count > 60 ? String(conflict.text.prefix(57)) + "..." : conflict.text
    let places = all ? conflict.occurrences[...] : conflict.occurrences.prefix(shownPlaces)
    var out = "\"\(text)\": " + places.map { "\($0.location) \($0.label)" }.joined(separator: ", ")
    let hidden = conflict.occurrences.count - places.count
    if hidden > 0 {
      var perLabel: [String: Int] = [:]
      for occurrence in conflict.occurrences { perLabel[occurrence.label, default: 0] += 1 }
      // Most frequent label first; ties by name, so the line is the same on every run.
      let counts = perLabel.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      out += " and \(hidden) more places (\(counts))"
    }
    return out
  }
}
