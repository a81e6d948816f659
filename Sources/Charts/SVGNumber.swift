/// Coordinates and lengths as SVG reads them: at most two decimals, no trailing zeros, no
/// exponent, a point whatever the locale (so the same chart gives the same bytes anywhere).
public enum SVGNumber {
  /// `value` rounded to 0.01; non-finite values (a bug upstream) are written as 0.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded()
    guard abs(hundredths) < 1e15 else { return "0" }
    let n = Int(hundredths)
    let sign = n < 0 ? "-" : ""
    let whole = abs(n) / 100
    let fraction = abs(n) % 100
    if fraction == 0 { return sign + String(whole) }
    if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
    return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }
}
