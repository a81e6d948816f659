import XCTest

@testable import Charts

final class ChartTests: XCTestCase {
  let series = [
    ChartSeries(name: "neutral", color: "#BBBBBB"), ChartSeries(name: "pro-alliance", color: "#0072B2"),
    ChartSeries(name: "state-media", color: "#D55E00"),
  ]

  func testCanvasEscapesTitleAndText() throws {
    var svg = SVGCanvas(width: 100, height: 50, title: "a < b & \"c\"")
    svg.text("x > y & z", x: 1, y: 2, tooltip: "t < u")
    svg.rect(x: 0, y: 0, width: 10, height: 10, fill: "#000000", tooltip: "<rect>")
    let elements = try parseSVG(svg.element)
    XCTAssertEqual(elements.first?.name, "svg")
    XCTAssertEqual(elements.named("title").map(\.text), ["a < b & \"c\"", "t < u", "<rect>"])
    XCTAssertEqual(elements.named("text").first?.text, "x > y & z")
    XCTAssertEqual(elements.first?.attributes["viewBox"], "0 0 100 50")
  }

  func testShareBarsSplitEachRowByItsCounts() throws {
    let chart = ShareBarChart(
      title: "labels by outlet", series: series,
      rows: [
        .init(name: "Outlet A", counts: [2, 6, 2]),
        .init(name: "A very long outlet name that cannot fit in the label column at all", counts: [0, 0, 5]),
      ], unit: "articles")
    let svg = chart.render(width: 700)
    let elements = try parseSVG(svg.element)
    let bars = elements.named("rect").filter { ($0.ancestors.last ?? "") == "svg" && $0.attributes["height"] == "20" }
    // Row A: three segments of 20%, 60%, 20%; row B: one segment of 100%.
    XCTAssertEqual(bars.count, 4)
    let widths = bars.map { $0.number("width") }
    XCTAssertEqual(widths[1] / widths[0], 3, accuracy: 0.01)
    XCTAssertEqual(widths[0] + widths[1] + widths[2], widths[3], accuracy: 0.02)
    XCTAssertEqual(bars[3].attributes["fill"], "#D55E00")
    let tooltips = elements.named("title").map(\.text)
    XCTAssertTrue(tooltips.contains("Outlet A: pro-alliance 60% (6 of 10 articles)"), "\(tooltips)")
    // The long name is cut on screen but whole in its tooltip; counts follow each bar.
    let texts = elements.named("text").map(\.text)
    XCTAssertTrue(texts.contains { $0.hasSuffix("…") && $0.hasPrefix("A very long") })
    XCTAssertTrue(tooltips.contains("A very long outlet name that cannot fit in the label column at all"))
    XCTAssertTrue(texts.contains("n = 10") && texts.contains("n = 5"))
    XCTAssertTrue(texts.contains("share of articles (%)"))
    XCTAssertTrue(texts.contains("60%"))
    // Every legend entry is there.
    for s in series { XCTAssertTrue(texts.contains(s.name), s.name) }
  }

  func testTimeSharesBreakAtEmptyPeriods() throws {
    let chart = TimeShareChart(
      title: "Outlet A", series: Array(series.prefix(2)), periods: ["2021-01", "2021-02", "2021-03", "2021-04"],
      counts: [[1, 3], [2, 2], [0, 0], [4, 0]], unit: "articles")
    let elements = try parseSVG(chart.render(width: 600).element)
    // Each series: one line over the first two periods; the lone last period is a marker only.
    let lines = elements.named("polyline")
    XCTAssertEqual(lines.count, 2)
    XCTAssertEqual(lines.map { $0.attributes["points"]!.split(separator: " ").count }, [2, 2])
    XCTAssertEqual(elements.named("circle").count, 3 * 2)
    let tooltips = elements.named("title").map(\.text)
    XCTAssertTrue(tooltips.contains("2021-01: pro-alliance 75% (3 of 4 articles)"), "\(tooltips)")
    XCTAssertTrue(tooltips.contains("2021-04: 4 articles"))
    XCTAssertFalse(tooltips.contains { $0.hasPrefix("2021-03:") })
    // Shares map onto the plot: 75% sits a quarter of the way down from the top of 170 units.
    let top = elements.named("circle").map { $0.number("cy") }.min()!
    let bottom = elements.named("circle").map { $0.number("cy") }.max()!
    XCTAssertEqual(bottom - top, 170, accuracy: 0.02)  // 100% (last period, neutral) to 0%
    let texts = elements.named("text").map(\.text)
    XCTAssertTrue(texts.contains("2021-01") && texts.contains("Outlet A") && texts.contains("share of articles"))
  }

  func testLongTimeChartTitlesAreCutWithTheWholeInTheTooltip() throws {
    let long = "The White House (whitehouse.gov briefing room) (537 dated articles of the corpus)"
    let chart = TimeShareChart(
      title: long, series: series, periods: ["2021"], counts: [[1, 1, 1]], unit: "articles", periodName: "year")
    let elements = try parseSVG(chart.render(width: 430).element)
    let heading = try XCTUnwrap(elements.named("text").first)
    XCTAssertTrue(heading.text.hasPrefix("The White House") && heading.text.hasSuffix("…"), heading.text)
    XCTAssertLessThan(heading.text.count, long.count)
    XCTAssertTrue(elements.named("title").map(\.text).contains(long))
    XCTAssertTrue(elements.named("text").map(\.text).contains("year"))
  }

  func testReliabilityPointsLandOnTheirCoordinates() throws {
    let diagram = ReliabilityDiagram(
      title: "reliability",
      curves: [
        (ChartSeries(name: "before", color: "#E69F00"), [.init(count: 10, confidence: 0.5, accuracy: 0.5)]),
        (
          ChartSeries(name: "after", color: "#0072B2"),
          [.init(count: 0, confidence: 0.3, accuracy: 0.1), .init(count: 4, confidence: 1, accuracy: 0)]
        ),
      ])
    let elements = try parseSVG(diagram.render(size: 200).element)
    let points = elements.named("circle")
    XCTAssertEqual(points.count, 2)  // the empty bin is not drawn
    XCTAssertEqual(points[0].number("cx"), 56 + 100, accuracy: 0.01)
    // The legend (two entries, one row) ends 20 units down, the plot 12 below it.
    XCTAssertEqual(points[0].number("cy"), 36 + 100, accuracy: 0.01)
    XCTAssertEqual(points[1].number("cx"), 256, accuracy: 0.01)
    XCTAssertEqual(points[1].number("cy"), 236, accuracy: 0.01)
    let texts = elements.named("text").map(\.text)
    XCTAssertTrue(texts.contains("mean top-label probability") && texts.contains("share correct"))
  }

  func testShareStripFillsItsWidth() throws {
    let strip = ShareStrip(series: series, values: [0.2, 0.5, 0.3])
    let elements = try parseSVG(strip.render(width: 200, height: 10).element)
    let rects = elements.named("rect")
    XCTAssertEqual(rects.map { $0.number("width") }.reduce(0, +), 200, accuracy: 0.03)
    XCTAssertEqual(rects[1].number("width"), 100, accuracy: 0.01)
    XCTAssertEqual(elements.first?.name, "svg")
    XCTAssertEqual(elements.named("title").first?.text, "shares: neutral 20%, pro-alliance 50%, state-media 30%")
  }
}
