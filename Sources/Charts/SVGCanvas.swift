/// An SVG drawing built element by element, written as one `<svg>` element (inline in HTML,
/// or a standalone file with `document`). Text and attribute values are escaped; coordinates
/// are in user units (CSS pixels at the default scale), origin top left, y downwards.
public struct SVGCanvas {
  /// Width and height of the drawing, in user units.
  public let width: Double, height: Double
  /// The accessible name of the drawing (`<title>`, read by screen readers, shown on hover).
  public let title: String
  private var body = ""

  /// An empty drawing of `width × height` user units named `title`.
  public init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    self.title = title
  }

  /// How text lines up with its x coordinate.
  public enum Anchor: String {
    case start, middle, end
  }

  /// A filled rectangle; `tooltip` becomes its `<title>` (shown on hover).
  public mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, tooltip: String? = nil
  ) {
    body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\""
    body += " fill=\"\(Markup.escape(fill))\""
    if let stroke { body += " stroke=\"\(Markup.escape(stroke))\"" }
    close(tooltip, element: "rect")
  }

  /// A straight line; `dash` is an SVG dash pattern ("4 3") or nil for a solid line.
  public mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil
  ) {
    body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(Markup.escape(stroke))\""
    body += " stroke-width=\"\(n(width))\""
    if let dash { body += " stroke-dasharray=\"\(Markup.escape(dash))\"" }
    body += "/>"
  }

  /// An open line through `points` (nothing for fewer than two).
  public mutating func polyline(
    _ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil
  ) {
    guard points.count >= 2 else { return }
    let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
    body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(Markup.escape(stroke))\""
    body += " stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
    if let dash { body += " stroke-dasharray=\"\(Markup.escape(dash))\"" }
    body += "/>"
  }

  /// A closed, filled shape through `points` (nothing for fewer than three).
  public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, tooltip: String? = nil) {
    guard points.count >= 3 else { return }
    let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
    body += "<polygon points=\"\(list)\" fill=\"\(Markup.escape(fill))\""
    close(tooltip, element: "polygon")
  }

  /// A filled circle of radius `r`.
  public mutating func circle(
    cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil
  ) {
    body += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(Markup.escape(fill))\""
    if let stroke { body += " stroke=\"\(Markup.escape(stroke))\"" }
    close(tooltip, element: "circle")
  }

  /// A line of text at baseline `y`; `size` in user units, `rotate` in degrees about (x, y).
  public mutating func text(
    _ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, fill: String = "#222",
    weight: String? = nil, rotate: Double? = nil, tooltip: String? = nil
  ) {
    body += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
    if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
    if fill != "#222" { body += " fill=\"\(Markup.escape(fill))\"" }
    if let weight { body += " font-weight=\"\(Markup.escape(weight))\"" }
    if let rotate { body += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
    body += ">"
    if let tooltip { body += "<title>\(Markup.escape(tooltip))</title>" }
    body += Markup.escape(content) + "</text>"
  }

  /// The drawing as an inline `<svg>` element for HTML (which needs no namespace), scaled
  /// down to a narrower container by its `viewBox`, its `title` first for screen readers.
  public var element: String {
    "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\""
      + " height=\"\(n(height))\" role=\"img\" font-family=\"system-ui, sans-serif\">"
      + "<title>\(Markup.escape(title))</title>" + body + "</svg>"
  }

  /// Ends the element opened last: empty, or holding its tooltip.
  private mutating func close(_ tooltip: String?, element: String) {
    if let tooltip {
      body += "><title>\(Markup.escape(tooltip))</title></\(element)>"
    } else {
      body += "/>"
    }
  }

  private func n(_ value: Double) -> String { SVGNumber.format(value) }
}
