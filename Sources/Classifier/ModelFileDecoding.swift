import Features
import Foundation
import LinearModel

extension ModelFile {
  /// Decodes and checks model file bytes; `path` only names the file in errors.
  ///
  /// Checks, in order: magic, format version, total length (truncation), checksum
  /// (damage), then every section length against the header and the file size.
  /// - Throws: `ModelFileError` (`.empty`, `.notAModel`, `.newerVersion`, `.truncated`, `.corrupt`).
  public static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> TrainedModel {
    try decode(bytes, path: path, owner: nil)
  }

  /// As `decode(_:path:)`; when `owner` is given, the model may point into `bytes` (the
  /// vocabulary's terms and largest lookup tables) and keeps `owner` alive, and `bytes` must stay valid
  /// and unchanged while it lives. `laneChecksum`, when given, is `laneChecksum` of all but the
  /// last 8 bytes, already computed (by `read`, as it read them); it stands in for the
  /// checksum of format versions 2 and later.
  /// `direct` holds arrays that `read` read straight from the file instead of into `bytes`
  /// (where their bytes are then missing); an array is taken from there when one starts exactly
  /// where this reads an array of its length.
  static func decode(
    _ bytes: UnsafeRawBufferPointer, path: String, owner: AnyObject?, laneChecksum streamed: UInt64? = nil,
    direct: ModelFileDirectArrays = ModelFileDirectArrays.none
  ) throws -> TrainedModel {
    var direct = direct
    if bytes.isEmpty { throw ModelFileError.empty(path: path) }
    let prefix = min(bytes.count, magic.count)
    guard Array(bytes[0..<prefix]) == Array(magic[0..<prefix]) else { throw ModelFileError.notAModel(path: path) }
    func truncated(_ detail: String) -> ModelFileError { .truncated(path: path, detail: detail) }
    func corrupt(_ detail: String) -> ModelFileError { .corrupt(path: path, detail: detail) }
    guard bytes.count >= 24 else { throw truncated("\(bytes.count) bytes, shorter than the preamble") }
    var reader = ByteReader(bytes: bytes, position: 8)
    let version: UInt32 = reader.integer()
    guard version <= formatVersion else {
      throw ModelFileError.newerVersion(path: path, found: version, supported: formatVersion)
    }
    guard version >= 1 else { throw corrupt("format version 0") }
    let headerLength = Int(reader.integer() as UInt32)
    let total: UInt64 = reader.integer()
    guard total % 8 == 0, total >= 32 else { throw corrupt("impossible file length \(total)") }
    if UInt64(bytes.count) < total { throw truncated("\(bytes.count) of \(total) bytes") }
    if UInt64(bytes.count) > total { throw corrupt("\(UInt64(bytes.count) - total) bytes after the end") }
    let body = UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 8)])
    let stored = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
    let actual = version >= 2 ? streamed ?? checksum(body, version: version) : checksum(body, version: version)
    guard actual == stored else { throw corrupt("checksum mismatch") }

    // The checksum matched, so what follows can only fail on a file written wrong.
    guard reader.remaining(in: body) >= headerLength else { throw corrupt("header runs past the end") }
    let headerBytes = reader.take(headerLength)
    let metadata: ModelMetadata
    do {
      let decoder = JSONDecoder()
      decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      metadata = try decoder.decode(ModelMetadata.self, from: Data(headerBytes))
    } catch {
      throw corrupt("unreadable header")
    }
    // A header written by hand or by a broken tool must not reach code that assumes sane settings.
    do { try metadata.featureSettings.validate() } catch { throw corrupt("invalid feature settings in the header") }
    guard Set(metadata.labels).count == metadata.labels.count, !metadata.labels.contains("") else {
      throw corrupt("duplicate or empty labels in the header")
    }
    if let detector = metadata.boilerplate, !detector.isCompatible {
      throw corrupt("the boilerplate detector in the header does not fit this version's span features")
    }
    if let calibration = metadata.calibration, !calibration.isValid {
      throw corrupt("the calibration in the header has no usable temperature")
    }
    if let calibration = metadata.calibration, !(1e-6...1e6).contains(calibration.temperature) {
      throw corrupt("the calibration's temperature \(calibration.temperature) is out of range")
    }
    if let articles = metadata.articleClassifier,
      !articles.isValid(classCount: metadata.labels.count)
        || !(articles.weights + articles.intercepts).allSatisfy({ abs($0) <= Double(Self.maxWeight) })
    {
      throw corrupt("the article classifier in the header does not fit the model's labels")
    }
    try reader.skipPadding(to: 8, in: body, or: corrupt("non-zero padding"))
    guard reader.remaining(in: body) >= 32 else { throw corrupt("array sizes missing") }
    let v = Int(clamping: reader.integer() as UInt64)
    let k = Int(clamping: reader.integer() as UInt64)
    let wordTerms = Int(clamping: reader.integer() as UInt64)
    let blobLength = Int(clamping: reader.integer() as UInt64)
    guard v == metadata.vocabularySize, k == metadata.classCount, k == metadata.labels.count, k >= 1,
      wordTerms <= v
    else {
      throw corrupt("array sizes disagree with the header")
    }
    // Bound every count by the file size first, so the size arithmetic below cannot overflow.
    guard v < Int(Int32.max), k < Int(Int32.max), v <= body.count / 4, k <= body.count / 4,
      blobLength <= body.count
    else { throw corrupt("arrays run past the end") }
    let arrayBytes = 8 * (v + 1) + blobLength + 4 * v * (k + 1) + 4 * k
    guard reader.remaining(in: body) >= arrayBytes else {
      throw corrupt("arrays run past the end")
    }
    let offsets = reader.take(8 * (v + 1))
    func offset(_ i: Int) -> UInt64 {
      UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: 8 &* i, as: UInt64.self))
    }
    guard offset(0) == 0, offset(v) == UInt64(blobLength) else { throw corrupt("bad vocabulary offsets") }
    for i in 0..<v where offset(i) > offset(i + 1) { throw corrupt("bad vocabulary offsets") }
    let blob = reader.take(blobLength)
    try reader.skipPadding(to: 4, in: body, or: corrupt("non-zero padding"))
    guard reader.remaining(in: body) >= 4 * v * (k + 1) + 4 * k else { throw corrupt("arrays run past the end") }
    let idf: [Float] = reader.floats(count: v, direct: &direct)
    let weights: [Float] = reader.floats(count: v * k, direct: &direct)
    let intercepts: [Float] = reader.array(count: k)
    guard isModest(idf), isModest(weights), isModest(intercepts) else {
      throw corrupt("weights that are not finite or beyond ±\(Self.maxWeight)")
    }
    try reader.skipPadding(to: 8, in: body, or: corrupt("non-zero padding"))
    var image: UnsafeRawBufferPointer?
    if version >= 2 {
      guard reader.remaining(in: body) >= 8 else { throw corrupt("index image missing") }
      let length = Int(clamping: reader.integer() as UInt64)
      guard length % 8 == 0, length <= reader.remaining(in: body) else {
        throw corrupt("index image runs past the end")
      }
      image = reader.take(length)
    }
    var context: ArticleContext?
    if version >= 3 {
      guard reader.remaining(in: body) >= 8 else { throw corrupt("context stage flag missing") }
      let present: UInt64 = reader.integer()
      guard present <= 1 else { throw corrupt("bad context stage flag") }
      if present == 1 {
        let features = v + ArticleContext.columnsPerClass * k
        // Divide before multiplying: the counts are bounded by the file, their product is not.
        let words = reader.remaining(in: body) / 4
        guard k <= words, features <= (words - k) / k else { throw corrupt("context stage runs past the end") }
        let contextWeights: [Float] = reader.floats(count: features * k, direct: &direct)
        let contextIntercepts: [Float] = reader.array(count: k)
        guard isModest(contextWeights), isModest(contextIntercepts) else {
          throw corrupt("context weights that are not finite or beyond ±\(Self.maxWeight)")
        }
        try reader.skipPadding(to: 8, in: body, or: corrupt("non-zero padding"))
        let prior = metadata.articleContextPrior ?? 0
        guard prior.isFinite, prior >= 0 else { throw corrupt("a context prior that is not finite and >= 0") }
        context = ArticleContext(
          classifier: LogisticRegression(
            classCount: k, featureCount: features, weights: contextWeights, intercepts: contextIntercepts),
          documentPrior: prior)
      }
    }
    guard reader.position == body.count else { throw corrupt("unexpected bytes before the checksum") }
    guard (context != nil) == (metadata.articleContextFolds != nil), (metadata.articleContextFolds ?? 2) >= 2 else {
      throw corrupt("the header and the context stage disagree")
    }
    guard
      let vocabulary = Vocabulary(
        packedTerms: blob, offsets: offsets, wordTermCount: wordTerms, indexImage: image, owner: owner)
    else {
      throw corrupt("bad vocabulary index")
    }
    let vectorizer = TfidfVectorizer(settings: metadata.featureSettings, vocabulary: vocabulary, idf: idf)
    let classifier = LogisticRegression(classCount: k, featureCount: v, weights: weights, intercepts: intercepts)
    return TrainedModel(metadata: metadata, vectorizer: vectorizer, classifier: classifier, context: context)
  }
}

