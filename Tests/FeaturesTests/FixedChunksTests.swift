@testable import Features
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

  func testWavesHandValuesOverInChunkOrder() {
    let chunks = FixedChunks.ranges(count: 1000, chunkSize: 7)
    for threads in 1...4 {
      var seen: [Range<Int>] = []
      FixedChunks.mapInWaves(chunks, threads: threads) {
        $0
      } consume: {
        seen.append($0)
      }
      XCTAssertEqual(seen, chunks, "\(threads) threads")
    }
    var none = 0
    FixedChunks.mapInWaves([], threads: 2) {
      $0.count
    } consume: {
      none += $0 + 1
    }
    XCTAssertEqual(none, 0)
  }
}
