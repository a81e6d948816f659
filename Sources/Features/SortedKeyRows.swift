/// Step 5 of `SortedWordCounting`: the TF-IDF matrix straight from the blocks' sorted entries.
///
/// A first pass counts each document's kept entries, so every block knows where its rows
/// start in the final arrays; each block then deals its entries (in key order, which is
/// column order) to its documents' slices of those arrays, the count parked in the value's
/// bits, and weights each row in place. The rows are written once, into the matrix itself.
/// The arithmetic is `TermWeighting`'s, so the bits match `transform`.
enum SortedKeyRows {
  /// The rows of every block's documents, in block order.
  /// - Parameters:
  ///   - blocks: the blocks' sorted keys and entries.
  ///   - columnOfUnique: per block, the column (or -1 when pruned) of each unique key.
  ///   - idf: per column.
  static func matrix(
    blocks: [BlockKeys], columnOfUnique: [[Int32]], idf: [Float], sublinearTF: Bool, columnCount: Int,
    threads: Int
  ) -> SparseMatrix {
    // Kept entries per document, per block.
    let rowLengths = FixedChunks.map(count: blocks.count, chunkSize: 1, threads: threads) { r -> [Int] in
      let block = blocks[r.lowerBound]
      let columns = columnOfUnique[r.lowerBound]
      var lengths = [Int](repeating: 0, count: block.documentCount)
      lengths.withUnsafeMutableBufferPointer { lengths in
        block.entries.withUnsafeBufferPointer { entries in
          block.runStarts.withUnsafeBufferPointer { runStarts in
            for u in 0..<columns.count where columns[u] >= 0 {
              for j in runStarts[u]..<runStarts[u + 1] { lengths[Int(entries[j] >> 32)] += 1 }
            }
          }
        }
      }
      return lengths
    }
    let rowCount = blocks.reduce(0) { $0 + $1.documentCount }
    var rowOffsets = uninitializedArray(rowCount + 1, of: Int.self)
    var firstRow = [0]
    var total = 0
    rowOffsets[0] = 0
    for lengths in rowLengths {
      let row = firstRow.last!
      for (d, length) in lengths.enumerated() {
        total += length
        rowOffsets[row + d + 1] = total
      }
      firstRow.append(row + lengths.count)
    }
    var columnIndices = uninitializedArray(total, of: Int32.self)
    var values = uninitializedArray(total, of: Float.self)
    rowOffsets.withUnsafeBufferPointer { offsets in
      columnIndices.withUnsafeMutableBufferPointer { columnsOut in
        values.withUnsafeMutableBufferPointer { valuesOut in
          idf.withUnsafeBufferPointer { idf in
            // Each block writes only its own rows' slices.
            FixedChunks.forEach(count: blocks.count, chunkSize: 1, threads: threads) { b, _ in
              let rows = UnsafeBufferPointer(rebasing: offsets[firstRow[b]...firstRow[b + 1]])
              fill(
                blocks[b], columnOfUnique: columnOfUnique[b], rows: rows, columns: columnsOut, values: valuesOut)
              weigh(rows: rows, columns: columnsOut, values: valuesOut, idf: idf, sublinearTF: sublinearTF)
            }
          }
        }
      }
    }
    return SparseMatrix(
      uncheckedColumnCount: columnCount, rowOffsets: rowOffsets, columnIndices: columnIndices, values: values)
  }

  /// Deals the block's kept entries to its rows: columns, and counts as the values' bits.
  private static func fill(
    _ block: BlockKeys, columnOfUnique: [Int32], rows: UnsafeBufferPointer<Int>,
    columns: UnsafeMutableBufferPointer<Int32>, values: UnsafeMutableBufferPointer<Float>
  ) {
    var cursor = Array(rows.dropLast())
    cursor.withUnsafeMutableBufferPointer { cursor in
      columnOfUnique.withUnsafeBufferPointer { columnOfUnique in
        block.entries.withUnsafeBufferPointer { entries in
          block.runStarts.withUnsafeBufferPointer { runStarts in
            for u in 0..<columnOfUnique.count {
              let column = columnOfUnique[u]
              if column < 0 { continue }
              for j in runStarts[u]..<runStarts[u + 1] {
                let entry = entries[j]
                let d = Int(entry >> 32)
                let k = cursor[d]
                columns[k] = column
                values[k] = Float(bitPattern: UInt32(truncatingIfNeeded: entry))
                cursor[d] = k + 1
              }
            }
          }
        }
      }
    }
  }

  /// Turns each row's counts (in the values' bits) into L2-normalized TF-IDF weights.
  private static func weigh(
    rows: UnsafeBufferPointer<Int>, columns: UnsafeMutableBufferPointer<Int32>,
    values: UnsafeMutableBufferPointer<Float>, idf: UnsafeBufferPointer<Float>, sublinearTF: Bool
  ) {
    let weighting = TermWeighting(idf: idf.baseAddress!, sublinearTF: sublinearTF)
    @inline(__always) func weight(_ k: Int) -> Double {
      weighting.weight(column: Int(columns[k]), count: Int(values[k].bitPattern))
    }
    for d in 0..<(rows.count - 1) {
      let slice = rows[d]..<rows[d + 1]
      var sumOfSquares = 0.0
      for k in slice {
        let w = weight(k)
        sumOfSquares += w * w
      }
      let norm = sumOfSquares.squareRoot()
      // The same weight again (same inputs, same bits), now divided by the norm.
      for k in slice { values[k] = TermWeighting.normalized(weight(k), norm: norm) }
    }
  }
}
