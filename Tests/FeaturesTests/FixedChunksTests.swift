import Features
import XCTest

final class FixedChunksTests: XCTestCase {
  func testRangesCoverEveryIndexOnce() {
    let ranges = FixedChunks.ranges(count: 10, chunkSize: 3)
    XCTAssertEqual(ranges, [0..<3, 3..<6, 6..<9, 9..<10])
    XCTAssertEqual(FixedChunks.ranges(count: 0, chunkSize: 3), [])
  }

  func testMapIsInChunkOrderForAnyThreadCount() {
    for threads in 1...4 {
      let sums = FixedChunks.map(count: 1000, chunkSize: 7, threads: threads) { r in r.reduce(0, +) }
      XCTAssertEqual(sums.count, 143)
      XCTAssertEqual(sums.reduce(0, +), 999 * 1000 / 2)
      XCTAssertEqual(sums.first, 21)
    }
  }
}
