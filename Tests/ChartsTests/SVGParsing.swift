import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One element of a parsed SVG: its name, attributes and the text directly inside it.
struct ParsedElement {
  var name: String
  var attributes: [String: String]
  var text: String
  /// Names of the elements it sits in, outermost first.
  var ancestors: [String]
}

/// Parses `markup` as XML; fails the test when it is not well-formed.
func parseSVG(_ markup: String, file: StaticString = #filePath, line: UInt = #line) throws -> [ParsedElement] {
  let collector = ElementCollector()
  let parser = XMLParser(data: Data(markup.utf8))
  parser.delegate = collector
  let ok = parser.parse()
  XCTAssertTrue(ok, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")", file: file, line: line)
  if !ok { throw XCTSkip("unparseable") }
  return collector.elements
}

final class ElementCollector: NSObject, XMLParserDelegate {
  var elements: [ParsedElement] = []
  private var open: [Int] = []

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    let ancestors = open.map { elements[$0].name }
    elements.append(ParsedElement(name: name, attributes: attributes, text: "", ancestors: ancestors))
    open.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let last = open.last { elements[last].text += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    open.removeLast()
  }
}

extension Array where Element == ParsedElement {
  func named(_ name: String) -> [ParsedElement] { filter { $0.name == name } }
}

extension ParsedElement {
  func number(_ attribute: String) -> Double { Double(attributes[attribute] ?? "") ?? .nan }
}
