import Classifier
import Features
import Foundation
import LinearModel

/// How uncertain the model is about a sentence, from its (calibrated) label probabilities.
enum Uncertainty: String, CaseIterable {
  /// 1 − (p₁ − p₂): the two most probable labels are close.
  case margin
  /// The entropy of the probabilities over ln K: spread over many labels.
  case entropy
}

/// A sentence that `stance suggest` may propose for labelling.
struct Candidate {
  /// The sentence on one line (line breaks and tabs folded: it goes into a TSV).
  var text: String
  /// The article it came from: the record's `source` member, else its id, else the file path.
  var source: String
  /// The model's most probable label (class index).
  var guess: Int
  /// Higher is better: uncertainty weighted towards labels with few examples.
  var priority: Double
  /// Position in the input (document, sentence), so that ties keep input order.
  var order: Int
  /// The candidate's place in a seeded random order (a hash of its words and the seed): the
  /// exploration share of the picks takes the lowest draws, the same in every run.
  var draw: UInt64 = 0
}

/// Picks the sentences whose labels would teach the model most: uncertain ones, weighted
/// towards labels the model has few examples of, and diverse (no repeats of a labelled sentence
/// or of one another, no near-duplicates of one another, at most `perSource` from one article).
///
/// The weighting: priority = u · (n̄ / n)^`rarityWeight`, where u ∈ [0, 1] is the uncertainty,
/// n̄ the mean number of examples per label and n the number of examples of the rarer of the
/// sentence's two most probable labels (at least 1): a sentence on the border of a rare label
/// comes first among equally uncertain ones.
struct SuggestionPicker {
  /// Examples per label the model learnt from (or the labels given), in class order.
  let labelCounts: [Int]
  let measure: Uncertainty
  /// Most sentences taken from one source.
  let perSource: Int
  /// The exponent of the rarity weight (0: uncertainty alone).
  var rarityWeight = 0.5
  /// Word-pair overlap (Jaccard, 0-1) above which two sentences count as near-duplicates.
  var similarity = 0.6
  /// The share of picks (0-1) taken in a seeded random order instead of by priority.
  var explore = 0.0
  /// The seed of that random order.
  var seed: UInt64 = 0

  /// The fewest words a sentence needs to be proposed (shorter spans are fragments: a dateline,
  /// a caption, "Read more").
  static let minimumWords = 4

  /// The priority of a sentence with probabilities `p` (summing to 1) and its most probable label.
  func priority(_ p: ArraySlice<Float>) -> (priority: Double, guess: Int) {
    let k = p.count
    // The two most probable labels; ties go to the lower index, as `score` counts them.
    var first = p.startIndex
    var second = -1
    for i in p.indices.dropFirst() {
      if p[i] > p[first] {
        second = first
        first = i
      } else if second < 0 || p[i] > p[second] {
        second = i
      }
    }
    guard k > 1, second >= 0 else { return (0, first - p.startIndex) }
    let u: Double
    switch measure {
    case .margin:
      u = 1 - Double(p[first] - p[second])
    case .entropy:
      var h = 0.0
      for v in p where v > 0 { h -= Double(v) * PortableMath.log(Double(v)) }
      u = h / PortableMath.log(Double(k))
    }
    let mean = Double(labelCounts.reduce(0, +)) / Double(max(labelCounts.count, 1))
    let a = first - p.startIndex
    let b = second - p.startIndex
    let rarer = Double(max(1, min(count(a), count(b))))
    let weight = rarityWeight == 0 || mean == 0 ? 1 : PortableMath.pow(mean / rarer, rarityWeight)
    return (u * weight, a)
  }

  private func count(_ label: Int) -> Int { label < labelCounts.count ? labelCounts[label] : 0 }

  /// Whether pick number `i` (from 0) is an exploration pick: spread evenly, so that any first
  /// part of the list holds about the `explore` share of them.
  func isExploration(_ i: Int) -> Bool {
    (Double(i + 1) * explore).rounded(.down) > (Double(i) * explore).rounded(.down)
  }

