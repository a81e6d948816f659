import Foundation
import XCTest

/// Issue 15, cases 8, 10, 17, 18 and 20: `train -o` replaces only regular files (links
/// followed, mode kept), is checked before training, cleans up its temporary files; thread
/// counts are clamped; a rule option naming no label is refused.
final class RobustnessHostileOutputTests: ScratchDirectoryTestCase {
  var labelsFile: String!

  override func setUpWithError() throws {
    try super.setUpWithError()
    labelsFile = try write(
      "l.tsv", "a\tAllies rally together.\nb\tThe hegemon bullies.\na\tPartners meet.\nb\tBloc politics fail.\n")
  }

  func train(_ output: String, _ extra: [String] = []) throws -> RunResult {
    try CLI.run(["train", labelsFile, "-o", output, "--folds", "0"] + extra)
  }

  func testOutputThatIsNotARegularFileIsNeverReplaced() throws {
    XCTAssertEqual(mkfifo(path("fifo"), 0o644), 0)
    try FileManager.default.createSymbolicLink(atPath: path("null-link"), withDestinationPath: "/dev/null")
    for target in ["/dev/null", path("fifo"), path("null-link")] {
      let result = try train(target)
      XCTAssertEqual(result.status, 2, target)
      XCTAssertEqual(
        result.stderr,
        "stance: error: \(target): not a regular file (a device, pipe or socket); stance replaces only regular files\n")
    }
    var info = stat()
    XCTAssertEqual(lstat(path("fifo"), &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
    XCTAssertEqual(stat("/dev/null", &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR)
  }

  func testLinkIsFollowedAndModeKept() throws {
    let target = try write("models/v1.model", "")  // empty: train may replace it without --force
    XCTAssertEqual(chmod(target, 0o640), 0)
    try FileManager.default.createSymbolicLink(atPath: path("current.model"), withDestinationPath: "models/v1.model")
    let result = try train(path("current.model"))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      try FileManager.default.destinationOfSymbolicLink(atPath: path("current.model")), "models/v1.model")
    var info = stat()
    XCTAssertEqual(stat(target, &info), 0)
    XCTAssertEqual(info.st_mode & 0o7777, 0o640)
    XCTAssertGreaterThan(info.st_size, 1000)  // the model, written through the link
    // A dangling link is refused.
    try FileManager.default.createSymbolicLink(atPath: path("dangling.model"), withDestinationPath: "nowhere/x")
    let dangling = try train(path("dangling.model"))
    XCTAssertEqual(dangling.status, 2)
    XCTAssertTrue(dangling.stderr.contains("a symbolic link to nothing"), dangling.stderr)
  }

  func testBadOutputPathIsAnErrorBeforeTraining() throws {
    let cases: [(String, String)] = [
      (directory.path, "\(directory.path): is a directory, not a model file"),
      ("", "\"\": an empty path is not a model file"),
      (path("newdir") + "/", "\(path("newdir"))/: is a directory, not a model file"),
      (labelsFile + "/x.model", "\(labelsFile!)/x.model: \(labelsFile!) is not a directory"),
    ]
    for (output, message) in cases {
      // Unreadable labels: had training come first, the error would name them instead.
      let result = try CLI.run(["train", path("missing.tsv"), "-o", output, "--folds", "0"])
      XCTAssertEqual(result.status, 2, output)
      XCTAssertEqual(result.stderr, "stance: error: \(message)\n", output)
    }
    // A missing parent directory is created as before.
    let nested = try train(path("a/b/c.model"))
    XCTAssertEqual(nested.status, 0, nested.stderr)
  }

  func testStaleTemporaryFilesOfDeadProcessesAreRemoved() throws {
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let stale = try write(".x.model.tmp-\(dead.processIdentifier)-12345", "partial")
    let live = try write(".x.model.tmp-\(getpid())-777", "another writer's")
    let other = try write(".y.model.tmp-\(dead.processIdentifier)-1", "not ours")
    let result = try train(path("x.model"))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
    XCTAssertTrue(FileManager.default.fileExists(atPath: live))
    XCTAssertTrue(FileManager.default.fileExists(atPath: other))
  }

  func testThreadCountIsClampedToTheCores() throws {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let result = try train(path("t.model"), ["--threads", "100000"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains("stance: warning: --threads 100000 is more than the \(cores) cores; using \(cores)\n"),
      result.stderr)
    let score = try CLI.run(["score", "--model", CLI.model, "--threads", "100000"], stdin: Data("Allies rally.".utf8))
    XCTAssertEqual(score.status, 0, score.stderr)
  }

  func testNeutralLabelMustBeALabelOfTheModel() throws {
    let result = try CLI.run(
      ["score", "--model", CLI.model, "--neutral-label", "Neutral"], stdin: Data("Allies rally.".utf8))
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.hasPrefix("stance: error: --neutral-label 'Neutral' is not a label of the model"), result.stderr)
  }
}
