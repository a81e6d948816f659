import Classifier
import Foundation
import XCTest

@testable import stance

final class SuggestCommandTests: ScratchDirectoryTestCase {
  /// The suggestion rows (label, text, source) of a TSV, header checked.
  func rows(_ tsv: String) throws -> [[String]] {
    let lines = tsv.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first, "label\ttext\tsource")
    return lines.dropFirst().map { $0.components(separatedBy: "\t") }
  }

  func testSuggestionsAreALabelsFileToEditDiverseAndDeterministic() throws {
    let one = try CLI.run(["suggest", "--model", CLI.model, "--count", "12", "--threads", "1"] + CLI.seeds)
    XCTAssertEqual(one.status, 0, one.stderr)
    let two = try CLI.run(["suggest", "--model", CLI.model, "--count", "12", "--threads", "2"] + CLI.seeds)
    XCTAssertEqual(one.stdout, two.stdout)
    let suggested = try rows(one.output)
    XCTAssertEqual(suggested.count, 12)
    XCTAssertTrue(one.stderr.hasPrefix("stance: suggested 12 sentences (of "), one.stderr)
    let labels = ["neutral", "pro-alliance", "skeptical", "state-media"]
    for row in suggested {
      XCTAssertEqual(row.count, 3)
      XCTAssertTrue(row[0].hasPrefix("?") && labels.contains(String(row[0].dropFirst())), row[0])
      XCTAssertGreaterThanOrEqual(Shingles.words(row[1]).count, SuggestionPicker.minimumWords)
      XCTAssertTrue(CLI.seeds.contains(row[2]), row[2])
    }
    // At most 3 from one article, no sentence twice.
    XCTAssertLessThanOrEqual(Dictionary(grouping: suggested, by: { $0[2] }).values.map(\.count).max() ?? 0, 3)
    XCTAssertEqual(Set(suggested.map { $0[1] }).count, 12)
    // The file cannot train until every guess is replaced; the error names the first line.
    let file = try write("next.tsv", one.output)
    let refused = try CLI.run(["train", file, "--folds", "0", "-o", path("m.model")])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.contains("stance: error: \(file):2: unreviewed label '\(suggested[0][0])'"), refused.stderr)
    // Reviewed (the guesses taken as they are): it trains, and its sentences are not suggested again.
    let reviewed = try write("reviewed.tsv", one.output.replacingOccurrences(of: "\n?", with: "\n"))
    let again = try CLI.run(["suggest", "--model", CLI.model, "--count", "12", "--labels", reviewed] + CLI.seeds)
    XCTAssertEqual(again.status, 0, again.stderr)
    let next = try rows(again.output)
    XCTAssertEqual(next.count, 12)
    XCTAssertTrue(Set(next.map { $0[1] }).isDisjoint(with: suggested.map { $0[1] }))
    let trained = try CLI.run([
      "train", reviewed, CLI.labels, "--folds", "0", "--context-folds", "0", "-o", path("m.model"),
    ])
    XCTAssertEqual(trained.status, 0, trained.stderr)
  }

  func testRecordSourcesAndTheOutputFile() throws {
    var records = ""
    let sentences = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
      .split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
    for i in 0..<60 {
      let text = sentences[i].replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      records += "{\"id\": \(i), \"source\": \"art-\(i % 4)\", \"text\": \"\(text)\"}\n"
    }
    let input = try write("pool.jsonl", records)
    let out = path("next.tsv")
    let result = try CLI.run([
      "suggest", input, "--model", CLI.model, "--count", "20", "--per-source", "2", "-o", out,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.output, "")
    let suggested = try rows(try String(contentsOfFile: out, encoding: .utf8))
    // Four sources, two from each at most: fewer than asked, and said so.
    XCTAssertEqual(suggested.count, 8)
    XCTAssertEqual(Set(suggested.map { $0[2] }), ["art-0", "art-1", "art-2", "art-3"])
    XCTAssertTrue(result.stderr.contains("fewer than --count"), result.stderr)
    // An existing file may hold labels being edited: kept unless --force.
    let kept = try CLI.run(["suggest", input, "--model", CLI.model, "-o", out])
    XCTAssertEqual(kept.status, 1)
    XCTAssertEqual(
      kept.stderr, "stance: error: \(out): exists (it may hold labels being edited); pass --force to replace it\n")
    XCTAssertEqual(try rows(try String(contentsOfFile: out, encoding: .utf8)).count, 8)
    XCTAssertEqual(try CLI.run(["suggest", input, "--model", CLI.model, "-o", out, "--force"]).status, 0)
  }

  func testHugeCountIsRefusedNotACrash() throws {
    // 50 × --count once overflowed Int and trapped.
    let huge = try CLI.run(["suggest", "--model", CLI.model, "--count", "200000000000000000", CLI.seeds[0]])
    XCTAssertEqual(huge.status, 1, huge.stderr)
    XCTAssertEqual(huge.stderr, "stance: error: --count must be between 1 and 1000000 (see 'stance --help')\n")
    let most = try CLI.run(["suggest", "--model", CLI.model, "--count", "1000000", CLI.seeds[0]])
    XCTAssertEqual(most.status, 0, most.stderr)
    XCTAssertTrue(most.stderr.contains("fewer than --count"), most.stderr)
  }

  func testHelpSaysWhatCountsAsARepeat() throws {
    // Labelled sentences are left out when they repeat word for word, not when they are merely
    // alike (the picker compares word pairs only among its own picks): the help must say so.
    let help = try CLI.run(["suggest", "--help"])
    XCTAssertEqual(help.status, 0)
    let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    XCTAssertTrue(text.contains("none repeating (case, punctuation and spacing aside) a sentence of --labels"), text)
    XCTAssertFalse(text.contains("near-duplicates of one another or of a sentence already labelled"), text)
    let picker = SuggestionPicker(labelCounts: [1, 1], measure: .margin, perSource: 5)
    let alike = Candidate(
      text: "The alliance will hold firm against coercion in the region today.", source: "a", guess: 0, priority: 1,
      order: 0)
    let known: Set<String> = [Shingles.key("The alliance will hold firm against coercion in the region.")]
    XCTAssertEqual(picker.pick([alike], count: 1, known: known).count, 1)
    XCTAssertEqual(picker.pick([alike], count: 1, known: [Shingles.key(alike.text + "!")]).count, 0)
  }

  func testSameSuggestionsForAnyThreadCount() throws {
    // Enough records (work is shared out 16 records a job) that two threads really share the work.
    let sentences = try String(contentsOfFile: CLI.labels + "/sample.tsv", encoding: .utf8)
      .split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
    XCTAssertGreaterThanOrEqual(sentences.count, 200)
    var records = ""
    for i in 0..<200 {
      let text = sentences[i].replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      records += "{\"id\": \(i), \"source\": \"art-\(i % 40)\", \"text\": \"\(text)\"}\n"
    }
    let input = try write("pool.jsonl", records)
    let one = try CLI.run(["suggest", input, "--model", CLI.model, "--count", "60", "--threads", "1"])
    XCTAssertEqual(one.status, 0, one.stderr)
    XCTAssertEqual(try rows(one.output).count, 60)
    for threads in ["2", "3"] {
      let other = try CLI.run(["suggest", input, "--model", CLI.model, "--count", "60", "--threads", threads])
      XCTAssertEqual(other.status, 0, other.stderr)
      XCTAssertEqual(other.output, one.output, "--threads \(threads)")
    }
  }

  func testDocumentUnitSuggestsWholeRecords() throws {
    let result = try CLI.run(
      [
        "suggest", "--model", CLI.model, "--count", "3", "--unit", "document", "--rarity-weight", "0",
        "--density-weight", "0",
      ]
        + CLI.seeds)
    XCTAssertEqual(result.status, 0, result.stderr)
    let suggested = try rows(result.output)
    XCTAssertEqual(suggested.count, 3)
    XCTAssertTrue(result.stderr.hasPrefix("stance: suggested 3 documents (of "), result.stderr)
    // Each row is a whole article on one line, ranked by the article's own scores.
    let json = try CLI.run(["score", "--model", CLI.model] + CLI.seeds).jsonLines()
    var margins: [String: Double] = [:]
    for record in json {
      let p = (record["scores"] as? [String: Double] ?? [:]).values.sorted(by: >)
      margins[record["id"] as? String ?? ""] = 1 - (p[0] - p[1])
    }
    for row in suggested {
      let text = try String(contentsOfFile: row[2], encoding: .utf8)
      XCTAssertEqual(row[1], ScoreFormatter.oneLine(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    let shown = suggested.map { margins[$0[2]] ?? -1 }
    XCTAssertEqual(shown, shown.sorted(by: >))
  }

  func testPriorityWeighsUncertaintyAndRareLabels() {
    let even = SuggestionPicker(labelCounts: [10, 10, 10], measure: .margin, perSource: 3)
    XCTAssertEqual(even.priority([0.5, 0.3, 0.2]).priority, 0.8, accuracy: 1e-6)
    XCTAssertEqual(even.priority([0.5, 0.3, 0.2]).guess, 0)
    XCTAssertEqual(even.priority([0.1, 0.45, 0.45]).guess, 1)  // ties: the lower index
    XCTAssertEqual(even.priority([0.1, 0.45, 0.45]).priority, 1, accuracy: 1e-6)
    let entropy = SuggestionPicker(labelCounts: [10, 10, 10], measure: .entropy, perSource: 3)
    XCTAssertEqual(entropy.priority([1 / 3, 1 / 3, 1 / 3]).priority, 1, accuracy: 1e-5)
    XCTAssertEqual(entropy.priority([1, 0, 0]).priority, 0, accuracy: 1e-9)
    // Label 2 has few examples: a sentence on its border comes before an equally uncertain one.
    let skewed = SuggestionPicker(labelCounts: [100, 100, 4], measure: .margin, perSource: 3)
    XCTAssertGreaterThan(skewed.priority([0.5, 0.1, 0.4]).priority, skewed.priority([0.5, 0.4, 0.1]).priority)
    var plain = skewed
    plain.rarityWeight = 0
    XCTAssertEqual(plain.priority([0.5, 0.1, 0.4]).priority, plain.priority([0.5, 0.4, 0.1]).priority, accuracy: 1e-6)
  }

  func testPickSkipsNearDuplicatesKnownSentencesAndFullSources() {
    let picker = SuggestionPicker(labelCounts: [1, 1], measure: .margin, perSource: 2)
    func candidate(_ text: String, _ source: String, _ priority: Double, _ order: Int) -> Candidate {
      Candidate(text: text, source: source, guess: 0, priority: priority, order: order)
    }
    let candidates = [
      candidate("The alliance will hold firm against coercion in the region.", "a", 0.9, 0),
      candidate("The alliance will hold firm against coercion in the region!", "b", 0.8, 1),  // near-duplicate
      candidate("Beijing calls the pact a relic of Cold War thinking.", "a", 0.7, 2),
      candidate("Costs fall on the allies while Washington decides alone.", "a", 0.95, 3),  // source a full by then?
      candidate("Ministers met in Tokyo on Monday to discuss supply chains.", "c", 0.7, 4),
      candidate("Already labelled: this sentence is in the labels.", "d", 0.99, 5),
    ]
    let known: Set<String> = [Shingles.key("already LABELLED, this sentence is in the labels")]
    let picked = picker.pick(candidates, count: 10, known: known).map(\.order)
    // By priority: 3 (a), 0 (a), then 2 would be a's third; 4 ties 2 on priority and comes later in input.
    XCTAssertEqual(picked, [3, 0, 4])
    XCTAssertEqual(picker.pick(candidates, count: 1, known: []).map(\.order), [5])
  }

  func testDensityRanksTypicalSentencesAboveOddOnes() throws {
    let model = try ModelFile.read(CLI.model)
    let texts = [
      "The alliance will hold firm against coercion in the region.",
      "The alliance must hold firm against coercion across the region.",
      "Allies hold firm against coercion in the region, ministers said.",
      "Zebra quilting workshop postponed until spring.",
      "",
    ]
    let density = SuggestionDensity.of(texts, vectorizer: model.vectorizer, threads: 1)
    XCTAssertEqual(density.count, texts.count)
    for d in density { XCTAssertTrue(d >= 0 && d <= 1, "\(d)") }
    // Three sentences alike: each is typical; the odd one and the empty one are not.
    XCTAssertGreaterThan(density[0], density[3])
    XCTAssertGreaterThan(density[1], density[3])
    XCTAssertEqual(density[4], 0)
    XCTAssertEqual(SuggestionDensity.of(texts, vectorizer: model.vectorizer, threads: 2), density)
    XCTAssertEqual(SuggestionDensity.of([texts[0]], vectorizer: model.vectorizer, threads: 1), [0])
  }

  func testExploreShareTakesSeededDrawsSpreadThroughTheList() {
    var picker = SuggestionPicker(labelCounts: [1, 1], measure: .margin, perSource: 5)
    picker.explore = 0.5
    let texts = [
      "The alliance will hold firm against coercion in the region.",
      "Beijing calls the pact a relic of Cold War thinking.",
      "Costs fall on the allies while Washington decides alone.",
      "Ministers met in Tokyo on Monday to discuss supply chains.",
    ]
    // Priority order 0, 1, 2, 3; draw order 3, 2, 1, 0.
    let candidates = texts.enumerated().map { i, text in
      Candidate(
        text: text, source: "s\(i)", guess: 0, priority: 1 - Double(i) / 10, order: i, draw: UInt64(10 - i))
    }
    XCTAssertEqual(picker.pick(candidates, count: 4, known: []).map(\.order), [0, 3, 1, 2])
    XCTAssertEqual((0..<10).filter(picker.isExploration), [1, 3, 5, 7, 9])
    picker.explore = 0
    XCTAssertEqual(picker.pick(candidates, count: 4, known: []).map(\.order), [0, 1, 2, 3])
    // Draws are fixed by the words and the seed, not by case or punctuation.
    XCTAssertEqual(Shingles.draw(texts[0], seed: 1), Shingles.draw(texts[0].uppercased(), seed: 1))
    XCTAssertNotEqual(Shingles.draw(texts[0], seed: 1), Shingles.draw(texts[0], seed: 2))
    XCTAssertNotEqual(Shingles.draw(texts[0], seed: 1), Shingles.draw(texts[1], seed: 1))
  }

  func testDensityAndExploreOptions() throws {
    let base = ["suggest", "--model", CLI.model, "--count", "12"] + CLI.seeds
    let bad = try CLI.run(base + ["--explore", "1.5"])
    XCTAssertEqual(bad.status, 1)
    XCTAssertEqual(bad.stderr, "stance: error: --explore must be between 0 and 1 (see 'stance --help')\n")
    let negative = try CLI.run(base + ["--density-weight=-1"])
    XCTAssertEqual(negative.status, 1)
    XCTAssertTrue(negative.stderr.contains("--density-weight must be between 0 and 10"), negative.stderr)
    let one = try CLI.run(base + ["--explore", "0.5", "--density-weight", "1", "--threads", "1"])
    XCTAssertEqual(one.status, 0, one.stderr)
    let two = try CLI.run(base + ["--explore", "0.5", "--density-weight", "1", "--threads", "2"])
    XCTAssertEqual(one.stdout, two.stdout)
    XCTAssertEqual(try rows(one.output).count, 12)
    let reseeded = try CLI.run(base + ["--explore", "0.5", "--density-weight", "1", "--seed", "7"])
    XCTAssertEqual(reseeded.status, 0, reseeded.stderr)
    XCTAssertNotEqual(reseeded.stdout, one.stdout)
    // Density weighting is off by default.
    XCTAssertEqual(try CLI.run(base).stdout, try CLI.run(base + ["--density-weight", "0"]).stdout)
    // Without exploration the seed changes nothing.
    let plain = try CLI.run(base + ["--explore", "0", "--seed", "7"])
    XCTAssertEqual(plain.stdout, try CLI.run(base + ["--explore", "0"]).stdout)
  }
}
