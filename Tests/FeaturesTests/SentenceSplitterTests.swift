import Features
import XCTest

final class SentenceSplitterTests: XCTestCase {
  private let splitter = SentenceSplitter()

  private func sentences(_ text: String) -> [String] { splitter.sentences(text).map(String.init) }

  /// The boundaries do not depend on where the text sits relative to eight-byte words (the
  /// scanner skips eight bytes at a time between the bytes that can end a sentence), nor on
  /// bytes that only look like the start of `…` (0xE2 also starts "—", "’", "“").
  func testBoundariesAtEveryAlignment() {
    let text =
      "He said — “no” to it. Next one… And this?! Yes.\nA line\n\nNew para 3.5 and news.com ok. "
      + "Longer sentence with many plain words in a row before the end of it! Last one ’quoted’"
    let expected = [
      "He said — “no” to it.", "Next one…", "And this?!", "Yes.", "A line", "New para 3.5 and news.com ok.",
      "Longer sentence with many plain words in a row before the end of it!", "Last one ’quoted’",
    ]
    XCTAssertEqual(sentences(text), expected)
    for pad in 1..<17 {
      let padded = String(repeating: " ", count: pad) + text + String(repeating: " ", count: pad % 5)
      XCTAssertEqual(sentences(padded), expected, "pad \(pad)")
      XCTAssertEqual(splitter.split(padded).first?.lowerBound, pad)
    }
  }

  // MARK: Seeds (counts and boundaries checked by reading the articles)

  func testSeedSentenceCounts() throws {
    let expected = [
      "000_f8900c7a312aac4d.txt": 21, "001_8c3dacf5be8a7bb9.txt": 48, "002_1a970f6ace6ea37e.txt": 38,
      "003_db2064995c940537.txt": 31, "004_7d4c0a3551aecea8.txt": 37,
    ]
    for (file, count) in expected {
      let text = try FixtureFiles.text("seeds/" + file)
      XCTAssertEqual(splitter.split(text).count, count, file)
    }
  }

  func testSeedBoundaries() throws {
    let s0 = sentences(try FixtureFiles.text("seeds/000_f8900c7a312aac4d.txt"))
    XCTAssertEqual(s0[0], "Biden tries to rally allies against China, faces divergent interests")
    XCTAssertEqual(
      s0[1],
      "The U.S. is trying to bring its allies together to fight China, but they are facing a test of their "
        + "divergent interests.")
    XCTAssertEqual(s0[12], "Indian troops clashed with Chinese soldiers at the border last year.")
    XCTAssertEqual(
      s0[14],
      "“We have to always keep in mind that some of our allies and partners have a lot of interests that are "
        + "aligned with ours and some that are not so much.”")

    let s1 = sentences(try FixtureFiles.text("seeds/001_8c3dacf5be8a7bb9.txt"))
    XCTAssertEqual(
      Array(s1[0...6]),
      [
        "Fact Box", "Level: 13.815", "Tokens: 1081", "Types: 419", "TTR: 0.388", "Mission impossible",
        "CAI MENG/CHINA DAILY",
      ])
    XCTAssertEqual(s1[9], "However, this effort has yet to be materialized.")
    XCTAssertEqual(
      s1[37],
      "Bilateral trade between China and the US rebounded to $586.72 billion in 2020, surging 8.3 percent "
        + "year-on-year, following a hiccup in 2018 to 2019.")
    XCTAssertEqual(s1[47], "The views do not necessarily reflect those of China Daily.")

    let s2 = sentences(try FixtureFiles.text("seeds/002_1a970f6ace6ea37e.txt"))
    XCTAssertTrue(
      s2[0].hasPrefix("date 2024-04-04 US President Joe Biden and his Chinese counterpart Xi Jingping. talked"))
    XCTAssertEqual(s2[16], "Taiwan dispute")
    XCTAssertEqual(s2[22], "International common ground?")
    XCTAssertEqual(
      s2[23],
      "While undoubtedly important, the bilateral dimension is not the only aspect of the U.S.-China relationship.")

    let s3 = sentences(try FixtureFiles.text("seeds/003_db2064995c940537.txt"))
    XCTAssertEqual(s3[0], "Does America seek to restore its alliances?")
    XCTAssertEqual(s3[8], "“Everyone is coming to the table, effectively surrounding China,” he stated.")
    XCTAssertEqual(s3[13], "The phones are ringing off the hooks.")
    XCTAssertEqual(s3[29], "Discover more from Defence Talks | Defense News Hub, Military Updates, Security Insights")

    let s4 = sentences(try FixtureFiles.text("seeds/004_7d4c0a3551aecea8.txt"))
    XCTAssertEqual(Array(s4[0...1]), ["Opinion | The US throws China a bone, but don't buy it", "By Tom Fowdy"])
    XCTAssertEqual(s4[8], "The question is why?")
    XCTAssertEqual(s4[31], "He graduated with an Msc. in Chinese Studies from Oxford University in 2018.")
    XCTAssertEqual(s4[33], "Read more articles by Tom Fowdy:")
    XCTAssertEqual(s4[36], "Comment")
  }

