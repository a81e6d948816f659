import Classifier
@testable import LinearModel
import Features
import Foundation

/// The scikit-learn golden files written by tools/golden_classifier.py.
struct GoldenData: Decodable {
  struct CSR: Decodable {
    var rowOffsets: [Int]
    var columnIndices: [Int32]
    var values: [Float]
  }
  var classes: [String]
  var featureCount: Int
  var train: CSR
  var trainLabels: [Int32]
  var test: CSR
  var testLabels: [Int32]

  static func load() throws -> GoldenData {
    try JSONDecoder().decode(GoldenData.self, from: fixture("golden_classifier_data.json"))
  }

  func matrix(_ csr: CSR) throws -> SparseMatrix {
    try SparseMatrix(
      columnCount: featureCount, rowOffsets: csr.rowOffsets, columnIndices: csr.columnIndices, values: csr.values)
  }
}

/// scikit-learn's fit at one C.
struct GoldenFit: Decodable {
  var c: Double
  var iterations: Int
  var objective: Double
  var weights: [Double]
  var intercepts: [Double]
  var predictions: [Int32]
  var probabilities: [Double]

  static func load(c: Int) throws -> GoldenFit {
    try JSONDecoder().decode(GoldenFit.self, from: fixture("golden_classifier_c\(c).json"))
  }
}

func fixture(_ name: String) throws -> Data {
  guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  return try Data(contentsOf: url)
}

/// A random sparse matrix and labels from a seeded generator, big enough for several chunks.
func syntheticProblem(rows: Int, features: Int, perRow: Int, classes: Int, seed: UInt64) -> (SparseMatrix, [Int32]) {
  var generator = SplitMix64(seed: seed)
  var x = SparseMatrix(columnCount: features)
  var labels: [Int32] = []
  for _ in 0..<rows {
    let label = Int(generator.next() % UInt64(classes))
    var columns = Set<Int32>()
    while columns.count < perRow {
      // Each class prefers its own band of features, so the problem is learnable.
      let band = generator.next() % 3 == 0 ? UInt64(features) : UInt64(features / classes)
      let offset = band == UInt64(features) ? 0 : label * (features / classes)
      columns.insert(Int32(offset + Int(generator.next() % band)))
    }
    let sorted = columns.sorted()
    let values = sorted.map { _ in Float(generator.next() % 1000 + 1) / 1000 }
    let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    x.appendRow(zip(sorted, values.map { $0 / norm }).map { ($0, $1) })
    labels.append(Int32(label))
  }
  return (x, labels)
}
