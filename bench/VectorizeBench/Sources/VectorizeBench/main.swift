// Times Features on a TSV file (columns id, label, text; header line) and prints one JSON object.
//   VectorizeBench FILE [--features word|default] [--pattern news|scikitLearn] [--threads N] [--runs N]
//                       [--char 2-5] [--word off] [--fit-only]
// Times: fitTransform, transform alone, sentence splitting. `--features word` (the default here): word
// 1-2 grams, min_df 2, sublinear tf, scikit-learn's tokens. `--features default`: FeatureSettings(), the
// settings `stance train` runs with when given no feature flags (word 1-2 and character 2-5 grams within
// words, news tokens, min_df 1, sublinear tf); --pattern still chooses the tokens.
import Dispatch
import Features
import Foundation

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
/// CPU seconds (user + system) of the whole process, all threads.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
    + Double(usage.ru_stime.tv_usec) / 1e6
}

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
guard let path = arguments.first else {
  FileHandle.standardError.write(
    "usage: VectorizeBench FILE [--pattern P] [--threads N] [--runs N]\n".data(using: .utf8)!)
  exit(1)
}
let productDefaults = option("--features") == "default"
let pattern =
  TokenPattern(rawValue: option("--pattern") ?? "")
  ?? (productDefaults ? FeatureSettings().tokenPattern : .scikitLearn)
let threads = Int(option("--threads") ?? "") ?? FixedChunks.defaultThreads
let runs = Int(option("--runs") ?? "") ?? 1
var charNGrams: ClosedRange<Int>? = nil
if let c = option("--char") {
  let parts = c.split(separator: "-").compactMap { Int($0) }
  charNGrams = parts[0]...parts[1]
}
let wordNGrams: ClosedRange<Int>? = option("--word") == "off" ? nil : 1...2

let raw = try String(contentsOfFile: path, encoding: .utf8)
var texts: [String] = []
for (i, line) in raw.split(separator: "\n", omittingEmptySubsequences: true).enumerated() where i > 0 {
  let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
  texts.append(fields.count == 3 ? String(fields[2]) : "")
}
let bytes = texts.reduce(0) { $0 + $1.utf8.count }
var settings = FeatureSettings(
  tokenPattern: pattern, wordNGrams: wordNGrams, charNGrams: charNGrams, minDF: .count(2), sublinearTF: true)
if productDefaults {
  settings = FeatureSettings()
  settings.tokenPattern = pattern
}

var fitTimes: [Double] = []
var fitCPU: [Double] = []
var transformTimes: [Double] = []
var splitTimes: [Double] = []
var vocabulary = 0
var nonZeros = 0
var sentences = 0
var checksum: UInt64 = 0
/// FNV-1a over the matrix's offsets, columns and value bits: equal bits give equal checksums.
func fnv(_ matrix: SparseMatrix) -> UInt64 {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  func mix(_ v: UInt64) { h = (h ^ v) &* 0x100_0000_01b3 }
  for o in matrix.rowOffsets { mix(UInt64(o)) }
  for c in matrix.columnIndices { mix(UInt64(UInt32(bitPattern: c))) }
  for v in matrix.values { mix(UInt64(v.bitPattern)) }
  return h
}
for _ in 0..<runs {
  let c0 = cpuSeconds()
  let t0 = now()
  let (vectorizer, matrix) = try TfidfVectorizer.fitTransform(texts, settings: settings, threads: threads)
  let t1 = now()
  fitCPU.append(cpuSeconds() - c0)
  var t2 = t1
  var t3 = t1
  var count = 0
  if !arguments.contains("--fit-only") {
    let again = vectorizer.transform(texts, threads: threads)
    t2 = now()
    precondition(again == matrix, "transform differs from fitTransform")
    let splitter = SentenceSplitter()
    for t in texts { count += splitter.split(t).count }
    t3 = now()
  }
  fitTimes.append(t1 - t0)
  transformTimes.append(t2 - t1)
  splitTimes.append(t3 - t2)
  vocabulary = vectorizer.vocabulary.count
  nonZeros = matrix.nonZeroCount
  sentences = count
  checksum = fnv(matrix)
  for (i, t) in vectorizer.vocabulary.terms.enumerated() {
    for b in t.utf8 { checksum = (checksum ^ UInt64(b)) &* 0x100_0000_01b3 }
    checksum = (checksum ^ UInt64(vectorizer.idf[i].bitPattern)) &* 0x100_0000_01b3
  }
}
func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }
let result: [String: Any] = [
  "documents": texts.count, "bytes": bytes, "threads": threads, "pattern": pattern.rawValue,
  "features": productDefaults ? "default" : "word",
  "fit_transform_seconds": fitTimes, "fit_transform_cpu_seconds": fitCPU, "transform_seconds": transformTimes,
  "split_seconds": splitTimes,
  "fit_transform_median": median(fitTimes), "vocabulary": vocabulary, "nnz": nonZeros, "sentences": sentences,
  "checksum": String(checksum, radix: 16),
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
