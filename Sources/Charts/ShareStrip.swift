/// A single thin bar split into shares (an article's label scores): small enough to sit in a
/// line of text or a table cell.
public struct ShareStrip {
  /// The series (labels), in order.
  public var series: [ChartSeries]
  /// One value per series (>= 0); drawn as shares of their sum.
  public var values: [Double]

  /// A strip of `values` split by `series`.
  public init(series: [ChartSeries], values: [Double]) {
    self.series = series
    self.values = values
  }

  /// The strip, `width × height` user units; its title lists every share.
  public func render(width: Double = 180, height: Double = 12) -> SVGCanvas {
    let total = values.reduce(0) { $0 + max(0, $1) }
    let parts = zip(series, values).map { "\($0.name) \(Percent.format(total > 0 ? max(0, $1) / total : 0))" }
    var svg = SVGCanvas(width: width, height: height, title: "shares: " + parts.joined(separator: ", "))
    guard total > 0 else {
      svg.rect(x: 0, y: 0, width: width, height: height, fill: "#eeeeee")
      return svg
    }
    var x = 0.0
    for (s, value) in zip(series, values) where value > 0 {
      let w = value / total * width
      svg.rect(
        x: x, y: 0, width: w, height: height, fill: s.color, tooltip: "\(s.name) \(Percent.format(value / total))")
      x += w
    }
    return svg
  }
}