extension ModelFile {
  /// The largest weight magnitude a model may hold. Trained weights stay far below (under
  /// 1e3 even at `--c 1e12`); a crafted 1e30 must not overflow a Float sum into inf or NaN.
  static let maxWeight: Float = 1e20
}

/// Whether every value is finite and within ±`ModelFile.maxWeight`.
///
/// Eight values at a time with a mask that is never read inside the loop: the shipped model has
/// 2.1 M values to check at every cold start, and a loop that could stop early did not vectorize
/// (4 instructions a value, 8.6 M in all; issue 20).
private func isModest(_ values: [Float]) -> Bool {
  values.withUnsafeBufferPointer { buffer in
    let limit = SIMD8<Float>(repeating: ModelFile.maxWeight)
    var ok = SIMDMask<SIMD8<Int32>>(repeating: true)
    let raw = UnsafeRawPointer(buffer.baseAddress)
    let whole = buffer.count / 8 * 8
    var i = 0
    while i < whole {
      let x = raw!.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
      // Both comparisons are false for NaN; ±inf fails one of them.
      ok .&= (x .<= limit) .& (x .>= -limit)
      i &+= 8
    }
    var rest = true
    for x in buffer[whole...] { rest = rest && abs(x) <= ModelFile.maxWeight }  // false for NaN and ±inf too
    return rest && all(ok)
  }
}