  func testRangesAreTrimmedUTF8Offsets() throws {
    let text = try FixtureFiles.text("seeds/003_db2064995c940537.txt")
    let bytes = Array(text.utf8)
    for r in splitter.split(text) {
      XCTAssertFalse(r.isEmpty)
      XCTAssertFalse([0x20, 0x0A, 0x09, 0x0D].contains(bytes[r.lowerBound]))
      XCTAssertFalse([0x20, 0x0A, 0x09, 0x0D].contains(bytes[r.upperBound - 1]))
    }
    XCTAssertEqual(splitter.split("  Hello world.  ").first, 2..<14)
    XCTAssertEqual(splitter.split("“Né.” Ça va."), [0..<10, 11..<18])
  }

  // MARK: Listed cases

  func testAbbreviationsDoNotEndSentences() {
    XCTAssertEqual(
      sentences("The U.S. and the U.K. met at the U.N. on Monday. Talks ended."),
      ["The U.S. and the U.K. met at the U.N. on Monday.", "Talks ended."])
    XCTAssertEqual(
      sentences("Mr. Smith met Mrs. Jones and Dr. Lee. Gen. Milley and Sen. Warner came."),
      ["Mr. Smith met Mrs. Jones and Dr. Lee.", "Gen. Milley and Sen. Warner came."])
    XCTAssertEqual(
      sentences("Rep. Chu and Gov. Newsom spoke on Jan. 5 and Feb. 6 at No. 10 Downing St. Later, they left."),
      ["Rep. Chu and Gov. Newsom spoke on Jan. 5 and Feb. 6 at No. 10 Downing St. Later, they left."])
    XCTAssertEqual(
      sentences("Apple Inc. The company grew. Acme Corp. said so."),
      ["Apple Inc.", "The company grew.", "Acme Corp. said so."])
    XCTAssertEqual(
      sentences("It is China vs. Japan, e.g. trade, i.e. tariffs. Next."),
      ["It is China vs. Japan, e.g. trade, i.e. tariffs.", "Next."])
    XCTAssertEqual(
      sentences("They met at 9 a.m. The talks ran until 5 p.m. on Friday."),
      ["They met at 9 a.m.", "The talks ran until 5 p.m. on Friday."])
  }

  func testUSEndsSentenceBeforeACommonOpener() {
    XCTAssertEqual(
      sentences("Allies look to the U.S. The U.S. President spoke."),
      ["Allies look to the U.S.", "The U.S. President spoke."])
  }

  func testInitials() {
    XCTAssertEqual(
      sentences("J. Smith and John F. Kennedy met. They talked."),
      ["J. Smith and John F. Kennedy met.", "They talked."])
  }

  func testNumbersAndCurrency() {
    XCTAssertEqual(
      sentences("Trade hit $586.72 billion, up 8.3 percent. Growth was 3.5. Then 2.7 percent."),
      ["Trade hit $586.72 billion, up 8.3 percent.", "Growth was 3.5.", "Then 2.7 percent."])
  }

