import Classifier
import Features
import XCTest

/// The article classifier, its evidence, the boilerplate detector's fit and the companion files.
final class CompanionTests: XCTestCase {
  func testEvidenceSummarisesTheSentences() {
    // Three sentences, two labels: [neutral, stance].
    let p: [Float] = [0.9, 0.1, 0.2, 0.8, 0.6, 0.4]
    let e = ArticleEvidence.features(p, classCount: 2)
    XCTAssertEqual(e.count, ArticleEvidence.count(classCount: 2))
    XCTAssertEqual(e[0], (0.9 + 0.2 + 0.6) / 3, accuracy: 1e-6)  // mean of neutral
    XCTAssertEqual(e[1], 2.0 / 3, accuracy: 1e-9)  // neutral wins two
    XCTAssertEqual(e[2], 0.9, accuracy: 1e-6)  // its maximum
    XCTAssertEqual(e[4], 0.9, accuracy: 1e-6)  // the first sentence's
    XCTAssertEqual(e[5 + 1], 1.0 / 3, accuracy: 1e-9)  // stance wins one
    XCTAssertEqual(e[5 + 3], 1.0 / 9, accuracy: 1e-9)  // one confident sentence, squashed
    XCTAssertEqual(e[10], 3.0 / 43, accuracy: 1e-9)
    XCTAssertEqual(ArticleEvidence.features([], classCount: 2), [Double](repeating: 0, count: 11))
  }

  func testTheArticleClassifierLearnsWhereTheStanceIs() throws {
    // Articles of 10 sentences: stance articles carry 2-4 confident stance sentences.
    var rng = SystemRandomNumberGenerator()
    var evidence: [Double] = []
    var labels: [Int32] = []
    for i in 0..<60 {
      let stance = i % 2 == 1
      var p: [Float] = []
      for s in 0..<10 {
        let x: Float =
          stance && s < 2 + i % 3
          ? Float.random(in: 0.7...0.95, using: &rng) : Float.random(in: 0.05...0.3, using: &rng)
        p += [1 - x, x]
      }
      evidence += ArticleEvidence.features(p, classCount: 2)
      labels.append(stance ? 1 : 0)
    }
    let model = try ArticleClassifier.fit(evidence: evidence, labels: labels, classCount: 2, layout: .probabilities)
    XCTAssertTrue(model.isValid(classCount: 2))
    XCTAssertFalse(model.isValid(classCount: 3))
    let oneConfident: [Float] = (0..<10).flatMap { $0 == 0 ? [Float(0.1), 0.9] : [0.9, 0.1] }
    let none: [Float] = (0..<10).flatMap { _ in [Float(0.9), 0.1] }
    XCTAssertGreaterThan(
      model.probabilities(sentences: oneConfident, attributed: nil)[1],
      model.probabilities(sentences: none, attributed: nil)[1])
    let q = model.probabilities(sentences: none, attributed: nil)
    XCTAssertEqual(q.reduce(0, +), 1, accuracy: 1e-9)
    let evaluation = try ArticleClassifier.crossValidate(
      evidence: evidence, layout: .probabilities, labels: labels, groups: (0..<60).map { "g\($0 % 4)" }, classCount: 2,
      folds: 5, seed: 1
    ) { _ in 0 }
    XCTAssertEqual(evaluation.n, 60)
    XCTAssertGreaterThan(evaluation.macroF1.mean, 0.8)
    XCTAssertEqual(evaluation.ruleAccuracy.mean, 0.5, accuracy: 0.1)
    XCTAssertEqual(evaluation.chosen, "classifier")
    XCTAssertEqual(evaluation.confusion.flatMap { $0 }.reduce(0, +), 60)
    // The out-of-fold labels are those the confusion counts, and the folders split them.
    XCTAssertEqual(evaluation.outOfFold.count, 60)
    var recounted = [[Int]](repeating: [0, 0], count: 2)
    for (t, p) in zip(labels, evaluation.outOfFold) { recounted[Int(t)][Int(p)] += 1 }
    XCTAssertEqual(recounted, evaluation.confusion)
    let folders = try XCTUnwrap(evaluation.folders)
    XCTAssertEqual(folders.map(\.folder), ["g0", "g1", "g2", "g3"])
    XCTAssertEqual(folders.map(\.n), [15, 15, 15, 15])
    var summed = [[Int]](repeating: [0, 0], count: 2)
    for f in folders { for t in 0..<2 { for p in 0..<2 { summed[t][p] += f.confusion[t][p] } } }
    XCTAssertEqual(summed, evaluation.confusion)
    for f in folders {
      XCTAssertEqual(f.accuracy, Double(f.confusion[0][0] + f.confusion[1][1]) / 15, accuracy: 1e-12)
    }
    // Model files keep the folders' figures but not the per-article labels.
    let decoded = try JSONDecoder().decode(ArticleEvaluation.self, from: try JSONEncoder().encode(evaluation))
    XCTAssertEqual(decoded.folders, evaluation.folders)
    XCTAssertEqual(decoded.outOfFold, [])
  }

