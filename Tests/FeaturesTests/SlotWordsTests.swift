import XCTest

@testable import Features

/// Slot arrays borrowed from outside memory: read in place, copied on the first write.
final class SlotWordsTests: XCTestCase {
  final class Keeper {}

  func testBorrowedWordsAreReadInPlaceAndCopiedOnWrite() {
    let source = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 4)
    defer { source.deallocate() }
    _ = source.initialize(from: [1, 2, 3, 4])
    var words = SlotWords(borrowing: UnsafeBufferPointer(source), keeper: Keeper())
    XCTAssertEqual(words.count, 4)
    XCTAssertEqual(words[2], 3)
    words.withUnsafeBufferPointer { XCTAssertEqual($0.baseAddress, UnsafePointer(source.baseAddress)) }
    words[2] = 30
    XCTAssertEqual(words.array, [1, 2, 30, 4])
    XCTAssertEqual(Array(source), [1, 2, 3, 4])
    words.withUnsafeBufferPointer { XCTAssertNotEqual($0.baseAddress, UnsafePointer(source.baseAddress)) }
  }

  func testOwnedWords() {
    var words = SlotWords(repeating: 7, count: 3)
    words.withUnsafeMutableBufferPointer { $0[0] = 1 }
    XCTAssertEqual(words.array, [1, 7, 7])
    XCTAssertEqual(SlotWords([5, 6]).array, [5, 6])
  }
}
