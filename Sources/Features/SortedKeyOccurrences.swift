/// Step 3 of `SortedWordCounting` without a hash table: every n-gram occurrence becomes one
/// 64-bit word, its key above its block-local document, and one radix sort by key groups both
/// the keys and, inside a key, each document's occurrences (the sort is stable and documents
/// are laid down in order). Counting is then a linear scan.
///
/// Words are scattered into their first radix bucket as they are made (a first pass over the
/// token stream counts the buckets), and each bucket is finished in a cache-sized scratch
/// buffer, so the occurrences cross main memory once and take 8 bytes each instead of the
/// 16-byte key and payload pairs that the per-document tables handed to the sort.
extension BlockKeys {
  /// The same block as `init(_:ranks:bits:minN:maxN:keyBits:)`, or nil when a key and a
  /// document index do not fit in 64 bits together (then use that initializer).
  static func bySortingOccurrences(
    _ tokens: BlockTokens, ranks: [UInt64], bits: Int, minN: Int, maxN: Int, keyBits: Int
  ) -> BlockKeys? {
    let documentCount = tokens.documentOffsets.count - 1
    let documentBits = max(1, UInt64.bitWidth - UInt64(max(documentCount - 1, 1)).leadingZeroBitCount)
    guard keyBits + documentBits <= 64, bits >= 1, documentCount < Int(UInt32.max) else { return nil }
    // First radix digit: the top bits of an n-gram's first token rank (= the key's top bits).
    let topBits = min(9, bits)
    let topShift = UInt64(bits - topBits)
    var bucketStart = [Int](repeating: 0, count: (1 << topBits) + 1)
    var occurrences = 0
    ranks.withUnsafeBufferPointer { ranks in
      tokens.stream.withUnsafeBufferPointer { stream in
        bucketStart.withUnsafeMutableBufferPointer { start in
          for d in 0..<documentCount {
            let first = tokens.documentOffsets[d]
            let m = tokens.documentOffsets[d + 1] - first
            for i in 0..<m {
              // N-grams that start at token i: lengths minN ... min(maxN, m - i).
              let grams = min(maxN, m - i) - minN + 1
              if grams > 0 {
                start[Int(ranks[Int(stream[first + i])] >> topShift) + 1] += grams
                occurrences += grams
              }
            }
          }
          for b in 0..<(start.count - 1) { start[b + 1] += start[b] }
        }
      }
    }
    var words = uninitializedArray(occurrences, of: UInt64.self)
    var block = BlockKeys(documentCount: documentCount)
    guard occurrences > 0 else { return block }
    ranks.withUnsafeBufferPointer { ranks in
      tokens.stream.withUnsafeBufferPointer { stream in
        words.withUnsafeMutableBufferPointer { out in
          var cursor = Array(bucketStart.dropLast())
          cursor.withUnsafeMutableBufferPointer { cursor in
            for d in 0..<documentCount {
              let first = tokens.documentOffsets[d]
              let m = tokens.documentOffsets[d + 1] - first
              let document = UInt64(d)
              for i in 0..<m {
                let r = ranks[Int(stream[first + i])]
                let bucket = Int(r >> topShift)
                var key: UInt64 = 0
                var length = 1
                while length <= maxN && i + length <= m {
                  key |= ranks[Int(stream[first + i + length - 1])] << UInt64(bits * (maxN - length))
                  if length >= minN {
                    out[cursor[bucket]] = key << UInt64(documentBits) | document
                    cursor[bucket] += 1
                  }
                  length += 1
                }
              }
            }
          }
          // Finish each bucket by the key bits below the first digit and count it while it
          // is in cache (a key never spans two buckets).
          var counter = OccurrenceCounter(capacity: occurrences, documentBits: documentBits)
          KeySorting.sortBuckets(out, bucketStart: bucketStart, shift: documentBits, bits: keyBits - topBits) {
            counter.count(out, $0)
          }
          counter.finish(into: &block)
        }
      }
    }
    words.removeSubrange(block.runStarts.last!...)
    block.entries = words
    return block
  }
}

/// Turns sorted occurrence words into unique keys, frequencies and (document, count)
/// entries, one range at a time; the entries go back into the words' own storage.
private struct OccurrenceCounter {
  let shift: UInt64
  let documentMask: UInt64
  var keys: [UInt64]
  var documentFrequency: [Int32]
  var totalCount: [Int64]
  var runStarts: [Int]
  var unique = 0
  var written = 0

  /// Room for `capacity` occurrences (untouched room costs no memory).
  init(capacity: Int, documentBits: Int) {
    shift = UInt64(documentBits)
    documentMask = (UInt64(1) << shift) - 1
    keys = uninitializedArray(capacity, of: UInt64.self)
    documentFrequency = uninitializedArray(capacity, of: Int32.self)
    totalCount = uninitializedArray(capacity, of: Int64.self)
    runStarts = uninitializedArray(capacity + 1, of: Int.self)
    runStarts[0] = 0
  }

  /// Counts `w[range]`: whole keys, sorted, documents in order inside a key; ranges come in
  /// order. Entries are written at or behind the read position, so in place is safe.
  mutating func count(_ w: UnsafeMutableBufferPointer<UInt64>, _ range: Range<Int>) {
    let shift = self.shift
    let documentMask = self.documentMask
    var written = self.written
    var unique = self.unique
    keys.withUnsafeMutableBufferPointer { keys in
      documentFrequency.withUnsafeMutableBufferPointer { frequency in
        totalCount.withUnsafeMutableBufferPointer { totals in
          runStarts.withUnsafeMutableBufferPointer { runStarts in
            let n = range.upperBound
            var k = range.lowerBound
            while k < n {
              let key = w[k] >> shift
              var j = k
              var documents: Int32 = 0
              while j < n && w[j] >> shift == key {
                let word = w[j]
                var c: UInt64 = 0
                while j < n && w[j] == word {
                  c += 1
                  j += 1
                }
                w[written] = (word & documentMask) << 32 | c
                written += 1
                documents += 1
              }
              keys[unique] = key
              frequency[unique] = documents
              totals[unique] = Int64(j - k)
              unique += 1
              runStarts[unique] = written
              k = j
            }
          }
        }
      }
    }
    self.written = written
    self.unique = unique
  }

  /// Moves the counts into `block` (entries excepted: they stay in the words).
  mutating func finish(into block: inout BlockKeys) {
    keys.removeSubrange(unique...)
    documentFrequency.removeSubrange(unique...)
    totalCount.removeSubrange(unique...)
    runStarts.removeSubrange((unique + 1)...)
    block.uniqueKeys = keys
    block.documentFrequency = documentFrequency
    block.totalCount = totalCount
    block.runStarts = runStarts
  }
}
