import Foundation

/// Which n-gram space a term belongs to. Word and character n-grams may spell the same
/// bytes ("ab"), so the kind is part of a term's identity.
public enum NGramKind: UInt8, Codable, Sendable {
  /// A word n-gram: tokens joined by single spaces.
  case word = 0
  /// A character n-gram inside word boundaries, padded with spaces (scikit-learn's `char_wb`).
  case character = 1
}

/// The `count` (0...7) bytes at `p` as a little-endian word, zero-padded, in at most three
/// loads (4, 2, 1 bytes) that never read past the end.
@inline(__always)
func loadShort(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
  var v: UInt64 = 0
  var shift: UInt64 = 0
  var i = 0
  if count >= 4 {
    v = UInt64(p.loadUnaligned(as: UInt32.self))
    shift = 32
    i = 4
  }
  if count &- i >= 2 {
    v |= UInt64(p.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << shift
    shift &+= 16
    i &+= 2
  }
  if i < count { v |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift }
  return v
}

/// Hashes `count` bytes at `p` (any alignment); `seed` separates the n-gram kinds.
@inline(__always)
func hashBytes(_ p: UnsafeRawPointer, _ count: Int, seed: UInt64) -> UInt64 {
  var h = seed &+ UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
  var i = 0
  while i &+ 8 <= count {
    let v = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
    h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 29
    i &+= 8
  }
  if i < count {
    h = (h ^ loadShort(p + i, count &- i)) &* 0x94D0_49BB_1331_11EB
  }
  // murmur3's finalizer spreads every input bit over the slot index bits.
  h ^= h >> 33
  h = h &* 0xFF51_AFD7_ED55_8CCD
  h ^= h >> 33
  h = h &* 0xC4CE_B9FE_1A85_EC53
  h ^= h >> 33
  return h
}

/// An insert-only hash set of byte strings (terms), each tagged with its `NGramKind`.
///
/// Terms get dense ids 0, 1, 2 ... in insertion order; their bytes live back to back in one
/// arena, so counting millions of n-grams allocates no `String`s.
struct TermTable: Sendable {
  private(set) var arena: [UInt8] = []
  /// Start of term `i` in `arena` is `offsets[i]`, its end `offsets[i + 1]`.
  private(set) var offsets: [Int] = [0]
  private(set) var hashes: [UInt64] = []
  private(set) var kinds: [UInt8] = []
  /// Open addressing with linear probing; slot `i` is `slots[2i]` and `slots[2i + 1]`.
  /// The first word holds the hash's top 24 bits, the length (capped at 255), the kind and
  /// id + 1 (0 = empty); the second holds the bytes of a term of up to 8 bytes (zero-padded).
  /// So most lookups of short terms (tokens) cost one cache miss and touch no other array.
  private(set) var slots: SlotWords
  private var mask: Int

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = SlotWords(repeating: 0, count: 2 * size)
    mask = size - 1
  }

  var count: Int { hashes.count }

  /// A table from the arrays of another (see `VocabularyIndex.image`), or nil when they are
  /// inconsistent in any way a lookup could trip on: sizes, offsets, kinds, slot ids, or a
  /// table without the free slots that end every probe.
  init?(slots: SlotWords, offsets: [Int], hashes: [UInt64], kinds: [UInt8], arena: [UInt8]) {
    let size = slots.count / 2
    let count = hashes.count
    guard size >= 16, size & (size - 1) == 0, slots.count == 2 * size, kinds.count == count,
      offsets.count == count + 1, offsets.first == 0, offsets.last == arena.count, count * 2 <= size
    else { return nil }
    for i in 0..<count where offsets[i] > offsets[i + 1] || kinds[i] > 1 { return nil }
    let used: Int? = slots.withUnsafeBufferPointer { words in
      var used = 0
      for s in 0..<size where words[2 * s] != 0 {
        let id = Int(truncatingIfNeeded: words[2 * s] & 0x7FFF_FFFF) - 1
        guard id >= 0, id < count else { return nil }
        used += 1
      }
      return used
    }
    guard used == count else { return nil }
    self.slots = slots
    self.mask = size - 1
    self.offsets = offsets
    self.hashes = hashes
    self.kinds = kinds
    self.arena = arena
  }

  static func seed(_ kind: NGramKind) -> UInt64 { kind == .word ? 0x243F_6A88_85A3_08D3 : 0x1319_8A2E_0370_7344 }

  fileprivate static let matchMask: UInt64 = 0xFFFF_FFFF_8000_0000

  /// The parts of a slot's first word that identify a term: tag, length, kind.
  @inline(__always)
  fileprivate static func signature(hash: UInt64, length: Int, kind: NGramKind) -> UInt64 {
    (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(length, 255)) << 32 | UInt64(kind.rawValue) << 31
  }

  /// The first (up to) 8 bytes, zero-padded, as one word.
  @inline(__always)
  fileprivate static func inlineWord(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let n = bytes.count
    guard n > 0 else { return 0 }
    if n >= 8 { return bytes.baseAddress!.loadUnaligned(as: UInt64.self) }
    return loadShort(bytes.baseAddress!, n)
  }

  /// The slot holding the term, or the empty slot where it would go; and its id or -1.
  @inline(__always)
  private func probe(_ bytes: UnsafeRawBufferPointer, kind: NGramKind, hash: UInt64) -> (slot: Int, id: Int) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    let signature = TermTable.signature(hash: hash, length: bytes.count, kind: kind)
    let short = bytes.count <= 8
    let word = short ? TermTable.inlineWord(bytes) : 0
    return slots.withUnsafeBufferPointer { s in
      while true {
        let entry = s[2 &* slot]
        if entry == 0 { return (slot, -1) }
        if entry & TermTable.matchMask == signature {
          let id = Int(truncatingIfNeeded: entry & 0x7FFF_FFFF) - 1
          if short {
            if s[2 &* slot &+ 1] == word { return (slot, id) }
          } else if matches(id, bytes, kind: kind, hash: hash) {
            return (slot, id)
          }
        }
        slot = (slot &+ 1) & mask
      }
    }
  }

  /// The id of the term with these bytes and kind, or -1.
  @inline(__always)
  func find(_ bytes: UnsafeRawBufferPointer, kind: NGramKind, hash: UInt64) -> Int32 {
    Int32(probe(bytes, kind: kind, hash: hash).id)
  }

  /// The id of the term, inserting it if new; `inserted` tells which.
  @inline(__always)
  mutating func insert(_ bytes: UnsafeRawBufferPointer, kind: NGramKind, hash: UInt64) -> (id: Int32, inserted: Bool) {
    let (slot, found) = probe(bytes, kind: kind, hash: hash)
    if found >= 0 { return (Int32(found), false) }
    let id = hashes.count
    precondition(id < Int(Int32.max) - 1, "too many distinct terms")
    slots[2 * slot] = TermTable.signature(hash: hash, length: bytes.count, kind: kind) | UInt64(id + 1)
    slots[2 * slot + 1] = bytes.count <= 8 ? TermTable.inlineWord(bytes) : 0
    hashes.append(hash)
    kinds.append(kind.rawValue)
    arena.append(contentsOf: bytes)
    offsets.append(arena.count)
    if hashes.count * 2 > slots.count / 2 { grow() }
    return (Int32(id), true)
  }

  @inline(__always)
  private func matches(_ id: Int, _ bytes: UnsafeRawBufferPointer, kind: NGramKind, hash: UInt64) -> Bool {
    offsets.withUnsafeBufferPointer { o in
      let start = o[id]
      let length = o[id + 1] - start
      guard length == bytes.count, hashes[id] == hash, kinds[id] == kind.rawValue else { return false }
      if length == 0 { return true }
      return arena.withUnsafeBytes { a in
        let x = a.baseAddress! + start
        let y = bytes.baseAddress!
        if length > 16 { return memcmp(x, y, length) == 0 }
        // Short terms (most tokens): compare 8 bytes at a time without a library call.
        var i = 0
        while i + 8 <= length {
          if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          {
            return false
          }
          i += 8
        }
        while i < length {
          if x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
          i += 1
        }
        return true
      }
    }
  }

  private mutating func grow() {
    let old = slots.array
    let size = slots.count  // twice the old number of slots
    slots = SlotWords(repeating: 0, count: 2 * size)
    mask = size - 1
    let hashes = self.hashes
    let mask = self.mask
    slots.withUnsafeMutableBufferPointer { s in
      var i = 0
      while i < old.count {
        let entry = old[i]
        if entry != 0 {
          let id = Int(truncatingIfNeeded: entry & 0x7FFF_FFFF) - 1
          var slot = Int(truncatingIfNeeded: hashes[id]) & mask
          while s[2 &* slot] != 0 { slot = (slot &+ 1) & mask }
          s[2 &* slot] = entry
          s[2 &* slot &+ 1] = old[i + 1]
        }
        i += 2
      }
    }
  }

  /// The bytes of term `id`.
  func bytes(of id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

  /// The kind of term `id`.
  func kind(of id: Int) -> NGramKind { NGramKind(rawValue: kinds[id])! }
}

