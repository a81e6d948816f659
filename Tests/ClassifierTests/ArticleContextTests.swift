import Features
import XCTest

@testable import Classifier
@testable import LinearModel

/// The article-context stage: its context columns, its fit, and its place in the model file.
final class ArticleContextTests: XCTestCase {
  func testContextColumnsAreDocumentAndNeighbourMeans() {
    // Two classes; rows 0, 2, 3 are document 7 (in that order), row 1 is alone in document 9.
    let p: [Float] = [0.9, 0.1, 0.3, 0.7, 0.5, 0.5, 0.1, 0.9]
    let f = ArticleContext.features(p, classCount: 2, documentOf: [7, 9, 7, 7])
    let width = 4
    func row(_ r: Int) -> [Float] { Array(f[(r * width)..<((r + 1) * width)]) }
    // Row 0: others are rows 2 and 3; its only neighbour is row 2.
    XCTAssertEqual(row(0)[0], 0.3, accuracy: 1e-6)
    XCTAssertEqual(row(0)[1], 0.7, accuracy: 1e-6)
    XCTAssertEqual(row(0)[2], 0.5, accuracy: 1e-6)
    XCTAssertEqual(row(0)[3], 0.5, accuracy: 1e-6)
    // Row 1 is alone: uniform for both means.
    XCTAssertEqual(row(1), [0.5, 0.5, 0.5, 0.5])
    // Row 2: others rows 0 and 3; neighbours rows 0 and 3 as well.
    XCTAssertEqual(row(2)[0], 0.5, accuracy: 1e-6)
    XCTAssertEqual(row(2)[2], 0.5, accuracy: 1e-6)
    // Row 3: others rows 0 and 2 (mean 0.7, 0.3); neighbour row 2 only.
    XCTAssertEqual(row(3)[0], 0.7, accuracy: 1e-6)
    XCTAssertEqual(row(3)[1], 0.3, accuracy: 1e-6)
    XCTAssertEqual(row(3)[2], 0.5, accuracy: 1e-6)
    XCTAssertEqual(row(3)[3], 0.5, accuracy: 1e-6)
  }

  func testOneDocumentPathMatchesTheGeneralOne() {
    for n in [1, 2, 3, 7] {
      let p = (0..<(n * 3)).map { Float(($0 * 37) % 11 + 1) / 12 }
      var out = [Float](repeating: -1, count: n * 6)
      p.withUnsafeBufferPointer { q in
        out.withUnsafeMutableBufferPointer { ArticleContext.features(ofDocument: q, classCount: 3, into: $0) }
      }
      XCTAssertEqual(out, ArticleContext.features(p, classCount: 3, documentOf: [Int](repeating: 5, count: n)))
    }
  }

  func testDocumentNumbersOnlyNameDocuments() {
    let p: [Float] = [0.9, 0.1, 0.3, 0.7, 0.5, 0.5]
    XCTAssertEqual(
      ArticleContext.features(p, classCount: 2, documentOf: [1, 1, 2]),
      ArticleContext.features(p, classCount: 2, documentOf: [40, 40, -3]))
  }

  /// Sentences whose own words say nothing ("filler") take the label of their article; only
  /// the context stage can learn that.
  func contextData() -> (x: SparseMatrix, labels: [Int32], documents: [Int], sentence: [Float]) {
    var x = SparseMatrix(columnCount: 3)
    var labels: [Int32] = []
    var documents: [Int] = []
    var sentence: [Float] = []
    for d in 0..<40 {
      let c = Int32(d % 2)
      // Two telling sentences (column 0 or 1), then two fillers (column 2).
      for s in 0..<4 {
        let column: Int32 = s < 2 ? c : 2
        x.appendRow([(column, Float(1))])
        labels.append(c)
        documents.append(d)
        let telling: [Float] = c == 0 ? [0.95, 0.05] : [0.05, 0.95]
        sentence.append(contentsOf: s < 2 ? telling : [0.5, 0.5])
      }
    }
    return (x, labels, documents, sentence)
  }

