import Classifier

/// Calendar days and the periods (week, month, quarter, year) the time charts bin them into.
/// Plain proleptic Gregorian arithmetic in UTC: no time zones or locale, so the same dates give
/// the same bins on any machine.
enum Period: String, CaseIterable {
  case auto, week, month, quarter, year

  /// A day as days since 1970-01-01 from a date written `YYYY-MM-DD` (anything after the day, such
  /// as `T12:00:00Z`, is ignored) or `YYYY-MM` (the first of the month); nil for anything else.
  static func day(from text: String) -> Int? {
    let b = Array(text.utf8.prefix(10))
    func digits(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= b.count else { return nil }
      var value = 0
      for i in range {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        value = value * 10 + Int(b[i] - 0x30)
      }
      return value
    }
    guard let year = digits(0..<4), b.count >= 7, b[4] == UInt8(ascii: "-"), let month = digits(5..<7),
      (1...12).contains(month)
    else { return nil }
    var day = 1
    if b.count >= 10 {
      guard b[7] == UInt8(ascii: "-"), let d = digits(8..<10), d >= 1, d <= CivilDate.daysIn(year: year, month: month)
      else {
        return nil
      }
      day = d
    } else if b.count != 7 {
      return nil
    }
    return CivilDate.daysFromCivil(year: year, month: month, day: day)
  }

  /// The finest period that gives at most `limit` bins over days `first ... last`.
  static func chosen(first: Int, last: Int, limit: Int = 60) -> Period {
    for period in [Period.week, .month, .quarter] where period.bin(last) - period.bin(first) + 1 <= limit {
      return period
    }
    return .year
  }

  /// The bin number of day `days` (consecutive bins differ by 1).
  func bin(_ days: Int) -> Int {
    let (y, m, _) = CivilDate.civil(days)
    switch self {
    // 1970-01-01 was a Thursday: weeks start on Monday, 1969-12-29 (day -3).
    case .week, .auto: return (days + 3 >= 0 ? days + 3 : days - 3) / 7
    case .month: return y * 12 + (m - 1)
    case .quarter: return y * 4 + (m - 1) / 3
    case .year: return y
    }
  }

  /// The name of bin `bin`: `2021-03-01` (the Monday a week starts on), `2021-03`, `2021 Q1`, `2021`.
  func name(_ bin: Int) -> String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    switch self {
    case .week, .auto:
      let (y, m, d) = CivilDate.civil(bin * 7 - 3)
      return "\(y)-\(two(m))-\(two(d))"
    case .month: return "\(bin / 12)-\(two(bin % 12 + 1))"
    case .quarter: return "\(bin / 4) Q\(bin % 4 + 1)"
    case .year: return "\(bin)"
    }
  }

  /// How the period reads in a sentence ("by month").
  var noun: String { self == .auto ? "week" : rawValue }
}
