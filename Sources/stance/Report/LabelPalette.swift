import Charts

/// The colours of the labels in the report: the Okabe-Ito palette (Okabe & Ito 2008, "Color
/// Universal Design"), chosen to stay apart for the common forms of colour blindness, with the
/// label of reporting without stance (neutral) in grey so that the stances stand out.
///
/// The shipped model's labels get neutral grey #BBBBBB, pro-alliance blue #0072B2, skeptical
/// orange #E69F00 and state-media vermillion #D55E00; further labels take Okabe-Ito's reddish
/// purple, bluish green, sky blue and yellow in model order. Colour is never the only cue: each
/// stance label also has its own underline style in the article view, and its name in every
/// tooltip and details row.
struct LabelPalette {
  /// Okabe-Ito colours for the stance labels, in the order they are handed out.
  static let okabeIto = ["#0072B2", "#E69F00", "#D55E00", "#CC79A7", "#009E73", "#56B4E9", "#F0E442"]
  /// The colour of the neutral label.
  static let neutralGrey = "#BBBBBB"
  /// Underline styles handed out with the colours (neutral has none).
  static let underlines = ["solid", "dashed", "dotted", "double", "solid", "dashed", "dotted"]

  let labels: [String]
  /// `#RRGGBB` per label, in model order.
  let colors: [String]
  /// A CSS border style per label ("none" for neutral).
  let underline: [String]
  /// The neutral label's index, if the model has it.
  let neutral: Int?

  /// Colours for `labels` (model order), `neutralLabel` in grey.
  init(labels: [String], neutralLabel: String?) {
    self.labels = labels
    neutral = neutralLabel.flatMap { labels.firstIndex(of: $0) }
    var colors: [String] = []
    var underline: [String] = []
    var next = 0
    for c in labels.indices {
      if c == neutral {
        colors.append(Self.neutralGrey)
        underline.append("none")
      } else {
        colors.append(Self.okabeIto[next % Self.okabeIto.count])
        underline.append(Self.underlines[next % Self.underlines.count])
        next += 1
      }
    }
    self.colors = colors
    self.underline = underline
  }

  /// The labels as chart series, in model order.
  var series: [ChartSeries] { zip(labels, colors).map { ChartSeries(name: $0, color: $1) } }

  /// The background of a sentence won by `label` with probability `p`: the label's colour, the
  /// more opaque the surer (neutral paler, so that stance sentences stand out).
  func background(label: Int, probability p: Float) -> String {
    let k = Float(max(2, labels.count))
    let certainty = max(0, min(1, (p - 1 / k) / (1 - 1 / k)))
    let alpha = (label == neutral ? 0.10 + 0.25 * certainty : 0.18 + 0.50 * certainty)
    let hex = Array(colors[label].utf8.dropFirst())
    func channel(_ i: Int) -> Int { Int(String(decoding: hex[(2 * i)..<(2 * i + 2)], as: UTF8.self), radix: 16) ?? 0 }
    return "rgba(\(channel(0)),\(channel(1)),\(channel(2)),\(Fixed.format(Double(alpha), digits: 2)))"
  }
}