  /// Figures per folder count each folder's articles by judged and given label.
  func testFolderFiguresCountEachFoldersArticles() {
    let figures = ArticleFolderFigures.byFolder(
      groups: ["b", "a", "b", "b"], truth: [1, 0, 1, 0], labelled: [1, 1, 0, 0], classCount: 2)
    XCTAssertEqual(figures.map(\.folder), ["a", "b"])
    XCTAssertEqual(figures[0], ArticleFolderFigures(folder: "a", n: 1, accuracy: 0, confusion: [[0, 1], [0, 0]]))
    XCTAssertEqual(figures[1].confusion, [[1, 0], [1, 1]])
    XCTAssertEqual(figures[1].accuracy, 2.0 / 3.0, accuracy: 1e-12)
  }

  func testTheDetectorLearnsChromeFromMarkedPages() throws {
    let chrome = ["ADVERTISEMENT", "RELATED", "Read Article", "PUBLISHED : 22 Nov 2024 at 04:00", "WRITER:"]
    let prose = [
      "The alliance has never looked weaker, and Tokyo knows it.", "Allies will not pay for a war they did not choose.",
      "Washington said it would stand by its commitments in the region.", "The talks ended without a statement.",
    ]
    var pages: [LabelledPage] = []
    for i in 0..<6 {
      var text = ""
      var marked: [[Int]] = []
      for j in 0..<8 {
        let line = chrome[(i + j) % chrome.count]
        marked.append([text.utf8.count, text.utf8.count + line.utf8.count])
        text += line + "\n" + prose[(i + j) % prose.count] + "\n"
      }
      pages.append(LabelledPage(id: "p\(i)", outlet: "o\(i % 3)", text: text, boilerplate: marked))
    }
    let detector = try BoilerplateDetector.fit(pages)
    let text = "RELATED\nThe ministers met on Monday and agreed on nothing.\nADVERTISEMENT\nThe talks go on.\n"
    XCTAssertEqual(detector.mark(text, spans: SentenceSplitter().split(text)), [true, false, true, false])
    let evaluation = try XCTUnwrap(try BoilerplateDetector.crossValidate(pages))
    XCTAssertEqual(evaluation.outlets, 3)
    XCTAssertEqual(evaluation.boilerplate, 48)
    XCTAssertGreaterThan(evaluation.f1, 0.9)
    XCTAssertNil(try BoilerplateDetector.crossValidate(Array(pages.prefix(1))))
  }

  func testCompanionFilesAreReadAndTheirErrorsNameTheLine() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("companions-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let judgments = dir.appendingPathComponent("articles.tsv").path
    let texts = dir.appendingPathComponent("article_texts.jsonl").path
    try "label\tid\tfolder\treason\nskeptical\ta1\tf\tdoubts\nneutral\ta2\tf\treports\n"
      .write(toFile: judgments, atomically: true, encoding: .utf8)
    try "{\"id\":\"a1\",\"text\":\"One.\"}\r\n{\"id\":\"a2\",\"text\":\"Two.\"}\n".write(
      toFile: texts, atomically: true, encoding: .utf8)
    let articles = try JudgedArticle.read(judgments: judgments, texts: texts)
    XCTAssertEqual(articles.map(\.id), ["a1", "a2"])
    XCTAssertEqual(articles.map(\.label), ["skeptical", "neutral"])
    XCTAssertEqual(articles[1].text, "Two.")
    try "label\tid\tfolder\treason\nskeptical\ta3\tf\tdoubts\n".write(
      toFile: judgments, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try JudgedArticle.read(judgments: judgments, texts: texts)) { error in
      XCTAssertEqual("\(error)", "\(judgments):2: no text for 'a3' in \(texts)")
    }
    let pages = dir.appendingPathComponent("boilerplate.jsonl").path
    try
      "{\"id\":\"p\",\"outlet\":\"o\",\"text\":\"ADVERTISEMENT\\nA sentence.\",\"boilerplate\":[[0,13]]}\n{\"id\":1}\n"
      .write(toFile: pages, atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try LabelledPage.read(pages)) { error in
      XCTAssertTrue("\(error)".hasPrefix("\(pages):2: "), "\(error)")
    }
    try "{\"id\":\"p\",\"outlet\":\"o\",\"text\":\"ADVERTISEMENT\\nA sentence.\",\"boilerplate\":[[0,13]]}\n"
      .write(toFile: pages, atomically: true, encoding: .utf8)
    let page = try XCTUnwrap(try LabelledPage.read(pages).first)
    XCTAssertEqual(page.spans().boilerplate, [true, false])
    // The companions are not sentence labels.
    try "label\ttext\nneutral\tA sentence.\nskeptical\tAnother one.\n".write(
      toFile: dir.appendingPathComponent("s.tsv").path, atomically: true, encoding: .utf8)
    XCTAssertEqual(try LabelledData.read([dir.path]).examples.count, 2)
  }
}
