import Features
import XCTest

final class TokenizerTests: XCTestCase {
  private let news = Tokenizer(pattern: .news)
  private let sklearn = Tokenizer(pattern: .scikitLearn)

  func testNewsKeepsNegationsAndEveryWord() {
    XCTAssertEqual(
      news.tokens("We are NOT against it, and no one will never say a word."),
      ["we", "are", "not", "against", "it", "and", "no", "one", "will", "never", "say", "a", "word"])
  }

  func testNewsKeepsCountryAbbreviationsWhole() {
    XCTAssertEqual(news.tokens("The U.S. and U.K. at the U.N."), ["the", "u.s.", "and", "u.k.", "at", "the", "u.n."])
    XCTAssertEqual(news.tokens("U.S.-China ties"), ["u.s.", "china", "ties"])
    XCTAssertEqual(news.tokens("e.g. this"), ["e.g.", "this"])
    XCTAssertEqual(news.tokens("J. Smith"), ["j", "smith"])
  }

  func testNewsKeepsInternalHyphensAndApostrophes() {
    XCTAssertEqual(
      news.tokens("A Cold-War mentality, China’s view, don't -x y-"),
      ["a", "cold-war", "mentality", "china's", "view", "don't", "x", "y"])
    XCTAssertEqual(news.tokens("'quoted' words"), ["quoted", "words"])
  }

  func testNewsKeepsNumbers() {
    XCTAssertEqual(
      news.tokens("$586.72 billion, 8.3 percent, 1,000 troops in 2020."),
      ["586.72", "billion", "8.3", "percent", "1,000", "troops", "in", "2020"])
  }

  func testNewsNormalizesCompatibilityFormsAndQuotes() {
    // NFKC: the "ﬁ" ligature and full-width letters; curly quotes fold to ASCII.
    XCTAssertEqual(news.tokens("ﬁne ＵＳ “so-called” ‘hegemony’"), ["fine", "us", "so-called", "hegemony"])
    XCTAssertEqual(news.tokens("Café naïve"), ["café", "naïve"])
  }

  func testNewsHandlesOtherScripts() {
    XCTAssertEqual(news.tokens("北京 Москва"), ["北京", "москва"])
  }

  func testScikitLearnPattern() {
    // Two or more word characters; single letters and punctuation dropped; underscores kept.
    XCTAssertEqual(sklearn.tokens("The U.S. isn't a snake_case 3.5% x"), ["the", "isn", "snake_case"])
    XCTAssertEqual(sklearn.tokens("Cold-War"), ["cold", "war"])
    XCTAssertEqual(sklearn.tokens(""), [])
  }

  func testASCIIAndUnicodePathsAgree() {
    // The same words through the ASCII fast path and through the Unicode path.
    let ascii = sklearn.tokens("Beijing opposes bloc confrontation")
    let unicode = sklearn.tokens("Beijing opposes bloc confrontation é")
    XCTAssertEqual(Array(unicode.prefix(4)), ascii)
  }
}
