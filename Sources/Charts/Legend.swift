extension SVGCanvas {
  /// A one-row legend of `series` (swatch and name) from (x, y) on, wrapping within `maxWidth`;
  /// returns the height it took.
  @discardableResult
  mutating func legend(_ series: [ChartSeries], x: Double, y: Double, maxWidth: Double, size: Double = 12) -> Double {
    var cx = x
    var cy = y
    for s in series {
      let width = 14 + 6 + TextWidth.estimate(s.name, size: size) + 18
      if cx > x && cx + width > x + maxWidth {
        cx = x
        cy += size + 8
      }
      rect(x: cx, y: cy, width: 14, height: size, fill: s.color)
      text(s.name, x: cx + 20, y: cy + size - 2, size: size)
      cx += width
    }
    return cy - y + size + 8
  }
}

/// Rough text widths for layout (no font metrics here): good enough to leave room for labels.
enum TextWidth {
  /// The width of `text` at font size `size` in a sans-serif face, a little generous.
  static func estimate(_ text: String, size: Double) -> Double {
    Double(text.count) * size * 0.56
  }

  /// `text` cut to fit `width` at `size`, with an ellipsis when cut.
  static func fit(_ text: String, width: Double, size: Double) -> String {
    let most = Int(width / (size * 0.56))
    guard text.count > most, most > 1 else { return text }
    return String(text.prefix(most - 1)) + "…"
  }
}
