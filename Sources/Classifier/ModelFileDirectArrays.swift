import Foundation

/// The large float arrays of a model file (idf, the sentence weights, the context stage's
/// weights: 9.6 MB of the shipped model's 32) that `ModelFile.read` reads straight from the file
/// into arrays of their own, instead of into the file buffer and then copying them out.
///
/// That saves one copy of each and the zeroed pages of the file buffer they would have filled
/// (issue 20, cold start). The arrays are still owned memory filled by `read(2)`, never a
/// mapping of the file (docs/robustness.md). `decode` takes an array from here when one starts
/// exactly where it reads an array of that length; every other byte is in the file buffer.
struct ModelFileDirectArrays {
  /// One array: the file bytes `offset ..< offset + 4 * values.count`.
  struct Part {
    let offset: Int
    var values: [Float]

    var end: Int { offset + 4 * values.count }
  }

  /// Sorted by offset, not overlapping, all within the checksummed body.
  private(set) var parts: [Part]
  /// Where the sentence stage's intercepts end (the image length follows after padding).
  private var interceptsEnd = 0
  /// The offset of the context stage's part, while it is one of `parts`.
  private var contextOffset: Int?

  /// No parts: every array is in the file buffer.
  static let none = ModelFileDirectArrays()

  private init() { parts = [] }

  /// What planning needs next.
  enum Plan {
    /// The layout is not known before the first `bytes` of the file are read.
    case needs(bytes: Int)
    /// Read the file with these parts (perhaps none).
    case ready(ModelFileDirectArrays)
  }

