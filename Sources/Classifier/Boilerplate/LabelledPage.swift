import Features
import Foundation

/// A real page whose spans a reader marked as boilerplate or prose: what `BoilerplateDetector`
/// learns from. Stored one JSON object a line in `boilerplate.jsonl` beside the labels:
/// `{"id": ..., "outlet": ..., "text": ..., "boilerplate": [[start, end], ...]}`, ranges in UTF-8
/// bytes of `text`.
public struct LabelledPage: Codable, Equatable, Sendable {
  /// The page's id (a corpus id).
  public var id: String
  /// The outlet: cross-validation leaves whole outlets out.
  public var outlet: String
  /// The page text as scraped.
  public var text: String
  /// Byte ranges of the spans marked boilerplate.
  public var boilerplate: [[Int]]

  /// A page with every field given.
  public init(id: String, outlet: String, text: String, boilerplate: [[Int]]) {
    self.id = id
    self.outlet = outlet
    self.text = text
    self.boilerplate = boilerplate
  }

  /// The file name a labels directory keeps pages under (not read as sentence labels).
  public static let fileName = "boilerplate.jsonl"

  /// The pages of a `boilerplate.jsonl` file.
  /// - Throws: `LabelledDataError.malformed` naming the line of a record that does not decode.
  public static func read(_ path: String) throws -> [LabelledPage] {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw LabelledDataError.unreadable(file: path, reason: error.localizedDescription)
    }
    var pages: [LabelledPage] = []
    for (n, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
    where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
      do {
        let page = try JSONDecoder().decode(LabelledPage.self, from: Data(line))
        guard page.boilerplate.allSatisfy({ $0.count == 2 && $0[0] >= 0 && $0[0] <= $0[1] }) else {
          throw LabelledDataError.badLine(file: path, line: n + 1, problem: "boilerplate ranges must be [start, end]")
        }
        pages.append(page)
      } catch let error as LabelledDataError {
        throw error
      } catch {
        throw LabelledDataError.badLine(
          file: path, line: n + 1, problem: "not a page record {\"id\", \"outlet\", \"text\", \"boilerplate\"}")
      }
    }
    return pages
  }

  /// The page's sentences (as `SentenceSplitter` cuts them) and whether each is boilerplate: a
  /// span is when more than half of its bytes lie in marked ranges, so the marks survive small
  /// changes of the splitter.
  public func spans() -> (ranges: [Range<Int>], boilerplate: [Bool]) {
    let ranges = SentenceSplitter().split(text)
    let marked = boilerplate.map { $0[0]..<$0[1] }
    let flags = ranges.map { r in
      let covered = marked.reduce(0) {
        $0 + max(0, min($1.upperBound, r.upperBound) - max($1.lowerBound, r.lowerBound))
      }
      return 2 * covered > r.count
    }
    return (ranges, flags)
  }
}
