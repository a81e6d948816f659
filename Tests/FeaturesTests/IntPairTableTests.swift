import XCTest

@testable import Features

/// The integer pair table: dense ids in insertion order, lookups that survive growth and
/// collisions, and a round trip through its storage.
final class IntPairTableTests: XCTestCase {
  /// A seeded list of distinct keys, as packed id pairs.
  func keys(_ count: Int, seed: UInt64) -> [UInt64] {
    var state = seed
    var seen = Set<UInt64>()
    var out: [UInt64] = []
    while out.count < count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let key = IntPairTable.key(Int32(state >> 44), Int32((state >> 12) & 0xFFFFF))
      if seen.insert(key).inserted { out.append(key) }
    }
    return out
  }

  func testIdsAreDenseInInsertionOrderThroughGrowth() {
    var table = IntPairTable(capacity: 1)
    let keys = keys(20_000, seed: 1)
    for (i, key) in keys.enumerated() {
      let (id, inserted) = table.insert(key)
      XCTAssertTrue(inserted)
      XCTAssertEqual(id, Int32(i))
    }
    XCTAssertEqual(table.count, keys.count)
    // At most half the slots are used, so every probe meets a free slot.
    XCTAssertLessThanOrEqual(table.count * 2, table.storage.count / 2)
    for (i, key) in keys.enumerated() {
      XCTAssertEqual(table.find(key), Int32(i))
      XCTAssertEqual(table.insert(key).id, Int32(i))
      XCTAssertFalse(table.insert(key).inserted)
    }
    XCTAssertEqual(table.count, keys.count)
    for key in self.keys(1000, seed: 2) where !keys.contains(key) { XCTAssertEqual(table.find(key), -1) }
  }

  func testExplicitValuesAndTheExtremeKeys() {
    var table = IntPairTable()
    XCTAssertEqual(table.insert(IntPairTable.key(0, 0), value: 7).id, 7)
    XCTAssertEqual(table.insert(IntPairTable.key(Int32.max, Int32.max), value: 9).id, 9)
    let again = table.insert(IntPairTable.key(0, 0), value: 8)
    XCTAssertEqual(again.id, 7)
    XCTAssertFalse(again.inserted)
    XCTAssertEqual(table.find(IntPairTable.key(0, 0)), 7)
    XCTAssertEqual(table.find(IntPairTable.key(Int32.max, Int32.max)), 9)
    XCTAssertEqual(table.find(IntPairTable.key(0, 1)), -1)
    XCTAssertEqual(table.count, 2)
    // The two ids of a key stay apart: (a, b) is not (b, a).
    XCTAssertNotEqual(IntPairTable.key(1, 2), IntPairTable.key(2, 1))
  }

  func testKeysOnOneSlotProbeOnAndAreAllFound() {
    // A fresh table has 16 slots; these keys all hash to the slot of the first, so they fill
    // consecutive slots (linear probing), and a lookup must walk past the others.
    var table = IntPairTable(capacity: 8)
    XCTAssertEqual(table.storage.count, 32)
    let slot = { (key: UInt64) in Int((key &* 0x9E37_79B9_7F4A_7C15) >> 60) }
    let colliding = (0..<UInt64(100_000)).filter { slot($0) == slot(0) }.prefix(7)
    XCTAssertEqual(colliding.count, 7)
    for (i, key) in colliding.enumerated() { XCTAssertEqual(table.insert(key).id, Int32(i)) }
    for (i, key) in colliding.enumerated() {
      XCTAssertEqual(table.storage[2 * ((slot(0) + i) % 16)], key, "key \(i) sits \(i) slots on")
      XCTAssertEqual(table.find(key), Int32(i))
    }
    let absent = (0..<UInt64(100_000)).first { slot($0) == slot(0) && !colliding.contains($0) }!
    XCTAssertEqual(table.find(absent), -1)
  }

  func testRoundTripThroughStorage() {
    var table = IntPairTable(capacity: 4)
    let keys = keys(3000, seed: 3)
    for key in keys { _ = table.insert(key) }
    let copy = IntPairTable(storage: SlotWords(table.storage.array), valueLimit: keys.count)
    XCTAssertNotNil(copy)
    XCTAssertEqual(copy?.count, keys.count)
    for (i, key) in keys.enumerated() { XCTAssertEqual(copy?.find(key), Int32(i)) }
  }

  func testInconsistentStorageIsRefused() {
    var table = IntPairTable(capacity: 8)
    for key in keys(5, seed: 4) { _ = table.insert(key) }
    let words = table.storage.array
    XCTAssertNotNil(IntPairTable(storage: SlotWords(words), valueLimit: 5))
    // A value at or above the limit would index past the node arrays.
    XCTAssertNil(IntPairTable(storage: SlotWords(words), valueLimit: 4))
    // Not a power-of-two slot count, or an odd word count.
    XCTAssertNil(IntPairTable(storage: SlotWords(Array(words.prefix(24))), valueLimit: 5))
    XCTAssertNil(IntPairTable(storage: SlotWords(Array(words.dropLast())), valueLimit: 5))
    // More than half the slots used: a probe for an absent key might never end.
    var full = [UInt64](repeating: UInt64.max, count: 32)
    for s in 0..<9 {
      full[2 * s] = UInt64(s)
      full[2 * s + 1] = 0
    }
    XCTAssertNil(IntPairTable(storage: SlotWords(full), valueLimit: 1))
  }
}