  func testQuotesAndBracketsCloseAfterThePeriod() {
    XCTAssertEqual(sentences("He said \"it is over.\" She said no."), ["He said \"it is over.\"", "She said no."])
    XCTAssertEqual(sentences("He said \"it is over.\" she said."), ["He said \"it is over.\" she said."])
    XCTAssertEqual(sentences("(This was known.) Then it changed."), ["(This was known.)", "Then it changed."])
    XCTAssertEqual(sentences("“Why?” he asked. “Because.”"), ["“Why?” he asked.", "“Because.”"])
  }

  func testEllipses() {
    XCTAssertEqual(
      sentences("Wait... and see. It went on… Then it stopped."),
      ["Wait... and see.", "It went on…", "Then it stopped."])
  }

  func testLinesWithoutFinalPunctuation() {
    XCTAssertEqual(
      sentences("Headline here\nThe story starts. It goes on."), ["Headline here", "The story starts.", "It goes on."])
    XCTAssertEqual(sentences("A wrapped line\ncontinues here. Done."), ["A wrapped line\ncontinues here.", "Done."])
    XCTAssertEqual(sentences("para one\n\npara two"), ["para one", "para two"])
    // A scraped link on its own line does not break the sentence around it.
    XCTAssertEqual(
      sentences("Thailand's bid to join\nBrics\n, a league of countries.\nNext one."),
      ["Thailand's bid to join\nBrics\n, a league of countries.", "Next one."])
    XCTAssertEqual(
      sentences("Thailand\nGeneral\nMaris touts global ambition"),
      ["Thailand", "General", "Maris touts global ambition"])
    XCTAssertEqual(
      sentences("Fact Box\n\nLevel: 13.815\n\nTokens: 1081\n"), ["Fact Box", "Level: 13.815", "Tokens: 1081"])
  }

  func testPeriodGluedToCapitalizedWord() {
    XCTAssertEqual(sentences("Defense News hub.Fact Box"), ["Defense News hub.", "Fact Box"])
    XCTAssertEqual(sentences("crackdown on Hong Kong.Fact Box"), ["crackdown on Hong Kong.", "Fact Box"])
    XCTAssertEqual(sentences("The U.S.Army said so."), ["The U.S.Army said so."])
    XCTAssertEqual(sentences("Visit DotDotNews.com today."), ["Visit DotDotNews.com today."])
  }

  func testLowercaseAfterPeriodContinues() {
    XCTAssertEqual(sentences("Xi Jingping. talked on the phone."), ["Xi Jingping. talked on the phone."])
  }

  func testEmptyAndWhitespace() {
    XCTAssertEqual(splitter.split(""), [])
    XCTAssertEqual(splitter.split(" \n\n\t "), [])
    XCTAssertEqual(sentences("No final punctuation"), ["No final punctuation"])
  }

  func testSplitsAMegabyteQuickly() throws {
    let text = String(repeating: try FixtureFiles.text("seeds/001_8c3dacf5be8a7bb9.txt"), count: 150)
    let start = Date()
    let count = splitter.split(text).count
    let seconds = Date().timeIntervalSince(start)
    XCTAssertEqual(count, 48 * 150)
    // Generous even for debug builds; release runs far faster (see bench/results).
    XCTAssertLessThan(seconds, 5)
  }

  /// An initial after a hyphen is not a sentence end ("China-S." cut a headline in two before).
  func testInitialAfterHyphenStaysInside() {
    XCTAssertEqual(
      sentences("China-S. Korea FTA officially comes into force. It took years."),
      ["China-S. Korea FTA officially comes into force.", "It took years."])
  }

  /// Joined initials stay inside the sentence ("H.R. McMaster" split in two before); an
  /// abbreviation like "U.S." still ends one when a sentence opener follows.
  func testJoinedInitialsDoNotEndSentences() {
    XCTAssertEqual(
      sentences("Trump asked National Security Advisor H.R. McMaster to prepare a speech. It was done."),
      ["Trump asked National Security Advisor H.R. McMaster to prepare a speech.", "It was done."])
    XCTAssertEqual(
      sentences("He read J.R.R. Tolkien in Tokyo. Then he left."),
      ["He read J.R.R. Tolkien in Tokyo.", "Then he left."])
    XCTAssertEqual(sentences("They met in the U.S. The talks failed."), ["They met in the U.S.", "The talks failed."])
  }
}
