/// Shares written as whole percentages for chart labels and tooltips.
enum Percent {
  /// `share` (0...1) as a whole percentage, "42%"; "-" for a non-finite share.
  static func format(_ share: Double) -> String {
    guard share.isFinite else { return "-" }
    return String(Int((share * 100).rounded())) + "%"
  }
}
