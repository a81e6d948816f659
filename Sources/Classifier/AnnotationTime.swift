/// A moment read from an ISO 8601 timestamp as annotation tools write them
/// (`2024-05-06T09:00:00.123456Z`, `2024-05-06T11:00:00+02:00`, `2024-05-06 09:00:00`), so that
/// two annotations compare by when they were made, not by how their text sorts: a fraction of
/// 3 or 6 digits, or an offset other than Z, puts text order wrong.
struct AnnotationTime: Comparable, Sendable {
  /// Whole seconds since 1970-01-01T00:00:00Z.
  let seconds: Int
  /// Nanoseconds within the second (0 ..< 1,000,000,000).
  let nanoseconds: Int

  /// The moment `text` names: a date `YYYY-MM-DD`, then `T` or a space and `hh:mm`, optional
  /// `:ss` and a fraction (`.` or `,`, any number of digits, read to the nanosecond), then an
  /// optional zone: `Z`, `±hh:mm`, `±hhmm` or `±hh` (none: UTC). A date alone is its midnight.
  /// Nil when the text is not such a timestamp or names an impossible date or time.
  init?(_ text: String) {
    let b = Array(text.utf8)
    var i = 0
    func number(_ digits: Int) -> Int? {
      guard i + digits <= b.count else { return nil }
      var value = 0
      for k in i..<(i + digits) {
        guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
        value = value * 10 + Int(b[k] - 0x30)
      }
      i += digits
      return value
    }
    func skip(_ c: Character) -> Bool {
      guard i < b.count, b[i] == c.asciiValue! else { return false }
      i += 1
      return true
    }
    guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2),
      (1...12).contains(month), (1...CivilDate.daysIn(year: year, month: month)).contains(day)
    else { return nil }
    var hour = 0
    var minute = 0
    var second = 0
    var nanos = 0
    var offset = 0
    if i < b.count {
      guard skip("T") || skip("t") || skip(" "), let h = number(2), skip(":"), let m = number(2), h < 24, m < 60
      else { return nil }
      (hour, minute) = (h, m)
      if skip(":") {
        // 60: a leap second, as ISO 8601 allows.
        guard let s = number(2), s <= 60 else { return nil }
        second = s
        if skip(".") || skip(",") {
          var scale = 100_000_000
          let start = i
          while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
            nanos += Int(b[i] - 0x30) * scale
            scale /= 10
            i += 1
          }
          guard i > start else { return nil }
        }
      }
      if skip("Z") || skip("z") {
      } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
        guard let h = number(2), h <= 23 else { return nil }
        var m = 0
        if i < b.count {
          _ = skip(":")
          guard let mm = number(2), mm < 60 else { return nil }
          m = mm
        }
        offset = sign * (h * 3600 + m * 60)
      }
      guard i == b.count else { return nil }
    }
    let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
    seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
    nanoseconds = nanos
  }

  static func < (a: AnnotationTime, b: AnnotationTime) -> Bool {
    a.seconds != b.seconds ? a.seconds < b.seconds : a.nanoseconds < b.nanoseconds
  }
}
