import Features
import Foundation

#if _endian(big)
  #error("the model file stores little-endian arrays and is decoded by copying; add byte swapping first")
#endif

/// The versioned binary model file.
///
/// Layout (all integers and floats little-endian):
/// ```
/// offset  size      field
/// 0       8         magic "STANCEMD"
/// 8       4         format version (UInt32, 4 or 5; version 1 ends after the intercepts' padding,
///                   version 2 after the index image; versions 4 and 5 have version 3's layout)
/// 12      4         header length H (UInt32)
/// 16      8         total file length in bytes (UInt64), to tell truncation from damage
/// 24      H         header: ModelMetadata as JSON with sorted keys
///         0-7       zero padding to a multiple of 8
///         8         term count V (UInt64)
///         8         class count K (UInt64)
///         8         word term count W (UInt64): terms[0..<W] are word n-grams, the rest character n-grams
///         8         vocabulary blob length B (UInt64)
///         8(V+1)    term offsets into the blob (UInt64), first 0, last B
///         B         vocabulary blob: the terms' UTF-8 bytes, back to back
///         0-3       zero padding to a multiple of 4
///         4V        idf (Float32)
///         4VK       weights (Float32), feature-major: feature j's K weights contiguous
///         4K        intercepts (Float32)
///         0-7       zero padding to a multiple of 8
///         8         index image length I (UInt64), a multiple of 8              (version 2)
///         I         the vocabulary's lookup tables (`Vocabulary.indexImage()`)  (version 2)
///         8         context stage present S (UInt64, 0 or 1)                    (version 3)
///         4(V+2K)K  S = 1: the context stage's weights (Float32), feature-major  (version 3)
///         4K        S = 1: its intercepts (Float32)                              (version 3)
///         0-7       zero padding to a multiple of 8                             (version 3)
///         8         checksum (UInt64) over the 8-byte words of everything before: FNV-1a 64
///                   (version 1); version 2: four FNV-1a 64 lanes (word i into lane i mod 4)
///                   combined by FNV-1a 64, four times faster on the larger file
/// ```
/// Version 2 stores the lookup tables so that loading copies them instead of hashing every
/// term (a cold `stance score` spent half its time there); version 1 files are still read,
/// and their index is built on first use. The tables hold each term's hash, so they record the
/// hashing scheme (`hashBytes` and its seeds) that filed the terms: loading looks a few terms up
/// and, should a build with another scheme have written the file, builds the index afresh. Version 3 adds the optional article-context stage
/// (`ArticleContext`); older files have none. Version 4 keeps version 3's layout; its header may
/// carry the boilerplate detector and the article classifier, which a version-3 reader would
/// silently ignore (and so score differently), hence the new number. Version 5 keeps it too; it
/// is written when the article classifier reads attribution (`ArticleEvidence.Layout.attribution`),
/// which a version-4 reader would take for a malformed classifier; other models are still written
/// as version 4, so that older builds read them.
/// Writing goes to a temporary file in the target directory, then `rename(2)`, so an
/// interrupted write never leaves half a model under the real name.
public enum ModelFile {
  /// The first 8 bytes of every model file.
  public static let magic: [UInt8] = Array("STANCEMD".utf8)
  /// The newest format version this build reads (and writes, for a model whose article
  /// classifier reads attribution; see `version(of:)`).
  public static let formatVersion: UInt32 = 5

  /// The version a model is written as: the oldest whose readers score it as this build does.
  public static func version(of metadata: ModelMetadata) -> UInt32 {
    metadata.articleClassifier?.readsAttribution == true ? 5 : 4
  }

