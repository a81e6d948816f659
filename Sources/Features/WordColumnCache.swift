import Foundation

/// Remembers, for the words of the documents one `DocumentTermCounter` has seen, which
/// vocabulary columns their character n-grams hit.
///
/// `char_wb` n-grams never cross a word, so a word's columns depend on the word alone. Words
/// repeat (Zipf: "the", "of", "China"), so after the first occurrence a word costs one lookup in
/// this small table instead of ~30 lookups in the vocabulary's multi-megabyte one, each a cache
/// miss. Memory grows with the distinct words seen, never with the vocabulary: at `maxWords`
/// words the cache starts over empty, so it follows the words of the current text (a fixed
/// cap that kept the first words seen missed ~10% of a long stream's words, each ~30 lookups).
struct WordColumnCache {
  private var words = TermTable(capacity: 1024)
  /// The columns of word `id` are `columns[starts[id] ..< starts[id + 1]]`.
  private var starts: [Int] = [0]
  private(set) var columns: [Int32] = []
  /// About 14 MB of columns per thread at the cap (English news: ~25 n-grams a word).
  static var maxWords: Int { 1 << 17 }
  private static var seed: UInt64 { 0x4528_21E6_38D0_1377 }

  /// The hash this cache uses for a padded word.
  @inline(__always)
  static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
    hashBytes(word.baseAddress!, word.count, seed: seed)
  }

  /// The range of `columns` cached for `word`, or nil.
  @inline(__always)
  func find(_ word: UnsafeRawBufferPointer, hash: UInt64) -> Range<Int>? {
    let id = Int(words.find(word, kind: .word, hash: hash))
    return id < 0 ? nil : starts[id]..<starts[id + 1]
  }

  /// Number of words cached.
  var count: Int { words.count }

  /// Appends one column of the word being added (call `finishWord` after its last column).
  @inline(__always)
  mutating func append(_ column: Int32) { columns.append(column) }

  /// Records the columns appended since the last `finishWord` as those of `word`; when the
  /// cache is full, first forgets every other word (the pending columns stay, as `word`'s).
  mutating func finishWord(_ word: UnsafeRawBufferPointer, hash: UInt64) {
    if words.count >= WordColumnCache.maxWords {
      let pending = Array(columns[starts[starts.count - 1]...])
      words = TermTable(capacity: 1024)
      starts = [0]
      columns.removeAll(keepingCapacity: true)
      columns.append(contentsOf: pending)
    }
    _ = words.insert(word, kind: .word, hash: hash)
    starts.append(columns.count)
  }
}

extension WordColumnCache {
  private static let threadKey = "stance.Features.WordColumnCache"

  /// Takes this thread's cache for the vocabulary `owner` identifies (empty if the thread has
  /// none for it). `transform` is called many times on small batches, so the cache lives on
  /// the thread between calls instead of being rebuilt each call; nothing is shared between
  /// threads, so no lock is needed.
  static func takeThreadCache(owner: AnyObject) -> WordColumnCache {
    guard let box = Thread.current.threadDictionary[threadKey] as? WordColumnCacheBox, box.owner === owner
    else { return WordColumnCache() }
    let cache = box.cache
    box.cache = WordColumnCache()
    return cache
  }

  /// Gives the cache back to this thread for the next call with the same vocabulary.
  static func returnThreadCache(_ cache: WordColumnCache, owner: AnyObject) {
    let dictionary = Thread.current.threadDictionary
    if let box = dictionary[threadKey] as? WordColumnCacheBox, box.owner === owner {
      box.cache = cache
    } else {
      dictionary[threadKey] = WordColumnCacheBox(owner: owner, cache: cache)
    }
  }
}

/// A thread's cache and the vocabulary it belongs to. Holding `owner` strongly keeps its
/// identity from being reused by another vocabulary while the cache exists.
private final class WordColumnCacheBox {
  let owner: AnyObject
  var cache: WordColumnCache

  init(owner: AnyObject, cache: WordColumnCache) {
    self.owner = owner
    self.cache = cache
  }
}
