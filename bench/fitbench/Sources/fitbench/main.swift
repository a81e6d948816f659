// Fits stance's multinomial logistic regression on a CSR matrix dumped by bench/fit_dump.py,
// scores the test matrix and prints one JSON line (seconds, accuracy, objective, iterations).
// Usage: fitbench TRAIN.bin TEST.bin C THREADS [MAX_ITER] [TOL] [HISTORY]
import Classifier
import Dispatch
import Features
import Foundation

func load(_ path: String) throws -> (SparseMatrix, [Int32]) {
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  return try data.withUnsafeBytes { raw -> (SparseMatrix, [Int32]) in
    guard raw.count > 28, raw.loadUnaligned(as: UInt32.self) == 0x3152_5343 else {  // "CSR1"
      throw CocoaError(.fileReadCorruptFile)
    }
    let rows = Int(raw.loadUnaligned(fromByteOffset: 4, as: Int64.self))
    let columns = Int(raw.loadUnaligned(fromByteOffset: 12, as: Int64.self))
    let nnz = Int(raw.loadUnaligned(fromByteOffset: 20, as: Int64.self))
    var offset = 28
    func array<T>(_ count: Int, _: T.Type) -> [T] {
      let result = (0..<count).map { raw.loadUnaligned(fromByteOffset: offset + $0 * MemoryLayout<T>.size, as: T.self) }
      offset += count * MemoryLayout<T>.size
      return result
    }
    let rowOffsets = array(rows + 1, Int64.self).map { Int($0) }
    let indices = array(nnz, Int32.self)
    let values = array(nnz, Float.self)
    let labels = array(rows, Int32.self)
    let x = try SparseMatrix(columnCount: columns, rowOffsets: rowOffsets, columnIndices: indices, values: values)
    return (x, labels)
  }
}

func seconds(since start: DispatchTime) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 5, let c = Double(arguments[3]), let threads = Int(arguments[4]) else {
  FileHandle.standardError.write(
    "usage: fitbench TRAIN.bin TEST.bin C THREADS [MAX_ITER] [TOL] [HISTORY]\n".data(using: .utf8)!)
  exit(1)
}
let maxIterations = arguments.count > 5 ? Int(arguments[5]) ?? 1000 : 1000
let tolerance = arguments.count > 6 ? Double(arguments[6]) ?? 1e-4 : 1e-4
let history = arguments.count > 7 ? Int(arguments[7]) ?? 10 : 10
let (x, labels) = try load(arguments[1])
let (test, testLabels) = try load(arguments[2])
let classCount = Int(labels.max()!) + 1
var start = DispatchTime.now()
let (model, report) = try LogisticRegression.fit(
  x, labels: labels, classCount: classCount, sampleWeights: nil,
  // No class weights: scikit-learn's LogisticRegression default, so both minimize the same objective.
  options: TrainingOptions(
    c: c, classWeight: .none, maxIterations: maxIterations, tolerance: tolerance, threads: threads,
    historySize: history), warmStart: nil)
let fitSeconds = seconds(since: start)
start = DispatchTime.now()
let predicted = model.predict(test, threads: threads)
let predictSeconds = seconds(since: start)
let accuracy = Double(zip(predicted, testLabels).filter { $0 == $1 }.count) / Double(testLabels.count)
let objective = model.objective(x, labels: labels, exampleWeights: nil, c: c, threads: threads)
let result: [String: Any] = [
  "tool": "stance", "fit_seconds": fitSeconds, "predict_seconds": predictSeconds, "accuracy": accuracy,
  "iterations": report.iterations, "evaluations": report.evaluations, "objective": objective,
  "optimizer_objective": report.objective, "gradient": report.gradientNorm, "converged": report.converged,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(data: json, encoding: .utf8)!)
