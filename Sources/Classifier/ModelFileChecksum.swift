extension ModelFile {
  /// The checksum of format `version` over `bytes` (a multiple of 8 long): `wordChecksum`
  /// for version 1, `laneChecksum` from version 2 on.
  static func checksum(_ bytes: UnsafeRawBufferPointer, version: UInt32) -> UInt64 {
    version <= 1 ? wordChecksum(bytes) : laneChecksum(bytes)
  }

  /// FNV-1a 64 over little-endian 8-byte words (`bytes.count` must be a multiple of 8):
  /// eight times faster than byte-wise FNV and still changes on any single flipped bit.
  static func wordChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let words = bytes.count / 8
    for i in 0..<words {
      hash ^= UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// The checksum of format version 2 and later over `bytes` (see `LaneChecksum`); trailing
  /// bytes short of a whole 8-byte word are ignored.
  static func laneChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var sum = LaneChecksum()
    let groups = bytes.count / LaneChecksum.groupBytes * LaneChecksum.groupBytes
    sum.add(UnsafeRawBufferPointer(rebasing: bytes[0..<groups]))
    return sum.finish(tail: UnsafeRawBufferPointer(rebasing: bytes[groups...]))
  }
}

/// The checksum of model files from format version 2 on, computed piece by piece: four
/// independent FNV-1a 64 lanes over the little-endian 8-byte words (word `i` into lane `i % 4`),
/// then FNV-1a 64 over the four lane values.
///
/// Each FNV step is a bijection of the running hash and of the word, so any single changed
/// word still changes the result, and the lanes' multiplies overlap instead of waiting on each
/// other (one chain of multiplies over an 18 MB model file was 7% of a cold `stance score`).
/// Pieces let `ModelFile.read` fold each block of the file in while it is still in the cache
/// from `read(2)`, instead of a second pass over 32 MB from memory (issue 20).
struct LaneChecksum {
  /// Bytes of one group of four words, one per lane: `add` takes whole groups.
  static let groupBytes = 32
  private static let prime: UInt64 = 0x0000_0100_0000_01b3
  private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
  private var lanes: (UInt64, UInt64, UInt64, UInt64) = (basis, basis, basis, basis)

  /// Folds in `bytes`, whose length must be a multiple of `groupBytes` (so that the next
  /// piece starts again at lane 0).
  @inline(__always)
  mutating func add(_ bytes: UnsafeRawBufferPointer) {
    precondition(bytes.count % Self.groupBytes == 0, "LaneChecksum.add takes whole groups of four words")
    let prime = Self.prime
    let words = bytes.count / 8
    func word(_ i: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)) }
    var i = 0
    while i &+ 4 <= words {
      lanes.0 = (lanes.0 ^ word(i)) &* prime
      lanes.1 = (lanes.1 ^ word(i &+ 1)) &* prime
      lanes.2 = (lanes.2 ^ word(i &+ 2)) &* prime
      lanes.3 = (lanes.3 ^ word(i &+ 3)) &* prime
      i &+= 4
    }
  }

  /// The checksum of everything added, followed by `tail` (fewer than `groupBytes` bytes; a
  /// last part of a word is ignored).
  func finish(tail: UnsafeRawBufferPointer) -> UInt64 {
    let prime = Self.prime
    var lanes = self.lanes
    let words = min(tail.count / 8, 3)
    func word(_ i: Int) -> UInt64 { UInt64(littleEndian: tail.loadUnaligned(fromByteOffset: i &* 8, as: UInt64.self)) }
    if words > 0 { lanes.0 = (lanes.0 ^ word(0)) &* prime }
    if words > 1 { lanes.1 = (lanes.1 ^ word(1)) &* prime }
    if words > 2 { lanes.2 = (lanes.2 ^ word(2)) &* prime }
    var hash = Self.basis
    for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { hash = (hash ^ lane) &* prime }
    return hash
  }
}

/// `LaneChecksum` over bytes fed in pieces of any length, from different buffers (`ModelFile.read`
/// reads some of a file's arrays straight into arrays of their own): a piece that ends inside a
/// group leaves its last bytes in a carry until the next piece completes the group.
struct StreamedLaneChecksum {
  private var sum = LaneChecksum()
  private var carry: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var carried = 0

  /// This checksum with the next `bytes` of the stream added: by value and not inlined, so that
  /// the running lanes are the function's own locals, in registers, whatever the caller does
  /// (a caller's loop kept them in memory, and the compiler then made their multiplies
  /// emulated vector ones: twice the instructions of the scalar ones).
  @inline(never)
  func adding(_ bytes: UnsafeRawBufferPointer) -> StreamedLaneChecksum {
    var running = self
    running.feed(bytes)
    return running
  }

  /// Adds the next `bytes` of the checksummed stream.
  @inline(__always)
  mutating func feed(_ bytes: UnsafeRawBufferPointer) {
    var rest = bytes
    if carried > 0 {
      let n = min(LaneChecksum.groupBytes - carried, rest.count)
      let start = carried
      withUnsafeMutableBytes(of: &carry) { c in
        UnsafeMutableRawBufferPointer(rebasing: c[start..<(start + n)]).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: rest[0..<n]))
      }
      carried += n
      rest = UnsafeRawBufferPointer(rebasing: rest[n...])
      guard carried == LaneChecksum.groupBytes else { return }
      let group = carry
      withUnsafeBytes(of: group) { sum.add($0) }
      carried = 0
    }
    let whole = rest.count / LaneChecksum.groupBytes * LaneChecksum.groupBytes
    sum.add(UnsafeRawBufferPointer(rebasing: rest[0..<whole]))
    let tail = rest.count - whole
    if tail > 0 {
      withUnsafeMutableBytes(of: &carry) { c in
        UnsafeMutableRawBufferPointer(rebasing: c[0..<tail]).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: rest[whole...]))
      }
      carried = tail
    }
  }

  /// The checksum of everything fed (`ModelFile.laneChecksum` of the whole stream).
  func finish() -> UInt64 {
    let (group, count) = (carry, carried)
    return withUnsafeBytes(of: group) { sum.finish(tail: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
  }
}
