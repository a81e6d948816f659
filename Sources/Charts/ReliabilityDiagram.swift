/// A reliability diagram: for predictions binned by their top probability, the mean probability
/// against the share that was right, before and after calibration. Points on the diagonal are
/// calibrated; below it, over-confident.
public struct ReliabilityDiagram {
  /// One bin of predictions.
  public struct Bin: Equatable, Sendable {
    /// Predictions in the bin (bins without any are not drawn).
    public var count: Int
    /// Their mean top probability (0...1).
    public var confidence: Double
    /// The share of them whose top label was right (0...1).
    public var accuracy: Double

    /// A bin of `count` predictions.
    public init(count: Int, confidence: Double, accuracy: Double) {
      self.count = count
      self.confidence = confidence
      self.accuracy = accuracy
    }
  }

  /// The chart's accessible title.
  public var title: String
  /// Each curve: its series (name, colour) and bins.
  public var curves: [(series: ChartSeries, bins: [Bin])]

  /// A diagram of `curves` (e.g. before and after calibration).
  public init(title: String, curves: [(series: ChartSeries, bins: [Bin])]) {
    self.title = title
    self.curves = curves
  }

  /// The diagram, a square plot `size` user units wide with room for its axes.
  public func render(size: Double = 300) -> SVGCanvas {
    let left = 56.0
    var probe = SVGCanvas(width: 0, height: 0, title: "")
    let top = 4 + probe.legend(curves.map(\.series), x: left, y: 0, maxWidth: size) + 12
    let width = left + size + 20
    let height = top + size + 50
    var svg = SVGCanvas(width: width, height: height, title: title)
    svg.legend(curves.map(\.series), x: left, y: 4, maxWidth: size)
    func x(_ v: Double) -> Double { left + v * size }
    func y(_ v: Double) -> Double { top + (1 - v) * size }
    for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
      svg.line(x1: x(tick), y1: y(0), x2: x(tick), y2: y(1), stroke: "#e4e4e4")
      svg.line(x1: x(0), y1: y(tick), x2: x(1), y2: y(tick), stroke: "#e4e4e4")
      svg.text(SVGNumber.format(tick), x: x(tick), y: y(0) + 15, size: 11, anchor: .middle)
      svg.text(SVGNumber.format(tick), x: x(0) - 6, y: y(tick) + 4, size: 11, anchor: .end)
    }
    svg.line(x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: "#777777", dash: "4 3")
    svg.text("mean top-label probability", x: x(0.5), y: y(0) + 34, size: 12, anchor: .middle)
    svg.text("share correct", x: 14, y: y(0.5), size: 12, anchor: .middle, rotate: -90)
    for curve in curves {
      let points = curve.bins.filter { $0.count > 0 }
      svg.polyline(points.map { (x($0.confidence), y($0.accuracy)) }, stroke: curve.series.color)
      for bin in points {
        svg.circle(
          cx: x(bin.confidence), cy: y(bin.accuracy), r: 3.5, fill: curve.series.color, stroke: "#ffffff",
          tooltip:
            "\(curve.series.name): \(bin.count) predictions, mean probability "
            + "\(SVGNumber.format(bin.confidence)), \(Percent.format(bin.accuracy)) correct")
      }
    }
    return svg
  }
}