  func testContextStageLearnsWhatSentencesCannotTell() throws {
    let (x, labels, documents, sentence) = contextData()
    let (base, _) = try LogisticRegression.fit(
      x, labels: labels, classCount: 2, sampleWeights: nil, options: TrainingOptions(c: 10), warmStart: nil)
    let (stage, report) = try ArticleContext.fit(
      x, outOfFold: sentence, documentOf: documents, labels: labels, sentenceModel: base,
      options: TrainingOptions(c: 10))
    XCTAssertTrue(report.converged)
    XCTAssertEqual(stage.ngramCount, 3)
    XCTAssertEqual(stage.classifier.featureCount, 3 + 4)
    func accuracy(_ p: [Float]) -> Double {
      let predicted = TrainedModel.Decision.mostProbable(p, classCount: 2)
      return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }
    // The sentence model gets the fillers right only by chance (half of them).
    XCTAssertLessThanOrEqual(accuracy(base.probabilities(x, threads: 1)), 0.76)
    let p = stage.probabilities(x, sentenceProbabilities: sentence, documentOf: documents, threads: 1)
    XCTAssertEqual(accuracy(p), 1)
    for r in 0..<labels.count { XCTAssertEqual(p[2 * r] + p[2 * r + 1], 1, accuracy: 1e-6) }
    // Threads change nothing.
    XCTAssertEqual(p, stage.probabilities(x, sentenceProbabilities: sentence, documentOf: documents, threads: 2))
  }

