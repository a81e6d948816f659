import Features
import Foundation
import XCTest

@testable import Classifier
@testable import LinearModel

final class ModelFileTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("modelfile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  /// A small real model: vectorizer fitted on a few sentences, classifier trained on them.
  func makeModel(threads: Int = 1) throws -> TrainedModel {
    let texts = [
      "The ministers met in Tokyo on Monday.", "Allies stand together with an ironclad commitment.",
      "Washington's Cold War mentality and bloc confrontation.", "The talks lasted two hours.",
      "Like-minded democracies deter aggression.", "So-called rules serve US hegemony.",
      "Café owners in Zürich said nothing.",
    ]
    let labels: [Int32] = [0, 1, 2, 0, 1, 2, 0]
    let settings = FeatureSettings(wordNGrams: 1...2, charNGrams: 2...3)
    let vectorizer = try TfidfVectorizer.fit(texts, settings: settings, threads: threads)
    let x = vectorizer.transform(texts, threads: threads)
    var options = TrainingOptions()
    options.threads = threads
    let (classifier, report) = try LogisticRegression.fit(
      x, labels: labels, classCount: 3, sampleWeights: nil, options: options, warmStart: nil)
    let metadata = ModelMetadata(
      labels: ["neutral", "pro", "state"], featureSettings: settings, vocabularySize: vectorizer.vocabulary.count,
      classCount: 3, trainingExamples: texts.count, examplesPerLabel: [3, 2, 2], trainingDataHash: "0123456789abcdef",
      trainingOptions: options, fit: report, crossValidation: nil, toolVersion: "test")
    return TrainedModel(metadata: metadata, vectorizer: vectorizer, classifier: classifier)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func testRoundTripKeepsEveryPart() throws {
    let model = try makeModel()
    let file = path("sub/dir/m.model")
    try ModelFile.write(model, to: file)
    let read = try ModelFile.read(file)
    XCTAssertEqual(read.metadata, model.metadata)
    XCTAssertEqual(read.vectorizer, model.vectorizer)
    XCTAssertEqual(read.vectorizer.vocabulary.wordTermCount, model.vectorizer.vocabulary.wordTermCount)
    XCTAssertEqual(read.classifier, model.classifier)
    let probe = ["Allies stand together in Zürich."]
    XCTAssertEqual(
      read.classifier.probabilities(read.vectorizer.transform(probe, threads: 1), threads: 1),
      model.classifier.probabilities(model.vectorizer.transform(probe, threads: 1), threads: 1))
    // No temporary files are left beside the model.
    let names = try FileManager.default.contentsOfDirectory(atPath: path("sub/dir"))
    XCTAssertEqual(names, ["m.model"])
  }

  func testSameModelGivesSameBytesAnyThreadCount() throws {
    let a = try ModelFile.encode(try makeModel(threads: 1))
    let b = try ModelFile.encode(try makeModel(threads: 2))
    XCTAssertEqual(a, b)
    XCTAssertEqual(Array(a.prefix(8)), Array("STANCEMD".utf8))
    XCTAssertEqual(a.count % 8, 0)
  }

  func expectError(
    _ bytes: [UInt8], _ check: (ModelFileError) -> Bool, file: StaticString = #filePath, line: UInt = #line
  )
    throws
  {
    let target = path("bad.model")
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    XCTAssertThrowsError(try ModelFile.read(target), file: file, line: line) { error in
      guard let e = error as? ModelFileError else { return XCTFail("\(error)", file: file, line: line) }
      XCTAssertTrue(check(e), "\(e)", file: file, line: line)
      XCTAssertTrue(e.description.hasPrefix(target), e.description, file: file, line: line)
      XCTAssertFalse(e.description.contains("\n"), file: file, line: line)
    }
  }

  func testDamagedFilesAreReportedPlainly() throws {
    let good = try ModelFile.encode(try makeModel())
    try expectError(Array(good.prefix(good.count / 2))) {
      if case .truncated = $0 { return true } else { return false }
    }
    try expectError(Array(good.prefix(10))) {
      if case .truncated = $0 { return true } else { return false }
    }
    for position in [30, good.count / 2, good.count - 20, good.count - 1] {
      var flipped = good
      flipped[position] ^= 0x10
      try expectError(flipped) {
        if case .corrupt = $0 { return true } else { return false }
      }
    }
    var magic = good
    magic[0] = UInt8(ascii: "X")
    try expectError(magic) { $0 == .notAModel(path: self.path("bad.model")) }
    try expectError(Array("label\ttext\nneutral\thello\n".utf8)) { $0 == .notAModel(path: self.path("bad.model")) }
    var newer = good
    newer[8] = UInt8(ModelFile.formatVersion + 1)
    try expectError(newer) {
      $0
        == .newerVersion(
          path: self.path("bad.model"), found: ModelFile.formatVersion + 1, supported: ModelFile.formatVersion)
    }
    try expectError([]) { $0 == .empty(path: self.path("bad.model")) }
    try expectError(good + [0, 0, 0, 0, 0, 0, 0, 0]) {
      if case .corrupt = $0 { return true } else { return false }
    }
  }

  func testMissingFileAndDirectory() throws {
    XCTAssertThrowsError(try ModelFile.read(path("none.model"))) {
      XCTAssertEqual($0 as? ModelFileError, .notFound(path: self.path("none.model")))
    }
    XCTAssertThrowsError(try ModelFile.read(directory.path)) {
      XCTAssertEqual($0 as? ModelFileError, .isDirectory(path: self.directory.path))
    }
    XCTAssertThrowsError(try ModelFile.write(try makeModel(), to: directory.path)) {
      XCTAssertEqual($0 as? ModelFileError, .isDirectory(path: self.directory.path))
    }
  }

  func testWriteReplacesAnExistingFileWhole() throws {
    let file = path("m.model")
    try Data("old contents".utf8).write(to: URL(fileURLWithPath: file))
    let model = try makeModel()
    try ModelFile.write(model, to: file)
    XCTAssertEqual(try Array(Data(contentsOf: URL(fileURLWithPath: file))), try ModelFile.encode(model))
  }

  func testInconsistentModelIsRefusedBeforeWriting() throws {
    var model = try makeModel()
    model.metadata.labels = ["only one"]
    let file = path("x.model")
    XCTAssertThrowsError(try ModelFile.write(model, to: file)) {
      guard case ModelFileError.inconsistent = $0 else { return XCTFail("\($0)") }
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: file))
  }

  /// A model whose article classifier reads attribution is written as format 5, so that a build
  /// that reads up to 4 refuses it as newer instead of misreading its classifier; any other
  /// model stays format 4. Both read back with their classifier; one whose weights do not fit
  /// its layout is refused before writing.
  func testTheArticleClassifiersLayoutSetsTheFormatVersion() throws {
    var model = TinyModel.model
    let k = model.classifier.classCount
    for layout in ArticleEvidence.Layout.allCases {
      let f = ArticleEvidence.count(classCount: k, layout: layout)
      model.metadata.articleClassifier = ArticleClassifier(
        classCount: k, weights: (0..<(f * k)).map { Double($0 % 7) / 10 }, intercepts: [0.1, 0, -0.1],
        evidenceLayout: layout == .probabilities ? nil : layout)
      let bytes = try ModelFile.encode(model)
      let version = bytes[8..<12].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
      XCTAssertEqual(UInt32(littleEndian: version), layout == .attribution ? 5 : 4, "\(layout)")
      let file = path("\(layout).model")
      try ModelFile.write(model, to: file)
      let read = try ModelFile.read(file)
      XCTAssertEqual(read.metadata.articleClassifier, model.metadata.articleClassifier)
      XCTAssertEqual(read.metadata.articleClassifier?.layout, layout)
    }
    // Attribution weights (29 values a label) under the old layout's name: refused, nothing written.
    let f = ArticleEvidence.count(classCount: k, layout: .attribution)
    model.metadata.articleClassifier = ArticleClassifier(
      classCount: k, weights: [Double](repeating: 0.1, count: f * k), intercepts: [0, 0, 0])
    let file = path("mismatched.model")
    XCTAssertThrowsError(try ModelFile.write(model, to: file)) {
      guard case ModelFileError.inconsistent = $0 else { return XCTFail("\($0)") }
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: file))
  }
}
