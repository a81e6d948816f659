#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One series of a chart (a label, in stance's charts): its name in the legend and its colour.
public struct ChartSeries: Equatable, Sendable {
  /// The name shown in the legend and tooltips.
  public var name: String
  /// A CSS colour as `#RRGGBB`.
  public var color: String

  /// A series named `name` drawn in `color` (`#RRGGBB`).
  public init(name: String, color: String) {
    self.name = name
    self.color = color
  }
}

/// Colour arithmetic the charts need to keep text legible.
public enum ChartColor {
  /// Relative luminance (WCAG 2, 0 black ... 1 white) of `#RRGGBB`; 0 for anything else.
  public static func luminance(_ hex: String) -> Double {
    let digits = Array(hex.utf8.dropFirst())
    guard hex.hasPrefix("#"), digits.count == 6 else { return 0 }
    func channel(_ i: Int) -> Double {
      let text = String(decoding: digits[(2 * i)..<(2 * i + 2)], as: UTF8.self)
      let c = Double(Int(text, radix: 16) ?? 0) / 255
      return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
  }

  /// The contrast ratio (1 ... 21) between two `#RRGGBB` colours.
  public static func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  /// Black or white, whichever reads better on `background` (`#RRGGBB`).
  public static func text(on background: String) -> String {
    contrast(background, "#000000") >= contrast(background, "#FFFFFF") ? "#000000" : "#FFFFFF"
  }
}
