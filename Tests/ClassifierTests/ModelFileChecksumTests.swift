import Foundation
import XCTest

@testable import Classifier

/// Issue 20: `ModelFile.read` folds the file into the checksum block by block as it reads it.
/// The pieces must give the checksum of the whole, for every length and every split, and a
/// damaged file read that way must still be refused.
final class ModelFileChecksumTests: XCTestCase {
  /// The format-2 checksum as it was computed before issue 20, in one pass (the reference).
  func reference(_ bytes: [UInt8]) -> UInt64 {
    let prime: UInt64 = 0x0000_0100_0000_01b3
    var lanes = [UInt64](repeating: 0xcbf2_9ce4_8422_2325, count: 4)
    for i in 0..<(bytes.count / 8) {
      var word: UInt64 = 0
      for b in 0..<8 { word |= UInt64(bytes[i * 8 + b]) << (8 * UInt64(b)) }
      lanes[i % 4] = (lanes[i % 4] ^ word) &* prime
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for lane in lanes { hash = (hash ^ lane) &* prime }
    return hash
  }

  func testPiecesGiveTheChecksumOfTheWhole() {
    var generator = SystemRandomNumberGenerator()
    for length in Array(0..<100) + [255, 256, 257, 1000, 4096 + 24] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let whole = bytes.withUnsafeBytes { ModelFile.laneChecksum($0) }
      XCTAssertEqual(whole, reference(bytes), "length \(length)")
      // Every split into two runs of whole groups, then the tail.
      let groups = length / LaneChecksum.groupBytes
      for split in 0...groups {
        let streamed = bytes.withUnsafeBytes { raw -> UInt64 in
          var sum = LaneChecksum()
          let a = split * LaneChecksum.groupBytes
          let b = groups * LaneChecksum.groupBytes
          sum.add(UnsafeRawBufferPointer(rebasing: raw[0..<a]))
          sum.add(UnsafeRawBufferPointer(rebasing: raw[a..<b]))
          return sum.finish(tail: UnsafeRawBufferPointer(rebasing: raw[b...]))
        }
        XCTAssertEqual(streamed, whole, "length \(length), split after \(split) groups")
      }
    }
  }

  /// A model read block by block reads back whole, and one damaged byte anywhere is refused
  /// as a checksum mismatch (the streamed checksum is the one compared).
  func testReadingInBlocksRefusesDamage() throws {
    let bytes = try ModelFile.encode(TinyModel.model)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("checksum-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("m.model").path
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    XCTAssertEqual(try ModelFile.encode(try ModelFile.read(path)), bytes)
    for position in [30, bytes.count / 2, bytes.count - 9] {
      var damaged = bytes
      damaged[position] ^= 0x10
      XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(damaged)))
      XCTAssertThrowsError(try ModelFile.read(path), "byte \(position)") { error in
        XCTAssertEqual(error as? ModelFileError, .corrupt(path: path, detail: "checksum mismatch"), "byte \(position)")
      }
    }
  }

  /// The shipped model (32 MB, 122 blocks) still reads: its stored checksum matches the streamed one.
  func testShippedModelReads() throws {
    let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("models/stance.model").path
    let model = try ModelFile.read(shipped)
    XCTAssertGreaterThan(model.classifier.featureCount, 100_000)
  }
}
