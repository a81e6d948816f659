/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01, in UTC: no time zones or
/// locale, so the same dates give the same numbers on any machine. Used to order annotation
/// times and to bin dates into periods.
public enum CivilDate {
  /// Whether `year` (any integer, astronomical numbering) is a leap year.
  public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  /// The number of days (28 ... 31) of `month` (1 ... 12) in `year`.
  public static func daysIn(year: Int, month: Int) -> Int {
    [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  }

  /// Days from 1970-01-01 to `year`-`month`-`day` (month 1 ... 12, day 1 ... 31); negative before
  /// 1970 (Howard Hinnant's `days_from_civil`).
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date of day `days` (since 1970-01-01) as (year, month 1 ... 12, day 1 ... 31): the
  /// inverse of `daysFromCivil` (Hinnant's `civil_from_days`).
  public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