  /// Checks, before any work, that a model can be written at `path`, and returns the file
  /// that will be replaced: `path` itself, or the file a symbolic link at `path` points to
  /// (links are followed, so the link stays and its target gets the new model).
  ///
  /// Only regular files are ever replaced: a directory, device, FIFO or socket at `path` (or
  /// as the link's target) is refused, as is a dangling link. A missing parent directory is
  /// fine (`write` creates it) as long as its nearest existing ancestor is a writable directory.
  /// - Throws: `ModelFileError.isDirectory` or `.io` saying what is wrong with `path`.
  public static func checkWritable(_ path: String) throws -> String {
    guard !path.isEmpty else { throw ModelFileError.io(path: "\"\"", reason: "an empty path is not a model file") }
    if path.hasSuffix("/") { throw ModelFileError.isDirectory(path: path) }
    var target = path
    var info = stat()
    if lstat(path, &info) == 0 {
      if info.st_mode & S_IFMT == S_IFLNK {
        guard let resolved = realpath(path, nil) else {
          throw ModelFileError.io(path: path, reason: "a symbolic link to nothing; remove it or give another path")
        }
        target = String(cString: resolved)
        free(resolved)
        guard stat(target, &info) == 0 else {
          throw ModelFileError.io(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
        }
      }
      if info.st_mode & S_IFMT == S_IFDIR { throw ModelFileError.isDirectory(path: path) }
      guard info.st_mode & S_IFMT == S_IFREG else {
        throw ModelFileError.io(
          path: path, reason: "not a regular file (a device, pipe or socket); stance replaces only regular files")
      }
    }
    // The nearest existing ancestor must be a directory we may write into.
    var directory = (target as NSString).deletingLastPathComponent
    while true {
      let probe = directory.isEmpty ? "." : directory
      var dirInfo = stat()
      if stat(probe, &dirInfo) == 0 {
        guard dirInfo.st_mode & S_IFMT == S_IFDIR else {
          throw ModelFileError.io(path: path, reason: "\(probe) is not a directory")
        }
        guard access(probe, W_OK) == 0 else {
          throw ModelFileError.io(path: path, reason: "cannot write in \(probe): \(String(cString: strerror(errno)))")
        }
        return target
      }
      guard !directory.isEmpty, directory != "/" else { return target }
      directory = (directory as NSString).deletingLastPathComponent
    }
  }

  /// Where `write` records the temporary file it is writing (a C string, or nil), so that a
  /// signal handler of the program can remove it on SIGINT or SIGTERM: a plain pointer, read
  /// without locks or allocation (async-signal-safe).
  public static let temporaryFileSlot: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let slot = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 1)
    slot.initialize(to: nil)
    return slot
  }()

  /// Writes `model` to `path` atomically (temporary file + rename), creating the
  /// parent directory if needed. An existing file at `path` is replaced only on success,
  /// keeps its permission bits, and must be a regular file (a link is followed to one; see
  /// `checkWritable`). Temporary files of this naming left by a process that no longer runs
  /// (killed mid-write) are removed.
  /// - Throws: `ModelFileError.io` or `.isDirectory` when the file system refuses,
  ///   `.inconsistent` when the model's parts disagree.
  public static func write(_ model: TrainedModel, to path: String) throws {
    let bytes = try encode(model)
    let target = try checkWritable(path)
    let directory = (target as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw ModelFileError.io(path: path, reason: "cannot create directory \(directory)")
      }
    }
    let name = (target as NSString).lastPathComponent
    removeStaleTemporaryFiles(of: name, in: directory.isEmpty ? "." : directory)
    var mode: mode_t = 0o644
    var old = stat()
    if stat(target, &old) == 0 { mode = old.st_mode & 0o7777 }
    let temporary =
      (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let cPath = strdup(temporary)
    temporaryFileSlot.pointee = cPath
    defer {
      temporaryFileSlot.pointee = nil
      free(cPath)
    }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw ModelFileError.io(path: path, reason: String(cString: strerror(errno))) }
    var failure: String?
    if fchmod(fd, mode) != 0 { failure = String(cString: strerror(errno)) }
    bytes.withUnsafeBytes { raw in
      var done = 0
      while failure == nil && done < raw.count {
        let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        done += n
      }
    }
    if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil, rename(temporary, target) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw ModelFileError.io(path: path, reason: failure)
    }
  }

  /// Removes `.NAME.tmp-PID-RANDOM` files in `directory` whose process no longer runs.
  static func removeStaleTemporaryFiles(of name: String, in directory: String) {
    let prefix = ".\(name).tmp-"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for entry in entries where entry.hasPrefix(prefix) {
      let parts = entry.dropFirst(prefix.count).split(separator: "-")
      guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
    }
  }

  /// The largest model file `read` accepts (the shipped model is about 20 MB).
  public static let maxFileBytes = 1 << 31

  /// Reads and checks the model file at `path`: reads idf and both stages' weights straight
  /// into their arrays (`ModelFileDirectArrays`) and the rest into memory the model owns, copies
  /// the smaller arrays out in bulk and points into that copy for the vocabulary's hash-table
  /// slots.
  ///
  /// The file is read, not mapped: a mapped file rewritten in place while it is used (a
  /// `cp` or `truncate` over the model during a long `stance score`) killed the process with
  /// SIGBUS. Only regular files are read: a device (`/dev/zero`) or a FIFO would never end.
  /// - Throws: `ModelFileError` saying plainly what is wrong with the file.
  public static func read(_ path: String) throws -> TrainedModel {
    try read(path, block: 256 << 10)
  }

  /// `read(_:)` with `read(2)` calls of at most `block` bytes (tests use small ones, so that
  /// a small model's arrays are read straight into their own arrays too).
  static func read(_ path: String, block: Int) throws -> TrainedModel {
    // O_NONBLOCK: opening a FIFO without a writer must not block (it is refused below).
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else {
      let error = errno
      if error == ENOENT { throw ModelFileError.notFound(path: path) }
      if error == EISDIR { throw ModelFileError.isDirectory(path: path) }
      throw ModelFileError.io(path: path, reason: "cannot read: \(String(cString: strerror(error)))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw ModelFileError.io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
    }
    if info.st_mode & S_IFMT == S_IFDIR { throw ModelFileError.isDirectory(path: path) }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw ModelFileError.io(path: path, reason: "not a regular file (a device, pipe or socket), not a model file")
    }
    let size = Int(info.st_size)
    guard size <= maxFileBytes else {
      throw ModelFileError.io(
        path: path, reason: "\(size) bytes, larger than any stance model (\(maxFileBytes >> 20) MiB)")
    }
    let copy = FileBytes(byteCount: size)
    let buffer = UnsafeMutableRawBufferPointer(start: copy.address, count: size)
    // Read in blocks that fit in L2 and fold each into the checksum while it is still there:
    // a separate pass over the whole file afterwards came back from memory (issue 20).
    let body = max(size - 8, 0)  // the checksum covers all but the stored checksum
    var sum = StreamedLaneChecksum()
    var direct = ModelFileDirectArrays.none
    var needed: Int? = 0  // bytes to read before the direct arrays can be planned (nil: planned)
    var count = 0
    while count < size {
      if let bytes = needed, count >= bytes {
        switch ModelFileDirectArrays.plan(
          prefix: UnsafeRawBufferPointer(rebasing: buffer[0..<count]), fileSize: size, readSoFar: count)
        {
        case .needs(let more): needed = more
        case .ready(let plan):
          direct = plan
          needed = nil
        }
      }
      let part = direct.part(containing: count)
      var limit = min(block, size - count)
      if let part {
        limit = min(limit, direct.parts[part].end - count)
      } else {
        if let next = direct.nextStart(after: count) { limit = min(limit, next - count) }
        // Until the layout is known, stop where it can be planned.
        if let bytes = needed, bytes > count { limit = min(limit, bytes - count) }
      }
      let n =
        part.map { direct.read(fd, into: $0, at: count, limit: limit) }
        ?? Foundation.read(fd, copy.address + count, limit)
      if n < 0 {
        if errno == EINTR { continue }
        throw ModelFileError.io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }  // shrunk while read: `decode` reports the truncation
      let summed = max(0, min(count + n, body) - count)
      if summed > 0 {
        if let part {
          sum = direct.bytes(of: part, at: count, count: summed) { [sum] in sum.adding($0) }
        } else {
          sum = sum.adding(UnsafeRawBufferPointer(start: copy.address + count, count: summed))
        }
      }
      count += n
    }
    // A file that changed size while read is checked (and refused) by `decode` as it is.
    var streamed: UInt64?
    if count == size {
      streamed = sum.finish()
      direct.confirmContextStage(in: buffer)
    } else {
      direct.restore(into: buffer, count: count)
    }
    return try decode(
      UnsafeRawBufferPointer(start: copy.address, count: count), path: path, owner: copy, laneChecksum: streamed,
      direct: direct)
  }

  /// The bytes of the model file for `model` (see the layout above).
  /// - Throws: `ModelFileError.inconsistent` when array sizes disagree with each other.
  public static func encode(_ model: TrainedModel) throws -> [UInt8] {
    let vocabulary = model.vectorizer.vocabulary
    let v = vocabulary.count
    let k = model.classifier.classCount
    guard model.classifier.featureCount == v, model.vectorizer.idf.count == v,
      model.classifier.weights.count == v * k, model.classifier.intercepts.count == k,
      model.metadata.labels.count == k, model.metadata.classCount == k, model.metadata.vocabularySize == v,
      model.context.map({
        $0.classifier.classCount == k && $0.ngramCount == v
          && $0.classifier.weights.count == $0.classifier.featureCount * k && $0.classifier.intercepts.count == k
      }) ?? true,
      (model.context == nil) == (model.metadata.articleContextFolds == nil)
    else {
      throw ModelFileError.inconsistent(
        detail: "vocabulary \(v), idf \(model.vectorizer.idf.count), features \(model.classifier.featureCount), "
          + "classes \(k), labels \(model.metadata.labels.count), context stage features "
          + "\(model.context.map { String($0.classifier.featureCount) } ?? "none") (folds in header: "
          + "\(model.metadata.articleContextFolds.map(String.init) ?? "none"))")
    }
    // Checked as reading checks it, so that a written model always reads back.
    if let articles = model.metadata.articleClassifier, !articles.isValid(classCount: k) {
      throw ModelFileError.inconsistent(
        detail: "the article classifier's \(articles.weights.count) weights and \(articles.intercepts.count) "
          + "intercepts do not fit \(k) labels and its \(articles.layout.rawValue) evidence")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let header: Data
    do {
      // The header carries the context stage's prior, which the stage's weights do not.
      var metadata = model.metadata
      metadata.articleContextPrior = model.context.flatMap { $0.documentPrior > 0 ? $0.documentPrior : nil }
      header = try encoder.encode(metadata)
    } catch {
      throw ModelFileError.inconsistent(detail: "header does not encode: \(error)")
    }
    let packed = vocabulary.packedTerms
    let image = vocabulary.indexImage()
    var out = ByteWriter()
    out.bytes.reserveCapacity(80 + header.count + 8 * (v + 1) + packed.bytes.count + 4 * v * (k + 1) + image.count)
    let version = Self.version(of: model.metadata)
    out.append(magic)
    out.append(version)
    out.append(UInt32(header.count))
    out.append(UInt64(0))  // total length, patched below
    out.append(Array(header))
    out.pad(to: 8)
    out.append(UInt64(v))
    out.append(UInt64(k))
    out.append(UInt64(vocabulary.wordTermCount))
    out.append(UInt64(packed.bytes.count))
    out.appendArray(packed.offsets.map { UInt64($0) })
    out.append(packed.bytes)
    out.pad(to: 4)
    out.appendArray(model.vectorizer.idf)
    out.appendArray(model.classifier.weights)
    out.appendArray(model.classifier.intercepts)
    out.pad(to: 8)
    out.append(UInt64(image.count))
    out.append(image)
    out.append(UInt64(model.context == nil ? 0 : 1))
    if let context = model.context {
      out.appendArray(context.classifier.weights)
      out.appendArray(context.classifier.intercepts)
      out.pad(to: 8)
    }
    let total = UInt64(out.bytes.count + 8)
    withUnsafeBytes(of: total.littleEndian) { out.bytes.replaceSubrange(16..<24, with: $0) }
    let checksum = out.bytes.withUnsafeBytes { self.checksum($0, version: version) }
    out.append(checksum)
    return out.bytes
  }
}

/// Appends little-endian values to a byte array.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }
  mutating func append<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  /// Appends the in-memory bytes of `values` (little-endian hosts only, see the #error above).
  mutating func appendArray<T>(_ values: [T]) {
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }
  /// Appends zero bytes until the length is a multiple of `alignment`.
  mutating func pad(to alignment: Int) {
    while bytes.count % alignment != 0 { bytes.append(0) }
  }
}
