import Foundation
import XCTest

@testable import Classifier
@testable import Features

/// The vocabulary index stored in format version 2: it gives the same lookups as building it,
/// version 1 files (no index) still read, and a damaged index is a typed error, never a crash.
final class ModelFileIndexTests: XCTestCase {
  let texts = [
    "Allies stand together against so-called hegemony.", "The talks lasted two hours in Tokyo.",
    "Cold War mentality, bloc confrontation and containment.", "Café owners in Zürich said nothing.",
  ]

  /// The fuzz tests' small model, as bytes.
  var bytes: [UInt8] { ModelFileFuzzTests.modelBytes }

  func decode(_ bytes: [UInt8]) throws -> TrainedModel {
    try bytes.withUnsafeBytes { try ModelFile.decode($0, path: "m.model") }
  }

  /// Decodes and scores `bytes`: nil when that worked, else the typed error (anything
  /// else fails the test).
  func check(_ bytes: [UInt8]) -> ModelFileError? {
    do {
      let model = try decode(bytes)
      let p = model.classifier.probabilities(model.vectorizer.transform(texts, threads: 1), threads: 1)
      XCTAssertEqual(p.count, texts.count * model.classifier.classCount)
      return nil
    } catch let error as ModelFileError {
      return error
    } catch {
      XCTFail("untyped error \(error)")
      return nil
    }
  }

