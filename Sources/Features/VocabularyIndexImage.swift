import Foundation

#if _endian(big)
  #error("the index image stores little-endian arrays and is read by copying; add byte swapping first")
#endif

/// The lookup tables of a `VocabularyIndex` as bytes, so that a model file can carry them and
/// loading a model copies arrays instead of hashing every term again (issue 4: rebuilding the
/// index was half of a cold `stance score`).
///
/// Layout: a sequence of arrays, each an 8-byte element count followed by the elements
/// (little-endian) and zero padding to a multiple of 8, in this order:
/// ```
/// [Int64]   firstCharColumn, charColumnsContiguous (0/1)
/// chars:    slots [UInt64], offsets [Int64], hashes [UInt64], kinds [UInt8], arena [UInt8]
/// [Int32]   columnOfChar
/// tokens:   slots, offsets, hashes, kinds, arena (as chars)
/// [Int32]   nodeOfToken
/// [UInt64]  pair table storage
/// [Int32]   prefixOfNode, lastTokenOfNode, columnOfNode
/// ```
/// The bytes depend only on the terms and the `HashScheme` of the build that wrote them (each
/// term's stored hash records it), since they are those of `VocabularyIndex.build`. A reader
/// checks a few terms (`VocabularyIndex.findsTerms`) and rebuilds an index of another scheme.
enum VocabularyIndexImage {
  /// The image of `index`; its length is a multiple of 8.
  static func encode(_ index: VocabularyIndex) -> [UInt8] {
    var out = ImageWriter()
    out.append([Int64(index.firstCharColumn), index.charColumnsContiguous ? 1 : 0])
    out.append(index.chars)
    out.append(index.columnOfChar)
    out.append(index.words.tokens)
    out.append(index.words.nodeOfToken)
    out.append(index.words.pairs.storage.array)
    out.append(index.words.prefixOfNode)
    out.append(index.words.lastTokenOfNode)
    out.append(index.columnOfNode)
    return out.bytes
  }

  /// The index stored in `bytes` for a vocabulary of `columnCount` terms, or nil when the
  /// bytes are not a consistent image (every array bounded and cross-checked, so that no
  /// lookup in the result can read out of bounds or loop forever).
  /// - Parameter keeper: when given, the hash tables' slot arrays are not copied but point
  ///   into `bytes`, which must stay valid and unchanged while `keeper` lives.
  static func decode(_ bytes: UnsafeRawBufferPointer, columnCount: Int, keeper: AnyObject?) -> VocabularyIndex? {
    var reader = ImageReader(bytes: bytes, keeper: keeper)
    guard let flags: [Int64] = reader.array(), flags.count == 2, flags[1] == 0 || flags[1] == 1,
      let first = Int32(exactly: flags[0]),
      let chars = reader.termTable(),
      let columnOfChar: [Int32] = reader.array(),
      let tokens = reader.termTable(),
      let nodeOfToken: [Int32] = reader.array(),
      let pairs = reader.slotWords(),
      let prefixOfNode: [Int32] = reader.array(),
      let lastTokenOfNode: [Int32] = reader.array(),
      let columnOfNode: [Int32] = reader.array(),
      reader.position == bytes.count,
      let words = WordGramTable(
        tokens: tokens, nodeOfToken: nodeOfToken, pairs: pairs, prefixOfNode: prefixOfNode,
        lastTokenOfNode: lastTokenOfNode)
    else { return nil }
    return VocabularyIndex(
      words: words, columnOfNode: columnOfNode, chars: chars, columnOfChar: columnOfChar, firstCharColumn: first,
      charColumnsContiguous: flags[1] == 1, columnCount: columnCount)
  }
}

/// Appends counted, 8-byte-aligned little-endian arrays.
private struct ImageWriter {
  var bytes: [UInt8] = []

  mutating func append<T>(_ values: [T]) {
    withUnsafeBytes(of: UInt64(values.count).littleEndian) { bytes.append(contentsOf: $0) }
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    while bytes.count % 8 != 0 { bytes.append(0) }
  }

  mutating func append(_ table: TermTable) {
    append(table.slots.array)
    append(table.offsets)
    append(table.hashes)
    append(table.kinds)
    append(table.arena)
  }
}

/// Reads what `ImageWriter` wrote, refusing anything that runs past the end or is mis-padded.
private struct ImageReader {
  let bytes: UnsafeRawBufferPointer
  let keeper: AnyObject?
  var position = 0

  init(bytes: UnsafeRawBufferPointer, keeper: AnyObject?) {
    self.bytes = bytes
    self.keeper = keeper
  }

  /// The next `[UInt64]` array as slot words: borrowed from `bytes` when there is a keeper
  /// (and the words are aligned), else copied.
  mutating func slotWords() -> SlotWords? {
    let start = position
    if let keeper, let base = bytes.baseAddress, bytes.count - start >= 8, Int(bitPattern: base + start + 8) % 8 == 0 {
      guard let _: [UInt64] = array(copy: false) else { return nil }
      let count = (position - start - 8) / 8
      let words = (base + start + 8).bindMemory(to: UInt64.self, capacity: count)
      return SlotWords(borrowing: UnsafeBufferPointer(start: words, count: count), keeper: keeper)
    }
    return array().map { SlotWords($0) }
  }

  /// The next array, copied in one `memcpy` (or skipped, empty, when `copy` is false); nil
  /// when its count or padding is wrong.
  mutating func array<T>(copy: Bool = true) -> [T]? {
    guard bytes.count - position >= 8 else { return nil }
    let count = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    let stride = UInt64(MemoryLayout<T>.stride)
    guard count <= UInt64(bytes.count - position - 8) / stride else { return nil }
    let n = Int(count)
    let size = n * MemoryLayout<T>.stride
    let padded = (size + 7) / 8 * 8
    guard padded <= bytes.count - position - 8 else { return nil }
    let source = bytes.baseAddress! + position + 8
    for i in size..<padded where source.load(fromByteOffset: i, as: UInt8.self) != 0 { return nil }
    position += 8 + padded
    if !copy { return [] }
    return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      if size > 0 { memcpy(buffer.baseAddress!, source, size) }
      initialized = n
    }
  }

  mutating func termTable() -> TermTable? {
    guard let slots = slotWords(), let offsets: [Int] = array(), let hashes: [UInt64] = array(),
      let kinds: [UInt8] = array(), let arena: [UInt8] = array()
    else { return nil }
    return TermTable(slots: slots, offsets: offsets, hashes: hashes, kinds: kinds, arena: arena)
  }
}