  func testModelFileKeepsTheContextStage() throws {
    let (x, labels, documents, sentence) = contextData()
    let texts = (0..<x.rowCount).map { ["alpha", "beta", "filler"][Int(x.row($0).columns.first!)] }
    let vectorizer = try TfidfVectorizer.fit(
      texts, settings: FeatureSettings(wordNGrams: 1...1, charNGrams: nil), threads: 1)
    let rows = vectorizer.transform(texts, threads: 1)
    let (base, report) = try LogisticRegression.fit(
      rows, labels: labels, classCount: 2, sampleWeights: nil, options: TrainingOptions(), warmStart: nil)
    let (stage, _) = try ArticleContext.fit(
      rows, outOfFold: sentence, documentOf: documents, labels: labels, sentenceModel: base, options: TrainingOptions())
    let metadata = ModelMetadata(
      labels: ["a", "b"], featureSettings: vectorizer.settings, vocabularySize: vectorizer.vocabulary.count,
      classCount: 2, trainingExamples: texts.count, examplesPerLabel: [80, 80], trainingDataHash: "0",
      trainingOptions:
        TrainingOptions(), fit: report, crossValidation: nil, toolVersion: "test", articleContextFolds: 5)
    let model = TrainedModel(metadata: metadata, vectorizer: vectorizer, classifier: base, context: stage)
    let bytes = try ModelFile.encode(model)
    XCTAssertEqual(bytes[8], 4)
    let read = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") }
    XCTAssertEqual(read.context, stage)
    XCTAssertEqual(read.metadata.articleContextFolds, 5)
    let a = read.decide(rows, documentOf: documents, threads: 1)
    XCTAssertEqual(a.rows.columnCount, rows.columnCount + 4)
    XCTAssertEqual(a.probabilities, model.decide(rows, documentOf: documents, threads: 1).probabilities)
    // A stage whose n-gram count disagrees with the vocabulary is refused before writing.
    var wrong = model
    wrong.context = ArticleContext(
      classifier: LogisticRegression(
        classCount: 2, featureCount: 5, weights: [Float](repeating: 0, count: 10), intercepts: [0, 0]))
    XCTAssertThrowsError(try ModelFile.encode(wrong))
    // Behind a valid checksum, a bad flag, a missing section and a header that disagrees with the
    // payload are each a plain error.
    let v = vectorizer.vocabulary.count
    let sectionBytes = (4 * (v + 4) * 2 + 4 * 2 + 7) / 8 * 8
    let flag = bytes.count - 8 - sectionBytes - 8
    XCTAssertEqual(bytes[flag], 1)
    var badFlag = bytes
    badFlag[flag] = 2
    ModelFileFuzzTests.reseal(&badFlag)
    XCTAssertThrowsError(try badFlag.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") })
    var noSection = Array(bytes[0..<(flag + 8)]) + [UInt8](repeating: 0, count: 8)
    ModelFileFuzzTests.reseal(&noSection)
    XCTAssertThrowsError(try noSection.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") })
    var flagOnly = noSection
    flagOnly[flag] = 0
    ModelFileFuzzTests.reseal(&flagOnly)
    XCTAssertThrowsError(try flagOnly.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") }) { error in
      XCTAssertEqual("\(error)".contains("disagree"), true, "\(error)")
    }
    var unlabelled = model
    unlabelled.metadata.articleContextFolds = nil
    XCTAssertThrowsError(try ModelFile.encode(unlabelled))
    // Damage inside the context section is caught by the checksum.
    var damaged = bytes
    damaged[damaged.count - 20] ^= 0x40
    XCTAssertThrowsError(try damaged.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") })
  }

  /// The one-pass row scorer gives the same bits as the matrix path, for K = 4 (vector lanes)
  /// and another K.
  func testRowScorerMatchesTheMatrixPath() throws {
    for k in [4, 3] {
      var seed: UInt64 = 42
      func next() -> Float {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(Int(seed >> 40) % 2001 - 1000) / 500
      }
      let features = 9
      let sentence = LogisticRegression(
        classCount: k, featureCount: features, weights: (0..<(features * k)).map { _ in next() },
        intercepts: (0..<k).map { _ in next() })
      let contextFeatures = features + ArticleContext.columnsPerClass * k
      let stage = ArticleContext(
        classifier: LogisticRegression(
          classCount: k, featureCount: contextFeatures, weights: (0..<(contextFeatures * k)).map { _ in next() },
          intercepts: (0..<k).map { _ in next() }))
      var x = SparseMatrix(columnCount: features)
      for r in 0..<5 {
        x.appendRow((0..<features).filter { ($0 + r) % 3 != 0 }.map { (Int32($0), abs(next()) + 0.1) })
      }
      let first = sentence.probabilities(x, threads: 1)
      let expected = stage.probabilities(x, sentenceProbabilities: first, documentOf: [0, 0, 0, 0, 0], threads: 1)
      let scorer = ContextRowScorer(sentence: sentence, context: stage)
      var got = [Float](repeating: 0, count: 5 * k)
      var firstStage = [Float](repeating: 0, count: 5 * k)
      x.columnIndices.withUnsafeBufferPointer { columns in
        x.values.withUnsafeBufferPointer { values in
          got.withUnsafeMutableBufferPointer { out in
            firstStage.withUnsafeMutableBufferPointer { p in
              for r in 0..<5 {
                let entries = x.rowOffsets[r]..<x.rowOffsets[r + 1]
                scorer.scoreRow(
                  columns: UnsafeBufferPointer(rebasing: columns[entries]),
                  values: UnsafeBufferPointer(rebasing: values[entries]),
                  sentence: UnsafeMutableBufferPointer(rebasing: p[(r * k)..<(r * k + k)]),
                  partial: UnsafeMutableBufferPointer(rebasing: out[(r * k)..<(r * k + k)]))
              }
              scorer.finishDocument(sentence: UnsafeBufferPointer(p), partial: out)
            }
          }
        }
      }
      XCTAssertEqual(firstStage, first, "K = \(k)")
      XCTAssertEqual(got, expected, "K = \(k)")
    }
  }
}
