import Foundation

/// Merges per-block term counts and picks the vocabulary as scikit-learn does: drop terms
/// outside `[minDF, maxDF]`, keep the `maxFeatures` most frequent by total count (ties go to
/// the term that sorts first), and sort the kept terms (word n-grams, then character n-grams,
/// each in UTF-8 byte order).
struct VocabularySelection {
  /// The chosen vocabulary.
  let vocabulary: Vocabulary
  /// Document frequency of each column.
  let documentFrequency: [Int64]
  /// For block `b`: the column of each of its word nodes and character terms, or -1.
  let columnOfWordNode: [[Int32]]
  let columnOfChar: [[Int32]]

  init(blocks: [TermCounts], documentCount: Int, settings: FeatureSettings) throws {
    guard var merged = blocks.first else { throw FeaturesError.emptyVocabulary }
    // The blocks' term counts bound the merged count from above; checked before any Int32 conversion.
    try VocabularySelection.checkTermCount(blocks.reduce(0) { $0 + $1.words.nodeCount + $1.chars.count })
    // Merge in block order; the result does not depend on how documents were blocked,
    // because the counts are integers and the vocabulary is sorted at the end.
    var globalWordNode: [[Int32]] = [(0..<Int32(merged.words.nodeCount)).map { $0 }]
    var globalChar: [[Int32]] = [(0..<Int32(merged.chars.count)).map { $0 }]
    for block in blocks.dropFirst() {
      let (w, c) = VocabularySelection.merge(block, into: &merged)
      globalWordNode.append(w)
      globalChar.append(c)
    }

    let documentFrequencies = try DocumentFrequencyRange(settings: settings, documentCount: documentCount)
    func keep(_ s: TermStats) -> Bool { documentFrequencies.keeps(s.documentFrequency) }
    // Candidates: index < wordCandidates are word nodes, the rest character ids.
    var candidates: [Int32] = []
    for (node, s) in merged.wordStats.enumerated() where keep(s) { candidates.append(Int32(node)) }
    let wordCandidates = candidates.count
    for (id, s) in merged.charStats.enumerated() where keep(s) { candidates.append(Int32(id)) }
    if candidates.isEmpty { throw FeaturesError.emptyVocabulary }

    // The candidates' bytes, back to back.
    var arena: [UInt8] = []
    var offsets: [Int] = [0]
    offsets.reserveCapacity(candidates.count + 1)
    for (k, id) in candidates.enumerated() {
      if k < wordCandidates {
        merged.words.appendBytes(of: id, to: &arena)
      } else {
        arena.append(contentsOf: merged.chars.bytes(of: Int(id)))
      }
      offsets.append(arena.count)
    }
    let order = TermSorter.sortedOrder(
      arena: arena, offsets: offsets, wordCount: wordCandidates,
      limit: settings.maxFeatures,
      totals: candidates.indices.map { k in
        k < wordCandidates
          ? merged.wordStats[Int(candidates[k])].totalCount : merged.charStats[Int(candidates[k])].totalCount
      })

    var columnOfMergedNode = [Int32](repeating: -1, count: merged.words.nodeCount)
    var columnOfMergedChar = [Int32](repeating: -1, count: merged.chars.count)
    var terms: [String] = []
    terms.reserveCapacity(order.count)
    var frequencies: [Int64] = []
    frequencies.reserveCapacity(order.count)
    var index = VocabularyIndex()
    var wordCount = 0
    arena.withUnsafeBytes { a in
      for (column, k) in order.enumerated() {
        let bytes = UnsafeRawBufferPointer(rebasing: a[offsets[k]..<offsets[k + 1]])
        let isWord = k < wordCandidates
        let id = Int(candidates[k])
        if isWord {
          wordCount += 1
          columnOfMergedNode[id] = Int32(column)
          frequencies.append(Int64(merged.wordStats[id].documentFrequency))
        } else {
          columnOfMergedChar[id] = Int32(column)
          frequencies.append(Int64(merged.charStats[id].documentFrequency))
        }
        _ = index.add(bytes, kind: isWord ? .word : .character, column: Int32(column))
        terms.append(String(decoding: bytes, as: UTF8.self))
      }
    }
    vocabulary = Vocabulary(terms: terms, wordTermCount: wordCount, index: index)
    documentFrequency = frequencies
    columnOfWordNode = globalWordNode.map { $0.map { columnOfMergedNode[Int($0)] } }
    columnOfChar = globalChar.map { $0.map { columnOfMergedChar[Int($0)] } }
  }

  /// Adds `block`'s terms and statistics to `merged`; returns the merged node of each of the
  /// block's word nodes and the merged id of each of its character terms.
  /// The most distinct terms a fit may see: columns and term ids are `Int32` (CSR column
  /// indices), so more must be an error the caller can report, never a trapping conversion.
  static let maximumTermCount = Int(Int32.max)

  /// Throws `FeaturesError.invalidSettings` when `count` distinct terms would not fit in `Int32` ids.
  static func checkTermCount(_ count: Int) throws {
    guard count <= maximumTermCount else {
      throw FeaturesError.invalidSettings(
        "\(count) distinct terms exceed the \(maximumTermCount) columns a model can hold; "
          + "raise minDF or set maxFeatures")
    }
  }

  private static func merge(_ block: TermCounts, into merged: inout TermCounts) -> ([Int32], [Int32]) {
    var tokenMap = [Int32](repeating: 0, count: block.words.tokens.count)
    let tokens = block.words.tokens
    tokens.arena.withUnsafeBytes { a in
      for t in 0..<tokens.count {
        let bytes = UnsafeRawBufferPointer(rebasing: a[tokens.offsets[t]..<tokens.offsets[t + 1]])
        tokenMap[t] = merged.words.insertToken(bytes, hash: tokens.hashes[t]).token
      }
    }
    var nodeMap = [Int32](repeating: 0, count: block.words.nodeCount)
    for node in 0..<block.words.nodeCount {
      let prefix = block.words.prefixOfNode[node]
      let token = tokenMap[Int(block.words.lastTokenOfNode[node])]
      let g = prefix < 0 ? merged.words.nodeOfToken[Int(token)] : merged.words.extend(nodeMap[Int(prefix)], token)
      nodeMap[node] = g
      if merged.wordStats.count < merged.words.nodeCount {
        merged.wordStats.append(
          contentsOf: repeatElement(TermStats(), count: merged.words.nodeCount - merged.wordStats.count))
      }
      if node < block.wordStats.count {
        merged.wordStats[Int(g)].documentFrequency += block.wordStats[node].documentFrequency
        merged.wordStats[Int(g)].totalCount += block.wordStats[node].totalCount
      }
    }
    var charMap = [Int32](repeating: 0, count: block.chars.count)
    let chars = block.chars
    chars.arena.withUnsafeBytes { a in
      for id in 0..<chars.count {
        let bytes = UnsafeRawBufferPointer(rebasing: a[chars.offsets[id]..<chars.offsets[id + 1]])
        let (g, inserted) = merged.chars.insert(bytes, kind: .character, hash: chars.hashes[id])
        if inserted { merged.charStats.append(TermStats()) }
        merged.charStats[Int(g)].documentFrequency += block.charStats[id].documentFrequency
        merged.charStats[Int(g)].totalCount += block.charStats[id].totalCount
        charMap[id] = g
      }
    }
    return (nodeMap, charMap)
  }
}
