import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `stance report`: a well-formed, self-contained page where every sentence appears with its label.
final class ReportCommandTests: ScratchDirectoryTestCase {
  /// Records with outlets and dates (two outlets, three months; one undated, one without outlet).
  let records = """
    {"id": "gt-1", "outlet": "Global Times", "date": "2023-01-05", "title": "Bloc confrontation", "text": "China firmly opposes the so-called Indo-Pacific strategy. The US clings to a Cold War mentality and bloc confrontation."}
    {"id": "gt-2", "outlet": "Global Times", "date": "2023-02-11", "text": "Washington smears China and interferes in its internal affairs. The ministers met on Monday."}
    {"id": "wh-1", "outlet": "White House", "date": "2023-01-20", "text": "The United States stands together with its allies. Our ironclad commitment to Japan deters aggression."}
    {"id": "wh-2", "outlet": "White House", "date": "2023-03-02T10:00:00Z", "text": "The President met the Prime Minister of Australia & New Zealand on <Tuesday>."}
    {"id": "x-1", "outlet": "Reuters", "date": "last spring", "text": "Critics doubt the alliance will hold, citing divergent interests and the costs to partners."}
    {"id": "x-2", "date": "2023-03-15", "text": "Officials said talks would resume next week."}

    """

  func testEverySentenceAppearsInPlaceWithItsLabel() throws {
    let report = path("seeds.html")
    let result = try CLI.run(["report", "-o", report] + CLI.seeds)
    XCTAssertEqual(result.status, 0, result.stderr)
    let page = try ParsedPage(contentsOf: report)
    // The same documents scored by `score`: each span must be in the page, in order, with its label.
    let scored = try CLI.run(["score", "--sentences", "--format", "jsonl"] + CLI.seeds).jsonLines()
    XCTAssertEqual(scored.count, 5)
    for (d, document) in scored.enumerated() {
      let article = try XCTUnwrap(page.elements.first { $0.attributes["id"] == "a\(d + 1)" }, "article \(d + 1)")
      XCTAssertEqual(article.name, "article")
      XCTAssertEqual(article.attributes["data-label"], document["label"] as? String)
      let text = try String(contentsOfFile: CLI.seeds[d], encoding: .utf8)
      let spans = page.elements.filter { $0.inside == article.index && $0.classes.contains("s") }
      let expected = try XCTUnwrap(document["spans"] as? [[String: Any]])
      XCTAssertEqual(spans.count, expected.count, "spans of \(CLI.seeds[d])")
      for (span, want) in zip(spans, expected) {
        let bytes = Array(text.utf8)[(want["start"] as! Int)..<(want["end"] as! Int)]
        XCTAssertEqual(span.text, String(decoding: bytes, as: UTF8.self))
        let boilerplate = want["boilerplate"] as? Bool ?? false
        XCTAssertEqual(span.attributes["data-label"], boilerplate ? "boilerplate" : want["label"] as? String)
        XCTAssertEqual(span.classes.contains("bp"), boilerplate)
        // Scores and n-grams on hover or focus: focusable, the tip naming the label.
        XCTAssertEqual(span.attributes["tabindex"], "0")
        if !boilerplate { XCTAssertTrue(span.attributes["data-tip"]!.hasPrefix(want["label"] as! String)) }
      }
    }
    try page.assertSelfContained()
    XCTAssertTrue(page.source.contains("models/stance.model (shipped)</code>"))
    // The model panel with the shipped model's cross-validation and reliability diagram.
    XCTAssertTrue(page.text.contains("Sentence labels in cross-validation"))
    // Where the article label goes wrong, outlet by outlet (the shipped model's judged folders).
    XCTAssertTrue(page.text.contains("Article labels by folder, out of fold"))
    XCTAssertTrue(page.text.contains("sea_media_china_2011-2024q3"))
    XCTAssertTrue(page.elements.contains { $0.name == "title" && $0.text.hasPrefix("Reliability of the top") })
  }

