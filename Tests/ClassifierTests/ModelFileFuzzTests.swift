import Features
import Foundation
import XCTest

@testable import Classifier
@testable import LinearModel

/// Seeded mutation tests of the model reader and the labels parsers: thousands of damaged
/// inputs, and the only allowed outcomes are a value or a typed error (a crash fails the run).
final class ModelFileFuzzTests: XCTestCase {
  /// A small real model (word and character n-grams, three labels) as file bytes.
  static let modelBytes: [UInt8] = try! ModelFile.encode(TinyModel.model)

  /// Decodes `bytes`; a decoded model must also score a text without trapping.
  /// Returns the error, or nil when the bytes decoded.
  @discardableResult
  func decode(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> ModelFileError? {
    do {
      let model = try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "fuzz.model") }
      let x = model.vectorizer.transform(["Allies stand together against so-called hegemony."], threads: 1)
      let p = model.classifier.probabilities(x, threads: 1)
      XCTAssertEqual(p.count, model.classifier.classCount, file: file, line: line)
      return nil
    } catch let error as ModelFileError {
      XCTAssertTrue(error.description.hasPrefix("fuzz.model: "), error.description, file: file, line: line)
      return error
    } catch {
      XCTFail("untyped error \(error)", file: file, line: line)
      return nil
    }
  }

  /// The error's case name, for tallies.
  static func kind(_ error: ModelFileError) -> String {
    switch error {
    case .notFound: return "notFound"
    case .isDirectory: return "isDirectory"
    case .io: return "io"
    case .empty: return "empty"
    case .notAModel: return "notAModel"
    case .truncated: return "truncated"
    case .corrupt: return "corrupt"
    case .newerVersion: return "newerVersion"
    case .inconsistent: return "inconsistent"
    }
  }

  /// Rewrites the total length and checksum so that damage reaches the parser behind them.
  static func reseal(_ bytes: inout [UInt8]) {
    guard bytes.count >= 32, bytes.count % 8 == 0 else { return }
    let total = UInt64(bytes.count)
    withUnsafeBytes(of: total.littleEndian) { bytes.replaceSubrange(16..<24, with: $0) }
    let sum = bytes.withUnsafeBytes {
      ModelFile.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 8)]), version: UInt32(bytes[8]))
    }
    withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..<bytes.count, with: $0) }
  }

  func testIntactModelDecodes() {
    XCTAssertNil(decode(Self.modelBytes))
  }

  func testEveryTruncationIsAnError() {
    let bytes = Self.modelBytes
    for n in 0..<bytes.count {
      let error = decode(Array(bytes[0..<n]))
      switch error {
      case .empty?: XCTAssertEqual(n, 0)
      case .truncated?: XCTAssertGreaterThan(n, 0)
      default: XCTFail("cut at \(n): \(String(describing: error))")
      }
    }
  }

  func testEveryFlippedByteIsAnError() {
    let bytes = Self.modelBytes
    for position in 0..<bytes.count {
      for mask: UInt8 in [0x01, 0x80] {
        var damaged = bytes
        damaged[position] ^= mask
        XCTAssertNotNil(decode(damaged), "flip \(mask) at \(position) went unnoticed")
      }
    }
  }

  func testWrongMagicAndNewerVersion() {
    var bytes = Self.modelBytes
    bytes[0] = UInt8(ascii: "X")
    XCTAssertEqual(decode(bytes), .notAModel(path: "fuzz.model"))
    bytes = Self.modelBytes
    bytes[8] = 9
    XCTAssertEqual(decode(bytes), .newerVersion(path: "fuzz.model", found: 9, supported: ModelFile.formatVersion))
    bytes[8] = 0
    Self.reseal(&bytes)
    XCTAssertEqual(decode(bytes), .corrupt(path: "fuzz.model", detail: "format version 0"))
  }

  /// The JSON header's length (bytes 12..<16).
  static var headerLength: Int {
    (12..<16).reduce(0) { $0 | Int(modelBytes[$1]) << (8 * ($1 - 12)) }
  }

  /// Where the size fields sit: after the header, padded to 8.
  var sizesOffset: Int { (24 + Self.headerLength + 7) / 8 * 8 }

  /// Extreme values in each size field and each vocabulary offset, with a valid checksum:
  /// the parser must bound them before any arithmetic or slicing.
  func testExtremeSizesBehindAValidChecksum() {
    let extremes: [UInt64] = [0, 1, 2, 3, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 1 << 62, UInt64(Int.max), .max]
    // V, K, W, B, then the first few term offsets.
    for field in 0..<10 {
      for value in extremes {
        var bytes = Self.modelBytes
        let at = sizesOffset + 8 * field
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(at..<(at + 8), with: $0) }
        Self.reseal(&bytes)
        decode(bytes)
      }
    }
  }

  /// Thousands of random mutations (byte overwrites, bit flips, inserts, deletes, header
  /// digit changes), resealed half of the time so the deep parser sees them too.
  func testSeededMutationsOnlyThrowTypedErrors() {
    var random = SplitMix64(seed: 20_261_123)
    let original = Self.modelBytes
    var decoded = 0
    var errors: [String: Int] = [:]
    for round in 0..<4000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let i = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: bytes[i] = UInt8.random(in: 0...255, using: &random)
        case 1: bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 2: bytes.insert(contentsOf: [UInt8](repeating: 0, count: 8), at: i)
        case 3: bytes.removeSubrange(i..<min(bytes.count, i + 8))
        default:
          // A digit in the JSON header: sizes and counts change but the JSON stays valid.
          let header = 24..<(24 + Self.headerLength)
          if let d = header.shuffled(using: &random).first(where: { (48...57).contains(bytes[$0]) }) {
            bytes[d] = UInt8(48 + Int.random(in: 0...9, using: &random))
          }
        }
        if bytes.isEmpty { break }
      }
      if round % 2 == 0 { Self.reseal(&bytes) }
      if let error = decode(bytes) {
        errors[Self.kind(error), default: 0] += 1
      } else {
        decoded += 1
      }
    }
    // Resealed damage in float arrays decodes (the checksum was made to match); the rest is caught.
    XCTAssertGreaterThan(errors["corrupt", default: 0], 500, "\(errors)")
    XCTAssertGreaterThan(errors["truncated", default: 0] + errors["corrupt", default: 0], 2000, "\(errors)")
    XCTAssertLessThan(decoded, 2000, "\(errors)")
  }

  /// Random edits of valid labels files: the parsers return examples or a `LabelledDataError`.
  func testSeededLabelMutationsOnlyThrowTypedErrors() throws {
    let tsv = Array(
      "\u{FEFF}label\ttext\tsource\r\n# comment\npro\tAllies stand together.\ta1\nneutral\tThey met.\ta2\n".utf8)
    let jsonl = Array(
      """
      {"text": "Allies stand together.", "label": ["pro"], "source": "a1"}
      {"text": "They met.", "label": "neutral", "answer": "accept"}
      {"text": "Skip me.", "label": "neutral", "answer": "reject"}

      """.utf8)
    let alphabet = Array("\t\n\r\"{}[]:,#\\ ab".utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
    var random = SplitMix64(seed: 7)
    var parsed = 0
    var failed = 0
    for round in 0..<6000 {
      var bytes = round % 2 == 0 ? tsv : jsonl
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let i = Int.random(in: 0...bytes.count, using: &random)
        let b = alphabet.randomElement(using: &random)!
        switch Int.random(in: 0..<3, using: &random) {
        case 0 where i < bytes.count: bytes[i] = b
        case 1 where i < bytes.count: bytes.remove(at: i)
        default: bytes.insert(b, at: i)
        }
      }
      do {
        guard let text = String(bytes: bytes, encoding: .utf8) else { continue }  // the reader stops: notUTF8
        let examples =
          round % 2 == 0
          ? try LabelledDataFormats.tsv(text, file: "f.tsv") : try LabelledDataFormats.jsonl(text, file: "f.jsonl")
        for e in examples {
          XCTAssertFalse(e.label.isEmpty)
          XCTAssertFalse(e.text.isEmpty)
          XCTAssertGreaterThan(e.line, 0)
        }
        _ = LabelledData(examples: examples)
        parsed += 1
      } catch let error as LabelledDataError {
        if case .badLine(let file, let line, _) = error {
          XCTAssertTrue(file == "f.tsv" || file == "f.jsonl")
          XCTAssertGreaterThan(line, 0)
        }
        failed += 1
      }
    }
    XCTAssertGreaterThan(parsed, 500)
    XCTAssertGreaterThan(failed, 500)
  }

  /// The file-level reader on undecodable bytes: a typed error naming the file.
  func testLabelsReaderOnBinaryBytes() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var random = SplitMix64(seed: 11)
    for (i, name) in ["a.tsv", "b.jsonl", "c.txt"].enumerated() {
      let url = directory.appendingPathComponent(name)
      let bytes = (0..<2048).map { _ in UInt8.random(in: 0...255, using: &random) }
      try Data(bytes).write(to: url)
      XCTAssertThrowsError(try LabelledData.read([url.path]), "file \(i)") { error in
        XCTAssertEqual(error as? LabelledDataError, .notUTF8(file: url.path))
      }
    }
  }
}
