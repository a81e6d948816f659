import Classifier
import Foundation
import LinearModel
import XCTest

/// Whose voice a sentence is in, and how the article classifier reads it.
final class AttributionTests: XCTestCase {
  func testQuotationsAndSpeechVerbsMarkASentenceAsAttributed() {
    let attributed = [
      "The spokesperson said the alliance reflects a Cold War mentality.",
      "Washington's allies SAID nothing.",
      "According to the report, the three allies disagree.",
      "It was “ironclad”, Blinken pledged.",
      "The «bloc» is back.",
      "He called it \"hegemony\".",
      "Analysts say the pivot failed",
      "She argued that the bases serve Japan.",
      "said",
    ]
    for sentence in attributed {
      XCTAssertTrue(Attribution.isAttributed(sentence), sentence)
    }
  }

  func testTheWritersOwnVoiceIsNotAttributed() {
    let own = [
      "The United States must stand with its allies.",  // "States" is no speech verb
      "Territorial claims and field notes are nouns here.",
      "The alliance is a relic of the Cold War.",
      "Unsaid truths saidx and xsaid are other words.",
      "Accordion players, accordingly, stayed.",  // "according" is no cue without "to" next
      "According, to be sure, is no cue.",  // "according" and "to" apart by punctuation
      "Naïvesaid and saidé are other words.",  // a word with a non-ASCII letter is no verb
      "Saidinternationalorganisations",  // a word over 16 bytes
      "Accordingly, the bases stay.",
      "It’s the allies’ choice.",  // apostrophes are no quotation marks
      "",
      "Seoul’s decision—announce-less—surprised Tokyo.",
    ]
    for sentence in own {
      XCTAssertFalse(Attribution.isAttributed(sentence), sentence)
    }
  }

  func testEverySpeechVerbOfTheListIsACueInAnyCase() {
    let verbs = [
      "said", "says", "say", "told", "tells", "added", "adds", "stated", "noted", "warned", "warns", "urged", "urges",
      "claimed", "announced", "announces", "insisted", "insists", "stressed", "stresses", "asserted", "remarked",
      "explained", "declared", "tweeted", "wrote", "writes", "pledged", "vowed", "accused", "accuses", "argued",
      "argues", "quoted",
    ]
    for verb in verbs {
      for form in [verb, verb.capitalized, verb.uppercased()] {
        XCTAssertTrue(Attribution.isAttributed("Tokyo \(form) nothing."), form)
        XCTAssertTrue(Attribution.isAttributed("\(form)—the minister"), form)
        XCTAssertFalse(Attribution.isAttributed("Tokyo \(form)x nothing."), form + "x")
        XCTAssertFalse(Attribution.isAttributed("Tokyo x\(form) nothing."), "x" + form)
      }
    }
    XCTAssertTrue(Attribution.isAttributed("According  to\tthe minister"))
    XCTAssertTrue(Attribution.isAttributed("É said"))  // a foreign word before a verb does not hide it
  }

  func testBytesAndStringsAgree() {
    let text = "Tokyo agreed. Beijing said no. The pact holds. «Bloc» politics."
    var copy = text
    copy.withUTF8 { bytes in
      for (lower, upper) in [(0, 13), (14, 30), (14, 25), (31, 46), (47, bytes.count)] {
        let range = lower..<upper
        let sentence = String(decoding: bytes[range], as: UTF8.self)
        XCTAssertEqual(
          Attribution.isAttributed(UnsafeBufferPointer(rebasing: bytes[range])), Attribution.isAttributed(sentence),
          sentence)
      }
      XCTAssertFalse(Attribution.isAttributed(UnsafeBufferPointer(rebasing: bytes[0..<13])))
      XCTAssertTrue(Attribution.isAttributed(UnsafeBufferPointer(rebasing: bytes[14..<30])))
      // A range that cuts "said" to "sai" is no cue.
      XCTAssertFalse(Attribution.isAttributed(UnsafeBufferPointer(rebasing: bytes[14..<25])))
      XCTAssertTrue(Attribution.isAttributed(UnsafeBufferPointer(rebasing: bytes[47..<bytes.count])))
    }
  }