  func testCorpusViewGroupsAndDates() throws {
    let input = try write("corpus.jsonl", records)
    let report = path("corpus.html")
    let result = try CLI.run(
      [
        "report", "--model", CLI.model, "--by", "outlet", "--over", "date", "--period", "month", "--input", "jsonl",
        "-o", report,
      ],
      stdin: try Data(contentsOf: URL(fileURLWithPath: input)))
    XCTAssertEqual(result.status, 0, result.stderr)
    let page = try ParsedPage(contentsOf: report)
    try page.assertSelfContained()
    let titles = page.elements.filter { $0.name == "title" }.map(\.text)
    let texts = page.elements.filter { $0.name == "text" }.map(\.text)
    // Stacked bars per outlet, largest first, with counts; the record without outlet grouped apart.
    for n in ["n = 2", "n = 1"] { XCTAssertTrue(texts.contains(n), n) }
    XCTAssertTrue(texts.contains("Global Times") && texts.contains("White House") && texts.contains("(no outlet)"))
    // Three months, 5 dated documents (one date unreadable), one panel per dated group.
    XCTAssertTrue(page.text.contains("per month (set by --period, 2023-01 to 2023-03;"), page.text)
    XCTAssertTrue(page.text.contains("5 dated documents; 1 without a readable date"))
    for name in ["2023-01", "2023-02", "2023-03"] { XCTAssertTrue(texts.contains(name), name) }
    XCTAssertTrue(texts.contains("Global Times (2 dated)") && texts.contains("White House (2 dated)"))
    XCTAssertTrue(titles.contains("2023-01: 2 articles"), "\(titles)")
    // Every record has an article view; the record's & and <Tuesday> come out as written.
    XCTAssertEqual(page.elements.filter { $0.name == "article" }.count, 6)
    XCTAssertTrue(page.text.contains("Australia & New Zealand on <Tuesday>."))
    XCTAssertTrue(page.text.contains("Bloc confrontation"))  // the title member heads the article
  }

  func testLargeInputsShowTheMostStanceHeavyAndAnIndex() throws {
    let input = try write("corpus.jsonl", records)
    let report = path("r.html")
    let result = try CLI.run(
      ["report", "--model", CLI.model, "--articles", "2", "--most", "1", "-o", report, input])
    XCTAssertEqual(result.status, 0, result.stderr)
    let page = try ParsedPage(contentsOf: report)
    let articles = page.elements.filter { $0.name == "article" }
    // The 2 heaviest plus at most one per stance label (3 with the fixture model), no more.
    XCTAssertGreaterThanOrEqual(articles.count, 2)
    XCTAssertLessThan(articles.count, 6)
    XCTAssertTrue(page.text.contains("of 6 documents"))
    // Every in-page link (index, most-of-each-label lists) leads to an article on the page.
    let ids = Set(page.elements.compactMap { $0.attributes["id"] })
    let links = page.elements.compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("#a") }
    XCTAssertGreaterThanOrEqual(links.count, articles.count)
    for link in links { XCTAssertTrue(ids.contains(String(link.dropFirst())), link) }
  }

  func testSameBytesForAnyThreadCount() throws {
    // Enough records (work is shared out 8 documents a job) that several threads really share it.
    let lines = records.split(separator: "\n")
    var many = ""
    for i in 0..<90 {
      let line = lines[i % lines.count]
      many +=
        line.replacingOccurrences(of: "\"id\": \"", with: "\"id\": \"\(i)-")
        .replacingOccurrences(of: "2023-0", with: "202\(3 - i % 3)-0") + "\n"
    }
    let input = try write("corpus.jsonl", many)
    var pages: [Data] = []
    for threads in ["1", "2", "3"] {
      let report = path("t\(threads).html")
      let result = try CLI.run(
        ["report", "--model", CLI.model, "--by", "outlet", "--over", "date", "--threads", threads, "-o", report, input])
      XCTAssertEqual(result.status, 0, result.stderr)
      pages.append(try Data(contentsOf: URL(fileURLWithPath: report)))
    }
    XCTAssertEqual(pages[0], pages[1])
    XCTAssertEqual(pages[0], pages[2])
    let page = String(decoding: pages[0], as: UTF8.self)
    XCTAssertTrue(page.contains("90 documents"), page)
    XCTAssertTrue(page.contains("(chosen from the span, 2021-01 to 2023-03"), page)
  }

  func testThePageNamesTheModelTheLookupFound() throws {
    // No --model, no STANCE_MODEL: a project's ./models/stance.model is used, and named.
    let project = directory.appendingPathComponent("project")
    try FileManager.default.createDirectory(
      at: project.appendingPathComponent("models"), withIntermediateDirectories: true)
    let copy = project.appendingPathComponent("models/stance.model").path
    try FileManager.default.copyItem(atPath: CLI.model, toPath: copy)
    let report = path("project.html")
    let result = try CLI.run(["report", "-o", report, CLI.seeds[0]], in: project)
    XCTAssertEqual(result.status, 0, result.stderr)
    let page = try String(contentsOfFile: report, encoding: .utf8)
    let resolved = URL(fileURLWithPath: copy).resolvingSymlinksInPath().path
    XCTAssertTrue(
      page.contains("<code>\(resolved)</code>") || page.contains("<code>\(copy)</code>"), "\(resolved) not in page")
    XCTAssertFalse(page.contains("(shipped)"))
    let help = try CLI.run(["report", "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    XCTAssertTrue(help.contains("else ./models/stance.model (where train writes), else the shipped model"), help)
  }

  func testBadRecordNamesFileAndLineAndWritesNothing() throws {
    let input = try write("bad.jsonl", "{\"id\": 1, \"text\": \"Fine.\"}\n{\"id\": 2, \"txt\": \"no text\"}\n")
    let report = path("bad.html")
    let result = try CLI.run(["report", "--model", CLI.model, "-o", report, input])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("bad.jsonl:2: missing \"text\""), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: report))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp") }
    XCTAssertEqual(leftovers, [])
  }

  func testMissingOutputFolderFailsBeforeScoring() throws {
    let result = try CLI.run(["report", "--model", CLI.model, "-o", path("no/such/dir/r.html")] + CLI.seeds)
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("no such directory"), result.stderr)
    XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
  }
}

