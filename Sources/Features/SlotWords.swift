/// The slot array of a hash table (`TermTable`, `IntPairTable`): owned, or borrowed from a
/// mapped model file so that loading a model does not copy its largest tables (8 MB of
/// mostly untouched slots for the shipped model; a cold `stance score` reads a few pages).
///
/// A borrowed array is copied into an owned one on the first write. `keeper` holds whatever
/// keeps the borrowed memory valid (the file mapping) for as long as any copy of the table lives.
struct SlotWords: @unchecked Sendable {
  private var owned: [UInt64]
  private var borrowed: UnsafeBufferPointer<UInt64>?
  private var keeper: AnyObject?

  /// `count` words, all `value`.
  init(repeating value: UInt64, count: Int) {
    owned = [UInt64](repeating: value, count: count)
  }

  /// Owns `words`.
  init(_ words: [UInt64]) {
    owned = words
  }

  /// Borrows `words`, which must stay valid and unchanged while `keeper` lives.
  init(borrowing words: UnsafeBufferPointer<UInt64>, keeper: AnyObject) {
    owned = []
    borrowed = words
    self.keeper = keeper
  }

  /// Number of words.
  var count: Int { borrowed?.count ?? owned.count }

  /// Word `i` (0 ..< `count`); setting it first makes a borrowed array owned.
  subscript(i: Int) -> UInt64 {
    @inline(__always) get { borrowed?[i] ?? owned[i] }
    @inline(__always) set {
      if borrowed != nil { own() }
      owned[i] = newValue
    }
  }

  /// Calls `body` with the words.
  @inline(__always)
  func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R {
    if let borrowed { return try body(borrowed) }
    return try owned.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with the words, writable (a borrowed array is copied first).
  @inline(__always)
  mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<UInt64>) throws -> R)
    rethrows -> R
  {
    if borrowed != nil { own() }
    return try owned.withUnsafeMutableBufferPointer(body)
  }

  /// The words as an array (a copy when borrowed).
  var array: [UInt64] { borrowed.map { Array($0) } ?? owned }

  private mutating func own() {
    owned = Array(borrowed!)
    borrowed = nil
    keeper = nil
  }
}
