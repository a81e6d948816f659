/// An insert-only hash map from 64-bit keys (two packed 32-bit ids) to 32-bit values (by
/// default dense ids 0, 1, 2 ... in insertion order). Key and value share one 16-byte slot,
/// so a lookup costs one cache miss.
struct IntPairTable: Sendable {
  /// Slot `s` is `storage[2s]` (key) and `storage[2s + 1]` (id); `empty` marks a free slot.
  private(set) var storage: SlotWords
  private var shift: UInt64
  private(set) var count = 0
  private static let empty = UInt64.max

  /// A table from another's `storage`, or nil when it is not one: a power-of-two slot count,
  /// at most half of the slots used (so every probe ends), every value below `valueLimit`.
  init?(storage: SlotWords, valueLimit: Int) {
    let slots = storage.count / 2
    guard slots >= 16, slots & (slots - 1) == 0, storage.count == 2 * slots else { return nil }
    let limit = UInt64(max(valueLimit, 0))
    let used: Int? = storage.withUnsafeBufferPointer { words in
      var used = 0
      for s in 0..<slots where words[2 * s] != IntPairTable.empty {
        guard words[2 * s + 1] < limit else { return nil }
        used += 1
      }
      return used
    }
    guard let used, used * 2 <= slots else { return nil }
    self.storage = storage
    self.shift = 64 - UInt64(slots.trailingZeroBitCount)
    self.count = used
  }

  init(capacity: Int = 1024) {
    var bits: UInt64 = 4
    while (1 << bits) < capacity * 2 { bits += 1 }
    storage = SlotWords(repeating: IntPairTable.empty, count: 2 << bits)
    shift = 64 - bits
  }

  /// Packs two non-negative ids into a key.
  @inline(__always)
  static func key(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
  }

  @inline(__always)
  private static func slot(of key: UInt64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The id stored for `key`, or -1.
  @inline(__always)
  func find(_ key: UInt64) -> Int32 {
    let shift = self.shift
    return storage.withUnsafeBufferPointer { s in
      let mask = s.count / 2 - 1
      var i = IntPairTable.slot(of: key, shift: shift)
      while true {
        let k = s[2 &* i]
        if k == key { return Int32(truncatingIfNeeded: s[2 &* i &+ 1]) }
        if k == IntPairTable.empty { return -1 }
        i = (i &+ 1) & mask
      }
    }
  }

  /// The id of `key`, giving it the next id (`count`) if new; `inserted` tells which.
  @inline(__always)
  mutating func insert(_ key: UInt64) -> (id: Int32, inserted: Bool) {
    insert(key, value: Int32(count))
  }

  /// The value stored for `key`, storing `value` if the key is new; `inserted` tells which.
  @inline(__always)
  mutating func insert(_ key: UInt64, value: Int32) -> (id: Int32, inserted: Bool) {
    let shift = self.shift
    let next = Int(value)
    let result: (Int32, Bool) = storage.withUnsafeMutableBufferPointer { s in
      let mask = s.count / 2 - 1
      var i = IntPairTable.slot(of: key, shift: shift)
      while true {
        let k = s[2 &* i]
        if k == key { return (Int32(truncatingIfNeeded: s[2 &* i &+ 1]), false) }
        if k == IntPairTable.empty {
          s[2 &* i] = key
          s[2 &* i &+ 1] = UInt64(next)
          return (Int32(next), true)
        }
        i = (i &+ 1) & mask
      }
    }
    if result.1 {
      count += 1
      if count * 2 > storage.count / 2 { grow() }
    }
    return result
  }

  private mutating func grow() {
    let old = storage.array
    let bits = 64 - shift + 1
    storage = SlotWords(repeating: IntPairTable.empty, count: 2 << bits)
    shift = 64 - bits
    let shift = self.shift
    storage.withUnsafeMutableBufferPointer { s in
      let mask = s.count / 2 - 1
      var j = 0
      while j < old.count {
        let k = old[j]
        if k != IntPairTable.empty {
          var i = IntPairTable.slot(of: k, shift: shift)
          while s[2 &* i] != IntPairTable.empty { i = (i &+ 1) & mask }
          s[2 &* i] = k
          s[2 &* i &+ 1] = old[j + 1]
        }
        j += 2
      }
    }
  }
}