/// A report parsed as XML (the report is written as well-formed XHTML-compatible markup).
struct ParsedPage {
  struct Element {
    let index: Int
    let name: String
    let attributes: [String: String]
    var text: String
    /// The index of the nearest enclosing `article`, if any.
    let inside: Int?
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
  }

  var elements: [Element] = []
  /// All character data of the page, in order.
  var text = ""
  let source: String

  init(contentsOf path: String) throws {
    source = try String(contentsOfFile: path, encoding: .utf8)
    // XMLParser knows no HTML doctype; everything else must parse as it is.
    XCTAssertTrue(source.hasPrefix("<!DOCTYPE html>\n"))
    let body = String(source.dropFirst("<!DOCTYPE html>\n".count))
    let collector = Collector()
    let parser = XMLParser(data: Data(body.utf8))
    parser.delegate = collector
    let ok = parser.parse()
    XCTAssertTrue(ok, "not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
    elements = collector.elements
    text = collector.all
  }

  /// Nothing is fetched: no src, no links but in-page ones, no CSS url() or @import, at most one
  /// inline script.
  func assertSelfContained(file: StaticString = #filePath, line: UInt = #line) throws {
    for element in elements {
      XCTAssertNil(element.attributes["src"], "\(element.name) src", file: file, line: line)
      XCTAssertNil(element.attributes["xlink:href"], file: file, line: line)
      if let href = element.attributes["href"] {
        XCTAssertTrue(href.hasPrefix("#"), "external link \(href)", file: file, line: line)
      }
      XCTAssertFalse(["link", "img", "iframe", "object", "embed", "image", "use"].contains(element.name), element.name)
    }
    XCTAssertLessThanOrEqual(elements.filter { $0.name == "script" }.count, 1, file: file, line: line)
    let styles = elements.filter { $0.name == "style" }.map(\.text).joined()
    XCTAssertFalse(styles.contains("url(") || styles.contains("@import"), file: file, line: line)
    XCTAssertFalse(source.contains("url("), file: file, line: line)
  }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    var all = ""
    private var open: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String]
    ) {
      let article = open.last { elements[$0].name == "article" }
      elements.append(Element(index: elements.count, name: name, attributes: attributes, text: "", inside: article))
      open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      all += string
      // Text counts for the element it is in and for every span around it.
      for i in open where i == open.last || elements[i].name == "span" { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      open.removeLast()
    }
  }
}