  /// Where the index image's length field sits: 8 bytes before the image, which ends 8 bytes
  /// before the end (the checksum). Found by walking back over the image length.
  func imageRange(_ bytes: [UInt8]) -> Range<Int> {
    for start in stride(from: bytes.count - 16, through: 24, by: -8) {
      let length = bytes.withUnsafeBytes {
        Int(truncatingIfNeeded: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt64.self)))
      }
      // Version 3 (no context stage): the image, an 8-byte context flag 0, the checksum.
      if start + 8 + length == bytes.count - 16 { return (start + 8)..<(bytes.count - 16) }
    }
    XCTFail("no index image found")
    return 0..<0
  }

  /// The same model in format version 1: no index section.
  func versionOne(_ bytes: [UInt8]) -> [UInt8] {
    let image = imageRange(bytes)
    var old = Array(bytes[0..<(image.lowerBound - 8)]) + [UInt8](repeating: 0, count: 8)
    old[8] = 1
    ModelFileFuzzTests.reseal(&old)
    return old
  }

  /// The same model in format version 2: no context-stage flag after the index.
  func versionTwo(_ bytes: [UInt8]) -> [UInt8] {
    var old = Array(bytes[0..<(bytes.count - 16)]) + [UInt8](repeating: 0, count: 8)
    old[8] = 2
    ModelFileFuzzTests.reseal(&old)
    return old
  }

  func testWritesVersionFourWithAnIndex() throws {
    XCTAssertEqual(bytes[8], 4)
    XCTAssertFalse(imageRange(bytes).isEmpty)
  }

  func testStoredIndexFindsWhatABuiltIndexFinds() throws {
    let stored = try decode(bytes)
    let vocabulary = stored.vectorizer.vocabulary
    let rebuilt = Vocabulary(terms: vocabulary.terms, wordTermCount: vocabulary.wordTermCount)
    XCTAssertEqual(vocabulary, rebuilt)
    for column in 0..<vocabulary.count {
      let term = vocabulary.term(column)
      XCTAssertEqual(term, vocabulary.terms[column])
      let kind = vocabulary.kind(of: Int32(column))
      XCTAssertEqual(vocabulary.index(of: term, kind: kind), Int32(column), term)
      XCTAssertEqual(vocabulary.index(of: term, kind: kind), rebuilt.index(of: term, kind: kind))
    }
    XCTAssertNil(vocabulary.index(of: "no such term anywhere", kind: .word))
    let fresh = TfidfVectorizer(settings: stored.vectorizer.settings, vocabulary: rebuilt, idf: stored.vectorizer.idf)
    XCTAssertEqual(stored.vectorizer.transform(texts, threads: 1), fresh.transform(texts, threads: 1))
  }

  func testVersionOneFilesStillRead() throws {
    let old = versionOne(bytes)
    XCTAssertEqual(old.count, bytes.count - imageRange(bytes).count - 16)
    let a = try decode(bytes)
    let b = try decode(old)
    XCTAssertEqual(a.vectorizer.vocabulary, b.vectorizer.vocabulary)
    XCTAssertEqual(a.vectorizer.transform(texts, threads: 1), b.vectorizer.transform(texts, threads: 1))
    // Written again, a version 1 model becomes the same file as a current-version model.
    XCTAssertEqual(try ModelFile.encode(b), bytes)
  }

  func testVersionTwoFilesStillRead() throws {
    let old = versionTwo(bytes)
    XCTAssertEqual(old[8], 2)
    let model = try decode(old)
    XCTAssertNil(model.context)
    XCTAssertEqual(
      model.vectorizer.transform(texts, threads: 1), try decode(bytes).vectorizer.transform(texts, threads: 1))
    XCTAssertEqual(try ModelFile.encode(model), bytes)
  }

  func testMappedReadMatchesDecode() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString).model")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(bytes).write(to: file)
    // The read model's hash tables point into the file mapping; lookups must not differ.
    var read: TrainedModel? = try ModelFile.read(file.path)
    let vocabulary = read!.vectorizer.vocabulary
    XCTAssertEqual(try ModelFile.encode(read!), bytes)
    XCTAssertEqual(
      read!.vectorizer.transform(texts, threads: 2), try decode(bytes).vectorizer.transform(texts, threads: 1))
    read = nil
    // The vocabulary alone keeps the mapping alive.
    for column in 0..<vocabulary.count {
      XCTAssertEqual(
        vocabulary.index(of: vocabulary.term(column), kind: vocabulary.kind(of: Int32(column))), Int32(column))
    }
    try Data().write(to: file)
    XCTAssertThrowsError(try ModelFile.read(file.path)) {
      XCTAssertEqual($0 as? ModelFileError, .empty(path: file.path))
    }
  }

  /// The model with its index image replaced by one filed under other `hashBytes` seeds (as
  /// a build with another hashing scheme would write it), resealed.
  func foreignSchemeModel() throws -> [UInt8] {
    let vocabulary = try decode(bytes).vectorizer.vocabulary
    let packed = vocabulary.packedTerms
    let foreign = VocabularyIndexImage.encode(
      VocabularyIndex.build(
        bytes: packed.bytes, offsets: packed.offsets, wordTermCount: vocabulary.wordTermCount,
        scheme: HashScheme(word: 0x1234_5678, character: 0x9ABC_DEF0)))
    let image = imageRange(bytes)
    // Table sizes follow the term counts only: the same length, other bytes.
    XCTAssertEqual(foreign.count, image.count)
    XCTAssertNotEqual(Array(bytes[image]), foreign)
    var model = bytes
    model.replaceSubrange(image, with: foreign)
    ModelFileFuzzTests.reseal(&model)
    return model
  }

  func testAnIndexOfAnotherHashingSchemeIsRebuiltAndScoresTheSame() throws {
    let model = try foreignSchemeModel()
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("scheme-\(UUID().uuidString).model")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(model).write(to: file)
    let original = try decode(bytes)
    let expected = original.classifier.probabilities(original.vectorizer.transform(texts, threads: 1), threads: 1)
    XCTAssertFalse(expected.isEmpty)
    // Decoded (copied) and read (mapped): the stored index is dropped, the rebuilt one files
    // every term under this build's scheme, and every term and text is found as before.
    for loaded in [try decode(model), try ModelFile.read(file.path)] {
      let vocabulary = loaded.vectorizer.vocabulary
      XCTAssertEqual(vocabulary.index.chars.hashes, original.vectorizer.vocabulary.index.chars.hashes)
      XCTAssertEqual(vocabulary.index.words.tokens.hashes, original.vectorizer.vocabulary.index.words.tokens.hashes)
      for column in 0..<vocabulary.count {
        XCTAssertEqual(
          vocabulary.index(of: vocabulary.term(column), kind: vocabulary.kind(of: Int32(column))), Int32(column))
      }
      XCTAssertEqual(loaded.vectorizer.transform(texts, threads: 1), original.vectorizer.transform(texts, threads: 1))
      XCTAssertEqual(
        loaded.classifier.probabilities(loaded.vectorizer.transform(texts, threads: 1), threads: 1), expected)
      // Written again, it is the current writer's file.
      XCTAssertEqual(try ModelFile.encode(loaded), bytes)
    }
  }

  func testTheCheckPassesUnderThisSchemeOnly() throws {
    let vocabulary = try decode(bytes).vectorizer.vocabulary
    let packed = vocabulary.packedTerms
    func finds(_ index: VocabularyIndex) -> Bool {
      packed.bytes.withUnsafeBytes { b in
        index.findsTerms(count: vocabulary.count, wordTermCount: vocabulary.wordTermCount) { i in
          UnsafeRawBufferPointer(rebasing: b[packed.offsets[i]..<packed.offsets[i + 1]])
        }
      }
    }
    XCTAssertTrue(finds(vocabulary.index))
    for scheme in [
      HashScheme(word: 1, character: HashScheme.current.character),
      HashScheme(word: HashScheme.current.word, character: 1),
    ] {
      XCTAssertFalse(
        finds(
          VocabularyIndex.build(
            bytes: packed.bytes, offsets: packed.offsets, wordTermCount: vocabulary.wordTermCount, scheme: scheme)))
    }
  }

  /// Every 8-byte word of the image set to extreme values behind a valid checksum: each file
  /// decodes (and scores) or is a typed error; a changed count or id is caught as corrupt.
  func testDamagedIndexBehindAValidChecksum() throws {
    let image = imageRange(bytes)
    let extremes: [UInt64] = [0, 1, 7, 0x7FFF_FFFF, 0xFFFF_FFFF, 1 << 40, UInt64(Int.max), .max]
    var corrupt = 0
    for at in stride(from: image.lowerBound, to: image.upperBound, by: 8) {
      for value in extremes {
        var damaged = bytes
        withUnsafeBytes(of: value.littleEndian) { damaged.replaceSubrange(at..<(at + 8), with: $0) }
        ModelFileFuzzTests.reseal(&damaged)
        if case .corrupt(_, let detail)? = check(damaged) {
          XCTAssertEqual(detail, "bad vocabulary index")
          corrupt += 1
        }
      }
    }
    XCTAssertGreaterThan(corrupt, 0)
    // The first array count (the flags) cut short.
    var damaged = bytes
    damaged[image.lowerBound] = 1
    ModelFileFuzzTests.reseal(&damaged)
    XCTAssertEqual(check(damaged), .corrupt(path: "m.model", detail: "bad vocabulary index"))
  }
}
