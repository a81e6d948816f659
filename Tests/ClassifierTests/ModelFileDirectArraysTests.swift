import Foundation
import XCTest

@testable import Classifier
@testable import LinearModel

/// Issue 20: `ModelFile.read` reads idf and both stages' weights straight into their arrays
/// (`ModelFileDirectArrays`). A model read that way must equal the model decoded from the
/// whole file, and damage or truncation anywhere must still be refused as before.
final class ModelFileDirectArraysTests: XCTestCase {
  /// A two-stage model (distinct context weights, so a misplaced array shows).
  static let twoStage: TrainedModel = {
    var model = TinyModel.model
    model.metadata.articleContextFolds = 2
    let features = model.vectorizer.vocabulary.count + ArticleContext.columnsPerClass * 3
    model.context = ArticleContext(
      classifier: LogisticRegression(
        classCount: 3, featureCount: features, weights: (0..<(features * 3)).map { Float($0 % 97) / 50 - 1 },
        intercepts: [0.25, -0.5, 0.125]))
    return model
  }()

  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("direct-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  private func write(_ bytes: [UInt8]) -> String {
    let path = directory.appendingPathComponent("m.model").path
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
  }

  /// Fed in pieces of any length, the streamed checksum is the checksum of the whole.
  func testStreamedChecksumOfPiecesIsTheWhole() {
    var seed: UInt64 = 7
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33) % bound
    }
    for length in [0, 1, 31, 32, 33, 95, 1000, 4099] {
      let bytes = (0..<length).map { _ in UInt8(next(256)) }
      let whole = bytes.withUnsafeBytes { ModelFile.laneChecksum($0) }
      for _ in 0..<20 {
        var sum = StreamedLaneChecksum()
        var at = 0
        bytes.withUnsafeBytes { raw in
          while at < length {
            let n = min(length - at, next(70))
            sum.feed(UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)]))
            at += n
          }
        }
        XCTAssertEqual(sum.finish(), whole, "length \(length)")
      }
    }
  }

  /// The plan of a file: idf and weights, plus the context weights of a two-stage model (confirmed
  /// against the file), placed where `decode` reads them; none for a version-1 layout.
  func testPlanFindsTheArrays() throws {
    for (model, expected) in [(TinyModel.model, 2), (Self.twoStage, 3)] {
      var bytes = try ModelFile.encode(model)
      let v = model.vectorizer.vocabulary.count
      var plan: ModelFileDirectArrays?
      bytes.withUnsafeBytes { raw in
        if case .ready(let ready) = ModelFileDirectArrays.plan(prefix: raw, fileSize: raw.count, readSoFar: 24) {
          plan = ready
        }
      }
      var direct = try XCTUnwrap(plan)
      // The context stage's part is planned for both (placed from the end of the file), and
      // dropped for the one-stage model, whose bytes there are the index image's (that reading
      // such a file puts them back is `testReadInAnyBlocksGivesTheSameModel`). The parts are
      // not filled here, so the buffer is a copy.
      XCTAssertEqual(direct.parts.count, 3)
      var scratch = bytes
      scratch.withUnsafeMutableBytes { direct.confirmContextStage(in: $0) }
      XCTAssertEqual(direct.parts.map { $0.values.count }.prefix(2), [v, 3 * v])
      XCTAssertEqual(direct.parts.count, expected)
      // The version-1 checksum is not streamed: nothing is planned.
      bytes[8] = 1
      bytes.withUnsafeBytes { raw in
        guard case .ready(let none) = ModelFileDirectArrays.plan(prefix: raw, fileSize: raw.count, readSoFar: 24) else {
          return XCTFail("a version-1 file needs no more bytes")
        }
        XCTAssertTrue(none.parts.isEmpty)
      }
    }
  }

  /// Read in blocks of many sizes (so that the arrays are read straight into their own arrays,
  /// and pieces of them end inside checksum groups), both models come back byte for byte.
  func testReadInAnyBlocksGivesTheSameModel() throws {
    for model in [TinyModel.model, Self.twoStage] {
      let bytes = try ModelFile.encode(model)
      let path = write(bytes)
      for block in [5, 8, 33, 64, 1000, 1 << 20] {
        let read = try ModelFile.read(path, block: block)
        XCTAssertEqual(try ModelFile.encode(read), bytes, "block \(block)")
        XCTAssertEqual(read.vectorizer.idf, model.vectorizer.idf)
        XCTAssertEqual(read.classifier.weights, model.classifier.weights)
        XCTAssertEqual(read.context?.classifier.weights, model.context?.classifier.weights)
      }
    }
  }

  /// One damaged byte in every array read straight into its own, or a truncated file, is
  /// refused as before (checksum mismatch; truncation).
  func testDamageInTheDirectArraysIsRefused() throws {
    let bytes = try ModelFile.encode(Self.twoStage)
    var plan: ModelFileDirectArrays?
    bytes.withUnsafeBytes { raw in
      if case .ready(let ready) = ModelFileDirectArrays.plan(prefix: raw, fileSize: raw.count, readSoFar: 24) {
        plan = ready
      }
    }
    let parts = try XCTUnwrap(plan).parts
    XCTAssertEqual(parts.count, 3)
    for part in parts {
      for position in [part.offset, (part.offset + part.end) / 2, part.end - 1] {
        var damaged = bytes
        damaged[position] ^= 0x04
        let path = write(damaged)
        XCTAssertThrowsError(try ModelFile.read(path, block: 64), "byte \(position)") { error in
          XCTAssertEqual(error as? ModelFileError, .corrupt(path: path, detail: "checksum mismatch"))
        }
      }
      let path = write(Array(bytes[0..<(part.offset + 6)]))
      XCTAssertThrowsError(try ModelFile.read(path, block: 64)) { error in
        guard case .truncated = error as? ModelFileError else { return XCTFail("\(error)") }
      }
    }
  }

  /// The shipped model read with its arrays read straight into their own equals the model
  /// decoded from the whole file in one buffer.
  func testShippedModelMatchesWholeFileDecode() throws {
    let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("models/stance.model").path
    let read = try ModelFile.read(shipped)
    let whole = try Data(contentsOf: URL(fileURLWithPath: shipped))
    let decoded = try whole.withUnsafeBytes { try ModelFile.decode($0, path: shipped) }
    XCTAssertEqual(read.vectorizer.idf, decoded.vectorizer.idf)
    XCTAssertEqual(read.classifier.weights, decoded.classifier.weights)
    XCTAssertEqual(read.classifier.intercepts, decoded.classifier.intercepts)
    XCTAssertNotNil(read.context)
    XCTAssertEqual(read.context?.classifier.weights, decoded.context?.classifier.weights)
  }
}
