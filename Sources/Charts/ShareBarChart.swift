/// Horizontal 100% stacked bars: one bar per row (a group, such as an outlet), split into the
/// shares of each series (label), with the row's count written after the bar.
public struct ShareBarChart {
  /// One bar: its name and its count per series (in series order).
  public struct Row: Equatable, Sendable {
    /// The row's name (shortened with an ellipsis when long; the tooltip keeps it whole).
    public var name: String
    /// Counts per series, in series order (>= 0).
    public var counts: [Int]

    /// A row named `name` with `counts` per series.
    public init(name: String, counts: [Int]) {
      self.name = name
      self.counts = counts
    }
  }

  /// The chart's accessible title.
  public var title: String
  /// The series, in stacking order (left to right).
  public var series: [ChartSeries]
  /// The bars, top to bottom.
  public var rows: [Row]
  /// What the counts count ("articles"), for the count column and tooltips.
  public var unit: String

  /// A chart of `rows` split by `series`.
  public init(title: String, series: [ChartSeries], rows: [Row], unit: String) {
    self.title = title
    self.series = series
    self.rows = rows
    self.unit = unit
  }

  /// Layout constants, in user units.
  static let barHeight = 20.0, gap = 7.0, labelSize = 12.0, countWidth = 84.0

  /// The chart drawn `width` user units wide (its height follows from the rows).
  public func render(width: Double = 760) -> SVGCanvas {
    let labelWidth = min(230, max(60, (rows.map { TextWidth.estimate($0.name, size: Self.labelSize) }.max() ?? 0) + 10))
    let left = labelWidth + 8
    let plotWidth = max(100, width - left - Self.countWidth)
    var legendProbe = SVGCanvas(width: width, height: 0, title: "")
    let legendHeight = legendProbe.legend(series, x: left, y: 0, maxWidth: plotWidth)
    let top = legendHeight + 8
    let plotHeight = Double(rows.count) * (Self.barHeight + Self.gap)
    let height = top + plotHeight + 46
    var svg = SVGCanvas(width: width, height: height, title: title)
    svg.legend(series, x: left, y: 4, maxWidth: plotWidth)
    // Grid and axis first, bars over them.
    for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
      let x = left + tick * plotWidth
      svg.line(x1: x, y1: top - 2, x2: x, y2: top + plotHeight, stroke: "#d0d0d0")
      svg.text(Percent.format(tick), x: x, y: top + plotHeight + 16, size: 11, anchor: .middle)
    }
    svg.text(
      "share of \(unit) (%)", x: left + plotWidth / 2, y: top + plotHeight + 36, size: 12, anchor: .middle)
    for (r, row) in rows.enumerated() {
      let y = top + Double(r) * (Self.barHeight + Self.gap)
      let total = row.counts.reduce(0, +)
      svg.text(
        TextWidth.fit(row.name, width: labelWidth, size: Self.labelSize), x: left - 8, y: y + 14,
        size: Self.labelSize, anchor: .end, tooltip: row.name)
      var x = left
      for (s, count) in row.counts.enumerated() where s < series.count && count > 0 && total > 0 {
        let share = Double(count) / Double(total)
        let w = share * plotWidth
        svg.rect(
          x: x, y: y, width: w, height: Self.barHeight, fill: series[s].color,
          tooltip: "\(row.name): \(series[s].name) \(Percent.format(share)) (\(count) of \(total) \(unit))")
        if w >= 34 {
          svg.text(
            Percent.format(share), x: x + w / 2, y: y + 14, size: 11, anchor: .middle,
            fill: ChartColor.text(on: series[s].color))
        }
        x += w
      }
      svg.text("n = \(total)", x: left + plotWidth + 8, y: y + 14, size: 12)
    }
    return svg
  }
}