/// Reads little-endian values from a byte buffer, front to back.
struct ByteReader {
  let bytes: UnsafeRawBufferPointer
  var position: Int

  func remaining(in limit: UnsafeRawBufferPointer) -> Int { limit.count - position }

  mutating func integer<T: FixedWidthInteger>() -> T {
    let value = T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    position += MemoryLayout<T>.size
    return value
  }

  mutating func take(_ count: Int) -> UnsafeRawBufferPointer {
    let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    position += count
    return slice
  }

  /// Copies `count` values in one `memcpy` (the file's arrays are little-endian, like the host).
  mutating func array<T>(count: Int) -> [T] {
    let size = count * MemoryLayout<T>.stride
    let source = bytes.baseAddress! + position
    position += size
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if size > 0 { memcpy(buffer.baseAddress!, source, size) }
      initialized = count
    }
  }

  /// `array(count:)` of floats, taken from `direct` when it holds exactly these (their bytes are
  /// not in `bytes` then).
  mutating func floats(count: Int, direct: inout ModelFileDirectArrays) -> [Float] {
    if let values = direct.take(at: position, count: count) {
      position += 4 * count
      return values
    }
    return array(count: count)
  }

  /// Skips the zero bytes that align the next section; non-zero padding is damage.
  mutating func skipPadding(to alignment: Int, in limit: UnsafeRawBufferPointer, or error: ModelFileError) throws {
    while position % alignment != 0 {
      guard position < limit.count, bytes[position] == 0 else { throw error }
      position += 1
    }
  }
}
