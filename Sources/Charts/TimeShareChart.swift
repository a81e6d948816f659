/// Shares of each series over time, as lines (one per series, markers at each period), over a
/// strip of grey bars that gives the count behind each period: a share of 3 items and a share
/// of 300 should not look equally certain. Periods without items leave a gap in the lines.
public struct TimeShareChart {
  /// The chart's title, drawn above the plot and used as its accessible name.
  public var title: String
  /// The series (labels), one line each.
  public var series: [ChartSeries]
  /// The periods' names in time order ("2021-03", "2021-W07"), one per column of `counts`.
  public var periods: [String]
  /// Counts per period and series: `counts[period][series]` (>= 0).
  public var counts: [[Int]]
  /// What the counts count ("articles").
  public var unit: String
  /// What a period is ("month"), for the time axis's title.
  public var periodName: String

  /// A chart of `counts` over `periods` (each a `periodName`), split by `series`.
  public init(
    title: String, series: [ChartSeries], periods: [String], counts: [[Int]], unit: String,
    periodName: String = "period"
  ) {
    self.title = title
    self.series = series
    self.periods = periods
    self.counts = counts
    self.unit = unit
    self.periodName = periodName
  }

  /// Layout constants, in user units.
  static let left = 64.0, right = 16.0, plotHeight = 170.0, stripHeight = 36.0

  /// The chart drawn `width` user units wide.
  public func render(width: Double = 760) -> SVGCanvas {
    let plotWidth = width - Self.left - Self.right
    var probe = SVGCanvas(width: width, height: 0, title: "")
    let legendHeight = probe.legend(series, x: Self.left, y: 0, maxWidth: plotWidth)
    let top = 24 + legendHeight + 6
    let stripTop = top + Self.plotHeight + 10
    let axisY = stripTop + Self.stripHeight
    let height = axisY + 44
    var svg = SVGCanvas(width: width, height: height, title: title)
    // Long titles (an outlet's full name) are cut to the chart's width, whole in their tooltip.
    svg.text(
      TextWidth.fit(title, width: width - Self.left - Self.right, size: 14.5), x: Self.left, y: 16, size: 14,
      weight: "600", tooltip: title)
    svg.legend(series, x: Self.left, y: 24, maxWidth: plotWidth)
    let n = max(1, periods.count)
    let step = plotWidth / Double(n)
    func x(_ p: Int) -> Double { Self.left + (Double(p) + 0.5) * step }
    func y(_ share: Double) -> Double { top + (1 - share) * Self.plotHeight }
    // Share axis: gridlines every 25%.
    for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
      svg.line(x1: Self.left, y1: y(tick), x2: Self.left + plotWidth, y2: y(tick), stroke: "#dddddd")
      svg.text(Percent.format(tick), x: Self.left - 6, y: y(tick) + 4, size: 11, anchor: .end)
    }
    svg.text(
      "share of \(unit)", x: 14, y: top + Self.plotHeight / 2, size: 11, anchor: .middle, rotate: -90)
    let totals = counts.map { $0.reduce(0, +) }
    // The count strip: grey bars scaled to the busiest period.
    let most = Double(totals.max() ?? 0)
    svg.text("\(unit)", x: Self.left - 6, y: stripTop + Self.stripHeight - 2, size: 10, anchor: .end, fill: "#555555")
    if most > 0 {
      svg.text(
        "max \(Int(most))", x: Self.left - 6, y: stripTop + 9, size: 10, anchor: .end, fill: "#555555")
      for (p, total) in totals.enumerated() where total > 0 {
        let h = Double(total) / most * (Self.stripHeight - 4)
        svg.rect(
          x: x(p) - max(1, step * 0.35), y: stripTop + Self.stripHeight - h, width: max(2, step * 0.7), height: h,
          fill: "#9a9a9a", tooltip: "\(periods[p]): \(total) \(unit)")
      }
    }
    svg.line(
      x1: Self.left, y1: stripTop + Self.stripHeight, x2: Self.left + plotWidth, y2: stripTop + Self.stripHeight,
      stroke: "#555555")
    // Time axis: labels evenly spread, as many as fit side by side.
    let widest = periods.map { TextWidth.estimate($0, size: 11) }.max() ?? 40
    let fitting = max(1, Int(plotWidth / (widest + 14)))
    let every = max(1, Int((Double(n) / Double(fitting)).rounded(.up)))
    for p in stride(from: 0, to: periods.count, by: every) {
      svg.line(x1: x(p), y1: axisY, x2: x(p), y2: axisY + 4, stroke: "#555555")
      svg.text(periods[p], x: x(p), y: axisY + 16, size: 11, anchor: .middle)
    }
    svg.text(periodName, x: Self.left + plotWidth / 2, y: axisY + 36, size: 11, anchor: .middle)
    // One line per series, broken where a period has nothing; a marker at every point, so that
    // a lone period still shows.
    for (s, line) in series.enumerated() {
      var run: [(x: Double, y: Double)] = []
      for p in periods.indices {
        guard p < counts.count, totals[p] > 0 else {
          svg.polyline(run, stroke: line.color)
          run = []
          continue
        }
        let count = s < counts[p].count ? counts[p][s] : 0
        run.append((x(p), y(Double(count) / Double(totals[p]))))
      }
      svg.polyline(run, stroke: line.color)
    }
    for (s, line) in series.enumerated() {
      for p in periods.indices where p < counts.count && totals[p] > 0 {
        let count = s < counts[p].count ? counts[p][s] : 0
        let share = Double(count) / Double(totals[p])
        svg.circle(
          cx: x(p), cy: y(share), r: 3, fill: line.color, stroke: "#ffffff",
          tooltip: "\(periods[p]): \(line.name) \(Percent.format(share)) (\(count) of \(totals[p]) \(unit))")
      }
    }
    return svg
  }
}