  /// The best `count` of `candidates` (see the type): highest priority first, ties in input
  /// order, skipping repeats (same `Shingles.key`) of those taken or of `known` (the keys of
  /// sentences already labelled), near-duplicates of those taken (word-pair overlap above
  /// `similarity`), and sources that already gave `perSource`. The `explore` share of the picks
  /// (spread through the list) comes instead from the seeded random order (`Candidate.draw`),
  /// under the same rules.
  ///
  /// `ranked`, when given, replaces the priority order (it must hold the same candidates): the
  /// cluster round-robin order of `SuggestionClusters`.
  func pick(_ candidates: [Candidate], count: Int, known: Set<String>, ranked: [Candidate]? = nil) -> [Candidate] {
    let byPriority =
      ranked
      ?? candidates.sorted {
        $0.priority != $1.priority ? $0.priority > $1.priority : $0.order < $1.order
      }
    let byDraw = explore > 0 ? candidates.sorted { $0.draw != $1.draw ? $0.draw < $1.draw : $0.order < $1.order } : []
    var taken: [Candidate] = []
    var takenShingles: [Set<Int>] = []
    var perSourceTaken: [String: Int] = [:]
    var seen = known
    var takenOrders: Set<Int> = []
    var next = (priority: 0, draw: 0)
    // The next acceptable candidate of `list` from `position` on, advancing it.
    func take(from list: [Candidate], at position: inout Int) -> Bool {
      while position < list.count {
        let candidate = list[position]
        position += 1
        if takenOrders.contains(candidate.order) { continue }
        if perSourceTaken[candidate.source, default: 0] >= perSource { continue }
        let key = Shingles.key(candidate.text)
        if seen.contains(key) { continue }
        let shingles = Shingles.of(candidate.text)
        if takenShingles.contains(where: { Shingles.jaccard($0, shingles) > similarity }) { continue }
        seen.insert(key)
        taken.append(candidate)
        takenOrders.insert(candidate.order)
        takenShingles.append(shingles)
        perSourceTaken[candidate.source, default: 0] += 1
        return true
      }
      return false
    }
    while taken.count < count {
      let explorePick = isExploration(taken.count)
      // When one order runs dry the other fills the rest.
      if explorePick {
        if !take(from: byDraw, at: &next.draw) && !take(from: byPriority, at: &next.priority) { break }
      } else {
        if !take(from: byPriority, at: &next.priority) && !take(from: byDraw, at: &next.draw) { break }
      }
    }
    return taken
  }
}

/// Word-level fingerprints of sentences, to find repeats and near-duplicates.
enum Shingles {
  /// The sentence's words, lowercased, letters and digits only.
  static func words(_ text: String) -> [Substring] {
    let lowered = text.lowercased()
    return lowered.split { !($0.isLetter || $0.isNumber) }
  }

  /// A key equal for two sentences that differ only in case, punctuation and spacing.
  static func key(_ text: String) -> String { words(text).joined(separator: " ") }

  /// The sentence's word pairs (its single word when it has one), hashed.
  static func of(_ text: String) -> Set<Int> {
    let w = words(text)
    guard w.count > 1 else { return Set(w.map { stableHash($0) }) }
    return Set((1..<w.count).map { stableHash(w[$0 - 1]) &* 31 &+ stableHash(w[$0]) })
  }

  /// |a ∩ b| / |a ∪ b| (0 for two empty sets).
  static func jaccard(_ a: Set<Int>, _ b: Set<Int>) -> Double {
    let (small, large) = a.count <= b.count ? (a, b) : (b, a)
    var shared = 0
    for x in small where large.contains(x) { shared += 1 }
    let union = a.count + b.count - shared
    return union == 0 ? 0 : Double(shared) / Double(union)
  }

  /// A seeded pseudo-random draw for a sentence, fixed by its words (`key`) and `seed`: the same
  /// in every run and for any thread count, and independent of where the sentence is in the input.
  static func draw(_ text: String, seed: UInt64) -> UInt64 {
    var generator = SplitMix64(seed: UInt64(bitPattern: Int64(stableHash(Substring(key(text))))) ^ seed)
    return generator.next()
  }

  /// FNV-1a over the word's UTF-8 bytes: the same in every run (Swift's `hashValue` is seeded
  /// per process; the picks only compare hashes, but fixed values keep debugging simple).
  private static func stableHash(_ word: Substring) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in word.utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    return Int(truncatingIfNeeded: h)
  }
}
