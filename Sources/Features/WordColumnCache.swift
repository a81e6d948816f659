/// Remembers, for the words of the documents one `DocumentTermCounter` has seen, which
/// vocabulary columns their character n-grams hit.
///
/// `char_wb` n-grams never cross a word, so a word's columns depend on the word alone. Words
/// repeat (Zipf: "the", "of", "China"), so after the first occurrence a word costs one lookup in
/// this small table instead of ~30 lookups in the vocabulary's multi-megabyte one, each a cache
/// miss. Memory grows with the distinct words seen, never with the vocabulary: at `maxWords`
/// words the cache starts over empty, so it follows the words of the current text (a fixed
/// cap that kept the first words seen missed ~10% of a long stream's words, each ~30 lookups).
///
/// The table is its own: a slot holds the padded word's bytes (up to `maxBytes`), a hash tag
/// and where its columns are, so a cached word costs one cache miss for the slot and one for
/// its columns (a `TermTable` lookup also read the term's offsets and bytes, and then a start
/// array: up to five dependent misses). Longer words (0.5% of news words) are not cached.
struct WordColumnCache {
  /// Four words a slot: tag (the hash, its low byte replaced by the length; the home slot
  /// comes from the bits above), bytes 0..<8, bytes 8..<16, and
  /// columns start | count << 32. A zero first word is an empty slot.
  private var slots: [UInt64]
  private var mask: Int
  /// Number of words cached.
  private(set) var count = 0
  /// The columns of every cached word, back to back (then those of the word being added).
  private(set) var columns: [Int32] = []
  /// Where the columns of the word being added start.
  private var pending = 0
  /// About 14 MB of columns per thread at the cap (English news: ~25 n-grams a word).
  static var maxWords: Int { 1 << 17 }
  /// Longest padded word (in bytes) that is cached.
  static var maxBytes: Int { 16 }
  private static var seed: UInt64 { 0x4528_21E6_38D0_1377 }

  /// An empty cache. It allocates nothing until the first word: `transform` swaps an empty
  /// cache in while it works on the real one, once per document.
  init() {
    slots = []
    mask = -1
  }

  /// The hash this cache uses for a padded word.
  @inline(__always)
  static func hash(_ word: UnsafeRawBufferPointer) -> UInt64 {
    hashBytes(word.baseAddress!, word.count, seed: seed)
  }

  /// The word's bytes as two zero-padded words (`count` <= `maxBytes`).
  @inline(__always)
  static func key(_ word: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
    let p = word.baseAddress!
    let n = word.count
    if n <= 8 { return (loadShort(p, n), 0) }
    return (p.loadUnaligned(as: UInt64.self), loadShort(p + 8, n &- 8))
  }

  @inline(__always)
  static func tag(_ hash: UInt64, _ count: Int) -> UInt64 {
    (hash & ~0xFF) | UInt64(truncatingIfNeeded: count)
  }

  /// The slot where a search for a word with this hash (or tag) starts.
  @inline(__always)
  static func home(_ hash: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: hash >> 8) & mask }

  /// The range of `columns` cached for `word`, or nil.
  @inline(__always)
  func find(_ word: UnsafeRawBufferPointer, hash: UInt64) -> Range<Int>? {
    let location = self.location(word, hash: hash)
    if location == WordColumnCache.absent { return nil }
    let start = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: location))
    return start..<(start &+ Int(truncatingIfNeeded: location >> 32))
  }

  /// What `location` returns for a word that is not cached.
  static var absent: UInt64 { UInt64.max }

  /// Where the columns cached for `word` are, as `start | count << 32` (a range of
  /// `columns`), or `absent`.
  @inline(__always)
  func location(_ word: UnsafeRawBufferPointer, hash: UInt64) -> UInt64 {
    let n = word.count
    guard n <= WordColumnCache.maxBytes, n > 0, count > 0 else { return WordColumnCache.absent }
    let (k0, k1) = WordColumnCache.key(word)
    let tag = WordColumnCache.tag(hash, n)
    let mask = self.mask
    return slots.withUnsafeBufferPointer { s -> UInt64 in
      var i = WordColumnCache.home(hash, mask: mask)
      while true {
        let t = s[4 &* i]
        if t == 0 { return WordColumnCache.absent }
        if t == tag && s[4 &* i &+ 1] == k0 && s[4 &* i &+ 2] == k1 { return s[4 &* i &+ 3] }
        i = (i &+ 1) & mask
      }
    }
  }

  /// Appends one column of the word being added (call `finishWord` after its last column).
  @inline(__always)
  mutating func append(_ column: Int32) { columns.append(column) }

  /// Calls `body(columns, count)` with the columns appended since the last `finishWord`.
  func withPendingColumns<R>(_ body: (UnsafePointer<Int32>, Int) -> R) -> R {
    columns.withUnsafeBufferPointer { c in
      c.count > pending ? body(c.baseAddress! + pending, c.count - pending) : body(UnsafePointer(bitPattern: 4)!, 0)
    }
  }

  /// Forgets the columns appended since the last `finishWord` (the word went elsewhere).
  mutating func discardPendingWord() { columns.removeSubrange(pending...) }

  /// Records the columns appended since the last `finishWord` as those of `word` (not yet
  /// cached); when the cache is full, first forgets every other word. A word longer than
  /// `maxBytes` is not kept. Returns where the word's columns now are (as `location` gives
  /// them), or `absent` when it was not kept.
  @discardableResult
  mutating func finishWord(_ word: UnsafeRawBufferPointer, hash: UInt64) -> UInt64 {
    let n = word.count
    guard n <= WordColumnCache.maxBytes, n > 0 else {
      columns.removeSubrange(pending...)
      return WordColumnCache.absent
    }
    if count >= WordColumnCache.maxWords { forgetAll() }
    if 2 * (count + 1) > mask + 1 { grow() }
    let (k0, k1) = WordColumnCache.key(word)
    var i = WordColumnCache.home(hash, mask: mask)
    while slots[4 * i] != 0 { i = (i + 1) & mask }
    slots[4 * i] = WordColumnCache.tag(hash, n)
    slots[4 * i + 1] = k0
    slots[4 * i + 2] = k1
    let location = UInt64(pending) | UInt64(columns.count - pending) << 32
    slots[4 * i + 3] = location
    count += 1
    pending = columns.count
    return location
  }

  /// Makes sure the next `words` calls of `finishWord` forget nothing, so that locations
  /// found before them stay valid: if they could fill the cache, it starts over now.
  mutating func makeRoom(forWords words: Int) {
    if count > 0 && count + words > WordColumnCache.maxWords { forgetAll() }
  }

  /// Forgets every cached word (keeps the columns of the word being added).
  private mutating func forgetAll() {
    columns.removeSubrange(0..<pending)
    pending = 0
    count = 0
    slots = []
    mask = -1
  }

  /// Doubles the table, re-placing every word by its tag.
  private mutating func grow() {
    let old = slots
    let size = max(1024, 2 * (mask + 1))
    slots = [UInt64](repeating: 0, count: 4 * size)
    mask = size - 1
    for j in 0..<(old.count / 4) where old[4 * j] != 0 {
      var i = WordColumnCache.home(old[4 * j], mask: mask)
      while slots[4 * i] != 0 { i = (i + 1) & mask }
      for w in 0..<4 { slots[4 * i + w] = old[4 * j + w] }
    }
  }
}
