/// A CSV file read as RFC 4180 says: fields separated by commas, records by line ends (CRLF or
/// LF), a field in double quotes may hold commas, line ends and doubled quotes (`""`).
///
/// Written here rather than taken from a package: the CSV readers at hand accept an
/// unterminated quote by reading to the end of the file and give no line numbers, and a labels
/// file's errors must name their line. Lenient where the meaning is plain: a quote inside an
/// unquoted field (`5" screen`) is kept as text, and blank lines are skipped.
public enum CSVTable {
  /// One record: its fields and the 1-based line it starts on.
  public struct Record: Equatable, Sendable {
    /// The line of the file the record starts on (a quoted field may carry it over several).
    public var line: Int
    /// The fields, unquoted.
    public var fields: [String]
  }

  /// Why a file is not CSV: the line and what is wrong.
  public struct Problem: Error, Equatable, Sendable {
    /// The 1-based line at fault.
    public var line: Int
    /// What is wrong there.
    public var message: String
  }

  /// The records of `text`, in order (a header is the first record).
  /// - Throws: `Problem` for a quoted field that never ends, or text after a closing quote.
  public static func records(_ text: String) throws -> [Record] {
    var records: [Record] = []
    let bytes = Array(text.utf8)
    let n = bytes.count
    var i = 0
    var line = 1
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    func isLineEnd(_ j: Int) -> Bool { bytes[j] == lf || (bytes[j] == cr && j + 1 < n && bytes[j + 1] == lf) }
    while i < n {
      if isLineEnd(i) {  // a blank line
        i += bytes[i] == cr ? 2 : 1
        line += 1
        continue
      }
      let start = line
      var fields: [String] = []
      while true {
        var field: [UInt8] = []
        if i < n && bytes[i] == quote {
          let opened = line
          i += 1
          while true {
            guard i < n else { throw Problem(line: opened, message: "a quoted field that never ends (a missing \")") }
            let b = bytes[i]
            if b == quote {
              if i + 1 < n && bytes[i + 1] == quote {
                field.append(quote)
                i += 2
                continue
              }
              i += 1
              break
            }
            if b == lf { line += 1 }
            field.append(b)
            i += 1
          }
          guard i == n || bytes[i] == comma || isLineEnd(i) else {
            throw Problem(
              line: line, message: "text after a closing quote (a quote inside a quoted field is written \"\")")
          }
        } else {
          while i < n && bytes[i] != comma && !isLineEnd(i) {
            field.append(bytes[i])
            i += 1
          }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        if i < n && bytes[i] == comma {
          i += 1
          continue
        }
        if i < n {
          i += bytes[i] == cr ? 2 : 1
          line += 1
        }
        break
      }
      records.append(Record(line: start, fields: fields))
    }
    return records
  }
}
