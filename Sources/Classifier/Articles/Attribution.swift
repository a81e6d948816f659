/// Whether a sentence reports someone's words rather than speaking in the writer's own voice.
///
/// The codebook labels a sentence by what it says, quoted speech included ("X said" does not
/// neutralize it), and weighs attribution at the article level: a news report that quotes a
/// spokesperson on "Cold War mentality" and a state-media op-ed share that sentence's label, not
/// the article's. `ArticleEvidence` uses this mark to tell the two apart.
///
/// A sentence is attributed when it holds a double quotation mark (`"`, `“`, `”`, `«`, `»`) or
/// a speech verb as a whole word, in any letter case: said, says, say, told, tells, "according
/// to", added, adds, stated, noted, warned, warns, urged, urges, claimed, announced, announces,
/// insisted, insists, stressed, stresses, asserted, remarked, explained, declared, tweeted, wrote,
/// writes, pledged, vowed, accused, accuses, argued, argues, quoted. Words are runs of ASCII
/// letters, digits, `_` and two-byte UTF-8 letters (lead bytes C3-DF: accented Latin, Greek,
/// Cyrillic; a word holding one is no speech verb, so "saidé" is not "said"); "according" and
/// "to" may stand apart by white space only. Nouns that are also verbs ("states", "notes", "claims") are left out:
/// "the United States" is no quotation. A cue, not a parse: a writer's own "as I have argued"
/// counts too, and the article classifier learns how much the mark is worth.
public enum Attribution {
  /// Whether the UTF-8 bytes of one sentence are attributed (see the type's rules).
  public static func isAttributed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var word = Word()
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let folded = b | 0x20
      if folded &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F {
        word.append(folded &- 0x61 < 26 ? folded : b)
        i += 1
        continue
      }
      if b &- 0xC3 < 0x1D {  // C3-DF: a two-byte letter, part of the word
        word.appendForeign()
        i += 2
        continue
      }
      if word.end() { return true }
      if b == 0x22 { return true }
      if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB { return true }
      if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D {
        return true
      }
      if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { word.previousWasAccording = false }
      i += 1
    }
    return word.end()
  }

  /// The word being read (its first 16 bytes, lowercased, 8 to a lane, and its length) and
  /// whether the word before it was "according". A value with mutating methods rather than a
  /// nested function over local variables, which would check every access for exclusivity.
  private struct Word {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var length = 0
    /// The word holds a non-ASCII letter: it is no speech verb.
    var foreign = false
    var previousWasAccording = false

    mutating func appendForeign() {
      foreign = true
      length += 2
    }

    mutating func append(_ byte: UInt8) {
      if length < 8 {
        low |= UInt64(byte) << (8 * UInt64(length))
      } else if length < 16 {
        high |= UInt64(byte) << (8 * UInt64(length - 8))
      }
      length += 1
    }

    /// Ends the word: true when it (with the one before, for "according to") is a cue.
    mutating func end() -> Bool {
      guard length > 0 else { return false }
      defer {
        low = 0
        high = 0
        length = 0
        foreign = false
      }
      if foreign {
        previousWasAccording = false
        return false
      }
      if previousWasAccording && length == 2 && low == 0x6F74 { return true }  // "to"
      previousWasAccording = length == 9 && low == 0x6E69_6472_6F63_6361 && high == 0x67  // "according"
      return isSpeechVerb(low: low, high: high, length: length)
    }
  }

  /// Whether `sentence` is attributed (see the type's rules).
  public static func isAttributed(_ sentence: String) -> Bool {
    var sentence = sentence
    return sentence.withUTF8 { isAttributed($0) }
  }

  /// Whether the packed word of `length` bytes is one of the speech verbs: one probe of a small
  /// open-addressed table settles almost every word.
  private static func isSpeechVerb(low: UInt64, high: UInt64, length: Int) -> Bool {
    guard verbLengths.contains(length) else { return false }
    var i = slot(low)
    while true {
      let verb = speechVerbs[i]
      if verb.length == 0 { return false }
      if verb.low == low && verb.high == high && verb.length == length { return true }
      i = (i + 1) & (speechVerbs.count - 1)
    }
  }

  private struct Packed {
    var low: UInt64 = 0
    var high: UInt64 = 0
    /// 0 marks an empty slot of the table.
    var length = 0

    init() {}

    init(_ word: String) {
      for (i, b) in word.utf8.prefix(16).enumerated() {
        if i < 8 { low |= UInt64(b) << (8 * UInt64(i)) } else { high |= UInt64(b) << (8 * UInt64(i - 8)) }
      }
      length = word.utf8.count
    }
  }

  /// A word's home slot in the 128-slot table (the top 7 bits of a multiplicative hash).
  private static func slot(_ low: UInt64) -> Int { Int(truncatingIfNeeded: (low &* 0x9E37_79B9_7F4A_7C15) >> 57) }

  /// The shortest and longest speech verb, in bytes.
  private static let verbLengths: ClosedRange<Int> = {
    let lengths = speechVerbs.map(\.length).filter { $0 > 0 }
    return lengths.min()!...lengths.max()!
  }()

  /// The speech verbs in an open-addressed table of 128 slots (linear probing; 34 taken).
  private static let speechVerbs: [Packed] = {
    var table = [Packed](repeating: Packed(), count: 128)
    let verbs = [
      "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "warned", "warns", "urged", "urges",
      "claimed", "announced", "announces", "insisted", "insists", "stressed", "stresses", "asserted", "remarked",
      "explained", "declared", "tweeted", "wrote", "writes", "pledged", "vowed", "accused", "accuses", "argued",
      "argues", "quoted",
    ]
    for verb in verbs.map(Packed.init) {
      precondition(verb.length <= 16, "a speech verb packs into 16 bytes")
      var i = slot(verb.low)
      while table[i].length != 0 { i = (i + 1) & 127 }
      table[i] = verb
    }
    return table
  }()
}