  func testTheAttributionLayoutCountsTheWritersOwnStanceSentences() {
    // Three sentences, two labels [neutral, stance]; the confident stance one is quoted.
    let p: [Float] = [0.9, 0.1, 0.2, 0.8, 0.6, 0.4]
    let plain = ArticleEvidence.features(p, classCount: 2)
    let e = ArticleEvidence.features(p, attributed: [false, true, false], classCount: 2)
    XCTAssertEqual(e.count, ArticleEvidence.count(classCount: 2, layout: .attribution))
    XCTAssertEqual(e.count, plain.count + 4)
    XCTAssertEqual(Array(e.prefix(plain.count)), plain)
    XCTAssertEqual(e[11], (0.9 + 0.6) / 3, accuracy: 1e-6)  // neutral's mass outside quotes
    XCTAssertEqual(e[12], 2.0 / 10, accuracy: 1e-9)  // two confident unattributed neutral sentences
    XCTAssertEqual(e[13], (0.1 + 0.4) / 3, accuracy: 1e-6)  // stance's mass outside quotes
    XCTAssertEqual(e[14], 0, accuracy: 1e-12)  // its confident sentence is quoted
    let unquoted = ArticleEvidence.features(p, attributed: [false, false, false], classCount: 2)
    XCTAssertEqual(unquoted[14], 1.0 / 9, accuracy: 1e-9)
  }

  func testTheClassifierTellsAReportQuotingAStanceFromAnArticleArguingIt() throws {
    // Articles of 8 sentences with the same probabilities: 3 confident stance sentences. In
    // reports (judged neutral) they are quoted; in op-eds (judged stance) they are not.
    var evidence: [Double] = []
    var labels: [Int32] = []
    var generator = SplitMix64(seed: 7)
    for i in 0..<80 {
      let opinion = i % 2 == 1
      var p: [Float] = []
      var marks: [Bool] = []
      for s in 0..<8 {
        let x: Float =
          s < 3 ? Float.random(in: 0.7..<0.95, using: &generator) : Float.random(in: 0.05..<0.25, using: &generator)
        p += [1 - x, x]
        marks.append(s < 3 ? !opinion : Float.random(in: 0..<1, using: &generator) < 0.3)
      }
      evidence += ArticleEvidence.features(p, attributed: marks, classCount: 2)
      labels.append(opinion ? 1 : 0)
    }
    let model = try ArticleClassifier.fit(evidence: evidence, labels: labels, classCount: 2, layout: .attribution)
    XCTAssertTrue(model.readsAttribution)
    XCTAssertTrue(model.isValid(classCount: 2))
    let p: [Float] = (0..<8).flatMap { $0 < 3 ? [Float(0.15), 0.85] : [0.9, 0.1] }
    let quoted = (0..<8).map { $0 < 3 }
    let own = [Bool](repeating: false, count: 8)
    XCTAssertGreaterThan(model.probabilities(sentences: p, attributed: own)[1], 0.5)
    XCTAssertLessThan(model.probabilities(sentences: p, attributed: quoted)[1], 0.5)
    // The layout is stored, and a classifier stored without one (before attribution) reads as
    // the probabilities layout, with its 21-value shape for four labels.
    let decoded = try JSONDecoder().decode(ArticleClassifier.self, from: JSONEncoder().encode(model))
    XCTAssertEqual(decoded, model)
    let old = ArticleClassifier(
      classCount: 4, weights: [Double](repeating: 0.1, count: 21 * 4), intercepts: [0, 0, 0, 0])
    let oldDecoded = try JSONDecoder().decode(ArticleClassifier.self, from: JSONEncoder().encode(old))
    XCTAssertNil(oldDecoded.evidenceLayout)
    XCTAssertTrue(oldDecoded.isValid(classCount: 4))
    XCTAssertFalse(oldDecoded.readsAttribution)
    XCTAssertEqual(
      try XCTUnwrap(oldDecoded.probabilities(sentences: [0.7, 0.1, 0.1, 0.1], attributed: nil).first), 0.25,
      accuracy: 1e-9)
  }
}
