@testable import Features

extension NGramAnalyzer {
  /// The padded words of the loaded text two ways: by `splitWords` (eight bytes at a time, into
  /// one buffer) and by `forEachPaddedWord` (byte by byte), for tests that compare them.
  mutating func paddedWordsBothWays() -> (split: [[UInt8]], padded: [[UInt8]]) {
    var padded: [[UInt8]] = []
    forEachPaddedWord { word, _, _ in padded.append(Array(word)) }
    splitWords()
    let split = (0..<wordCount).map { w in Array(self.padded[Int(wordBounds[2 * w])...Int(wordBounds[2 * w + 1])]) }
    return (split, padded)
  }
}