  /// The parts of a file of `fileSize` bytes whose first bytes are `prefix`: idf and the
  /// sentence weights from format version 2 on (the checksum of version 1 is not streamed), and
  /// the context stage's weights from version 3 on, placed from the end of the file as if the
  /// stage were present (`confirmContextStage` drops that part when it is not). Parts that would start
  /// before `readSoFar` (already in the buffer), and all parts of a layout that does not fit the
  /// file, are left out: `decode` then finds those arrays in the buffer and reports any damage.
  static func plan(prefix: UnsafeRawBufferPointer, fileSize: Int, readSoFar: Int) -> Plan {
    let none = Plan.ready(.none)
    var planned = ModelFileDirectArrays()
    guard prefix.count >= 24 else { return .needs(bytes: 24) }
    guard Array(prefix[0..<8]) == ModelFile.magic else { return none }
    let version = UInt32(littleEndian: prefix.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
    guard version >= 2, version <= ModelFile.formatVersion else { return none }
    let headerLength = Int(UInt32(littleEndian: prefix.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
    let sizes = roundUp(24 + headerLength, 8)
    guard sizes + 32 <= fileSize else { return none }
    guard prefix.count >= sizes + 32 else { return .needs(bytes: sizes + 32) }
    func word(_ i: Int) -> Int {
      Int(clamping: UInt64(littleEndian: prefix.loadUnaligned(fromByteOffset: sizes + 8 * i, as: UInt64.self)))
    }
    let (v, k, blobLength) = (word(0), word(1), word(3))
    // The bounds `decode` checks first, so that the arithmetic below cannot overflow.
    guard v >= 1, k >= 1, v <= fileSize / 4, k <= fileSize / 4, blobLength <= fileSize else { return none }
    let idf = roundUp(sizes + 32 + 8 * (v + 1) + blobLength, 4)
    let body = fileSize - 8
    guard v <= (body - idf) / 4 / (k + 1) else { return none }
    let weights = idf + 4 * v
    let interceptsEnd = weights + 4 * v * k + 4 * k
    guard interceptsEnd <= body else { return none }
    planned.interceptsEnd = interceptsEnd
    func add(at offset: Int, count: Int) -> Bool {
      guard offset >= readSoFar, count > 0 else { return false }
      // Not zeroed: every byte is overwritten by `read(2)` before anything reads it.
      var values = [Float](unsafeUninitializedCapacity: count) { $1 = count }
      values.withUnsafeMutableBytes { FileBytes.adviseHugePages($0) }
      planned.parts.append(Part(offset: offset, values: values))
      return true
    }
    _ = add(at: idf, count: v)
    _ = add(at: weights, count: v * k)
    if version >= 3 {
      // Present: 8-byte flag, weights, intercepts, zero padding to 8, then the checksum.
      let features = v + ArticleContext.columnsPerClass * k
      let stage = roundUp(4 * features * k + 4 * k, 8)
      let context = body - stage
      // After the intercepts' padding, the image length and the flag at the least.
      if features <= body / 4 / k, context - 8 >= roundUp(interceptsEnd, 8) + 8 {
        if add(at: context, count: features * k) { planned.contextOffset = context }
      }
    }
    return .ready(planned)
  }

  /// Whether the context stage's part is where the file puts the stage: read the image length
  /// and the present flag from the file buffer `bytes` (read in full) and drop the part when it
  /// is not (a file without the stage), copying its bytes back into the buffer.
  mutating func confirmContextStage(in bytes: UnsafeMutableRawBufferPointer) {
    guard let context = contextOffset, let i = parts.firstIndex(where: { $0.offset == context }) else { return }
    let imageLength = roundUp(interceptsEnd, 8)
    let length = Int(clamping: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: imageLength, as: UInt64.self)))
    if length % 8 == 0, length <= bytes.count, imageLength + 8 + length + 8 == context,
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: imageLength + 8 + length, as: UInt64.self)) == 1
    {
      return
    }
    let part = parts.remove(at: i)
    contextOffset = nil
    part.values.withUnsafeBytes {
      UnsafeMutableRawBufferPointer(rebasing: bytes[part.offset..<part.end]).copyMemory(from: $0)
    }
  }

  /// Puts the first `count` bytes of the file back together in `bytes`: copies what was read of
  /// every part into the buffer and drops the parts (for a file that changed size while read,
  /// which `decode` then checks whole).
  mutating func restore(into bytes: UnsafeMutableRawBufferPointer, count: Int) {
    for part in parts where part.offset < count {
      let n = min(part.end, count) - part.offset
      part.values.withUnsafeBytes {
        UnsafeMutableRawBufferPointer(rebasing: bytes[part.offset..<(part.offset + n)]).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: $0[0..<n]))
      }
    }
    parts = []
    contextOffset = nil
  }

  /// The index of the part holding file offset `position`, if any.
  func part(containing position: Int) -> Int? {
    parts.firstIndex { $0.offset <= position && position < $0.end }
  }

  /// The first part starting after `position` (its offset), or nil.
  func nextStart(after position: Int) -> Int? {
    parts.first { $0.offset > position }?.offset
  }

  /// Reads up to `limit` bytes from `fd` into part `index` at file offset `position`, as `read(2)`.
  mutating func read(_ fd: Int32, into index: Int, at position: Int, limit: Int) -> Int {
    let offset = parts[index].offset
    return parts[index].values.withUnsafeMutableBytes {
      Foundation.read(fd, $0.baseAddress! + (position - offset), limit)
    }
  }

  /// The bytes of part `index` from file offset `position`, `count` long (for the checksum).
  func bytes<R>(of index: Int, at position: Int, count: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    let offset = parts[index].offset
    return parts[index].values.withUnsafeBytes {
      body(UnsafeRawBufferPointer(rebasing: $0[(position - offset)..<(position - offset + count)]))
    }
  }

  /// The array of `count` floats at file offset `offset`, taken out (nil when no part is exactly that).
  mutating func take(at offset: Int, count: Int) -> [Float]? {
    guard let i = parts.firstIndex(where: { $0.offset == offset && $0.values.count == count }) else { return nil }
    return parts.remove(at: i).values
  }
}

private func roundUp(_ value: Int, _ multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }
