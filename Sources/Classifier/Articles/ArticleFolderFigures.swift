/// How the article label did on the judged articles of one folder (outlet), out of fold: the
/// labels of `ArticleEvaluation.chosen` from the stratified folds, pooled, counted for this folder.
///
/// A folder's own macro-F1 is not given: most folders hold few articles of some labels (or
/// none), so the confusion is what says where an outlet's articles go.
public struct ArticleFolderFigures: Codable, Equatable, Sendable {
  /// The folder (outlet) of the articles, as `JudgedArticle.group` names it.
  public var folder: String
  /// Judged articles in the folder.
  public var n: Int
  /// Share labelled as judged, 0...1.
  public var accuracy: Double
  /// `confusion[judged][labelled]` over the folder's articles, in the labels' order.
  public var confusion: [[Int]]

  /// Figures with every field given.
  public init(folder: String, n: Int, accuracy: Double, confusion: [[Int]]) {
    self.folder = folder
    self.n = n
    self.accuracy = accuracy
    self.confusion = confusion
  }

  /// The figures of each folder of `groups` (sorted by their UTF-8 bytes), from the judged
  /// `truth` and out-of-fold `labelled` label indices (0 ..< `classCount`) of the same articles.
  public static func byFolder(groups: [String], truth: [Int32], labelled: [Int32], classCount k: Int)
    -> [ArticleFolderFigures]
  {
    precondition(groups.count == truth.count && truth.count == labelled.count, "one group and label per article")
    var members: [String: [Int]] = [:]
    for (i, group) in groups.enumerated() { members[group, default: []].append(i) }
    return members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).map { folder in
      let indices = members[folder]!
      var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
      for i in indices { confusion[Int(truth[i])][Int(labelled[i])] += 1 }
      let right = (0..<k).reduce(0) { $0 + confusion[$1][$1] }
      return ArticleFolderFigures(
        folder: folder, n: indices.count, accuracy: Double(right) / Double(indices.count), confusion: confusion)
    }
  }
}