extension TermTable {
  /// Calls `body` with a lookup view of the table that holds raw pointers only, so a hot
  /// loop's lookups retain and release nothing (a copy of the table itself retains five
  /// arrays, and on several threads those reference counts contend). The view is valid only
  /// inside `body`.
  func withFinder<R>(_ body: (TermFinder) -> R) -> R {
    slots.withUnsafeBufferPointer { s in
      offsets.withUnsafeBufferPointer { o in
        arena.withUnsafeBytes { a in
          body(TermFinder(slots: s.baseAddress!, mask: mask, offsets: o.baseAddress!, arena: a.baseAddress))
        }
      }
    }
  }
}

/// A read-only view of a `TermTable` through raw pointers (see `TermTable.withFinder`).
struct TermFinder {
  let slots: UnsafePointer<UInt64>
  let mask: Int
  let offsets: UnsafePointer<Int>
  let arena: UnsafeRawPointer?

  /// The id of the term with these bytes and kind, or -1; the same answer as `TermTable.find`.
  @inline(__always)
  func find(_ bytes: UnsafeRawBufferPointer, kind: NGramKind, hash: UInt64) -> Int32 {
    let n = bytes.count
    var slot = Int(truncatingIfNeeded: hash) & mask
    let signature = TermTable.signature(hash: hash, length: n, kind: kind)
    let short = n <= 8
    let word = short ? TermTable.inlineWord(bytes) : 0
    while true {
      let entry = slots[2 &* slot]
      if entry == 0 { return -1 }
      if entry & TermTable.matchMask == signature {
        let id = Int(truncatingIfNeeded: entry & 0x7FFF_FFFF) &- 1
        if short {
          if slots[2 &* slot &+ 1] == word { return Int32(truncatingIfNeeded: id) }
        } else {
          let start = offsets[id]
          if offsets[id &+ 1] &- start == n, let arena, memcmp(arena + start, bytes.baseAddress!, n) == 0 {
            return Int32(truncatingIfNeeded: id)
          }
        }
      }
      slot = (slot &+ 1) & mask
    }
  }
}
