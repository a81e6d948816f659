#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Each word's character n-gram columns, learnt once and shared by all the workers that build
/// rows for one vocabulary (issue 20: the threads' private word caches held the same words
/// twice, up to 22 MB each against the 16 MB L3 both cores share, and each thread looked every
/// new word up again).
///
/// `char_wb` n-grams never cross a word, so a word's columns depend on the word alone (see
/// `WordColumnCache`, whose slot layout this table shares: tag, the padded word's bytes in two
/// words, and where its columns are). Insert-only and lock-free: a worker that meets a new
/// word looks its n-grams up, copies the columns into the shared arena, claims an empty slot
/// by compare-and-swap and publishes the slot's tag last (release), so a reader that sees the
/// tag (acquire) sees the rest. Two workers that add the same word at once may both add it;
/// either copy gives the same columns. When `maxWords` words or the arena are used up the
/// table takes no more, and workers keep newer words in their own `WordColumnCache`.
///
/// Memory is reserved up front but only touched as words arrive (zero pages from the system),
/// so a short run costs what it uses.
public final class SharedWordColumns: @unchecked Sendable {
  /// Four words a slot, as in `WordColumnCache`; the tag is 0 for an empty slot and `busy`
  /// while its owner fills it.
  private let slots: UnsafeMutablePointer<Atomic<UInt64>>
  private let mask: Int
  /// The columns of every word, back to back.
  private let arena: UnsafeMutablePointer<Int32>
  private let arenaCapacity: Int
  private let slotBytes: Int
  private let arenaBytes: Int
  private let arenaUsed = Atomic<Int>(0)
  private let wordCount = Atomic<Int>(0)
  /// The vocabulary whose columns these are (see `TfidfRowBuilder.init`).
  let owner: AnyObject

  /// Words the table holds at most (slots are twice as many, so probes stay short): as many as
  /// one worker's `WordColumnCache` holds before it starts over (2^18, tried first, spreads the
  /// same words over twice the slot lines and was not faster on one thread).
  static var maxWords: Int { 1 << 17 }
  /// Columns the arena holds at most (about 25 a word in English news; 24 MB reserved,
  /// touched as used).
  static var maxColumns: Int { maxWords * 48 }
  /// The tag of a slot being filled: its low byte (a tag's length) is 0, so it matches no word.
  private static var busy: UInt64 { 0x100 }

  /// An empty table for `vectorizer`'s vocabulary.
  public convenience init(vectorizer: TfidfVectorizer) {
    self.init(owner: vectorizer.vocabulary.identity)
  }

  init(owner: AnyObject, maxWords: Int = SharedWordColumns.maxWords, maxColumns: Int = SharedWordColumns.maxColumns) {
    self.owner = owner
    let slotCount = 2 * maxWords
    mask = slotCount - 1
    slotBytes = 4 * slotCount * MemoryLayout<UInt64>.stride
    slots = Self.zeroPages(slotBytes).bindMemory(to: Atomic<UInt64>.self, capacity: 4 * slotCount)
    arenaCapacity = maxColumns
    arenaBytes = maxColumns * MemoryLayout<Int32>.stride
    arena = Self.zeroPages(arenaBytes).bindMemory(to: Int32.self, capacity: maxColumns)
  }

  deinit {
    munmap(UnsafeMutableRawPointer(slots), slotBytes)
    munmap(UnsafeMutableRawPointer(arena), arenaBytes)
  }

  /// Fresh zero pages from the system, faulted in only where a word lands (an allocator might
  /// hand back used memory and clear all of it, at every start).
  private static func zeroPages(_ bytes: Int) -> UnsafeMutableRawPointer {
    guard let start = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      start != MAP_FAILED
    else { fatalError("out of address space for \(bytes) bytes") }
    return start
  }

  /// The start of the column arena (locations index it).
  var columns: UnsafePointer<Int32> { UnsafePointer(arena) }

  /// Where the columns of `word` (padded, `hash` = `WordColumnCache.hash(word)`) are, as
  /// `start | count << 32` in `columns`, or `WordColumnCache.absent`.
  @inline(__always)
  func location(_ word: UnsafeRawBufferPointer, hash: UInt64) -> UInt64 {
    let n = word.count
    guard n <= WordColumnCache.maxBytes, n > 0 else { return WordColumnCache.absent }
    let (k0, k1) = WordColumnCache.key(word)
    let tag = WordColumnCache.tag(hash, n)
    var i = WordColumnCache.home(hash, mask: mask)
    while true {
      let t = slots[4 &* i].load(ordering: .acquiring)
      if t == 0 { return WordColumnCache.absent }
      if t == tag && slots[4 &* i &+ 1].load(ordering: .relaxed) == k0
        && slots[4 &* i &+ 2].load(ordering: .relaxed) == k1
      {
        return slots[4 &* i &+ 3].load(ordering: .relaxed)
      }
      i = (i &+ 1) & mask
    }
  }

  /// Adds `word` with its `count` columns at `columns`; returns their location (as `location`
  /// gives it), or `WordColumnCache.absent` when the word is too long or the table is full.
  func add(_ word: UnsafeRawBufferPointer, hash: UInt64, columns: UnsafePointer<Int32>, count: Int) -> UInt64 {
    let n = word.count
    guard n <= WordColumnCache.maxBytes, n > 0, wordCount.load(ordering: .relaxed) < Self.maxWords(of: mask)
    else { return WordColumnCache.absent }
    // Once the arena is full, a plain load keeps new words off the counter's cache line, which
    // both workers would otherwise keep writing for nothing.
    guard arenaUsed.load(ordering: .relaxed) + count <= arenaCapacity else { return WordColumnCache.absent }
    let start = arenaUsed.wrappingAdd(count, ordering: .relaxed).oldValue
    guard start + count <= arenaCapacity else { return WordColumnCache.absent }
    (arena + start).update(from: columns, count: count)
    if wordCount.wrappingAdd(1, ordering: .relaxed).oldValue >= Self.maxWords(of: mask) {
      return WordColumnCache.absent
    }
    let (k0, k1) = WordColumnCache.key(word)
    let location = UInt64(start) | UInt64(count) << 32
    var i = WordColumnCache.home(hash, mask: mask)
    while true {
      if slots[4 &* i].compareExchange(expected: 0, desired: Self.busy, ordering: .relaxed).exchanged {
        slots[4 &* i &+ 1].store(k0, ordering: .relaxed)
        slots[4 &* i &+ 2].store(k1, ordering: .relaxed)
        slots[4 &* i &+ 3].store(location, ordering: .relaxed)
        // Published last: a reader that sees the tag sees the key, the location and the columns.
        slots[4 &* i].store(WordColumnCache.tag(hash, n), ordering: .releasing)
        return location
      }
      i = (i &+ 1) & mask
    }
  }

  /// Whether no worker has added a word yet. Lookups skip an empty table: a probe would read
  /// an untouched page (a page fault per new word of a short text).
  var isEmpty: Bool { wordCount.load(ordering: .relaxed) == 0 }

  /// Whether the table takes no more words.
  var isFull: Bool {
    wordCount.load(ordering: .relaxed) >= Self.maxWords(of: mask)
      || arenaUsed.load(ordering: .relaxed) >= arenaCapacity
  }

  private static func maxWords(of mask: Int) -> Int { (mask + 1) / 2 }
}
