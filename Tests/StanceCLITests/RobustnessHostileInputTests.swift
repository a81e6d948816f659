import Foundation
import XCTest

/// Issue 15: hostile input never ends in a signal, a hang, unbounded memory or a clobbered
/// file. Each test runs the built binary, often through `/bin/sh` for odd redirections.
final class RobustnessHostileInputTests: ScratchDirectoryTestCase {
  /// Runs `command` with `/bin/sh -c` in the test directory; `$S` is the binary, `$M` the fixture model.
  func shell(_ command: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let out = path("sh.out")
    let err = path("sh.err")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cd '\(directory.path)' && { \(command) ; } >'\(out)' 2>'\(err)'"]
    var env = ProcessInfo.processInfo.environment
    env["S"] = CLI.binary.path
    env["M"] = CLI.model
    env.removeValue(forKey: "STANCE_MODEL")
    process.environment = env
    try process.run()
    process.waitUntilExit()
    let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
    return (process.terminationStatus, stdout, stderr)
  }

  /// The exit status of `stance` when its status is captured with `echo $?` in `command`.
  func capturedStatus(_ result: (status: Int32, stdout: String, stderr: String)) -> String {
    result.stdout.split(separator: "\n").last.map(String.init) ?? ""
  }

  // MARK: - Case 1: diagnostics that cannot be written

  func testUnwritableStandardErrorNeverTraps() throws {
    // The error itself cannot be written: the status stays 2, no trap (was 132).
    var result = try shell("$S score --model nope x.txt 2>/dev/full; echo $?")
    XCTAssertEqual(capturedStatus(result), "2")
    result = try shell("$S score --model nope x.txt 2>&-; echo $?")
    XCTAssertEqual(capturedStatus(result), "2")
    // Training's "read N examples" report goes to stderr: the model must still be written.
    try write(
      "l.tsv", "a\tAllies rally together.\nb\tThe hegemon bullies.\na\tPartners meet.\nb\tBloc politics fail.\n")
    result = try shell("$S train l.tsv -o x.model --folds 0 2>/dev/full >/dev/null; echo $?")
    XCTAssertEqual(capturedStatus(result), "0")
    XCTAssertTrue(FileManager.default.fileExists(atPath: path("x.model")))
    // Warnings into a closed stderr: the run goes on.
    try write("bad.txt", [0x41, 0xFF, 0x2E])
    result = try shell("$S score --model \"$M\" bad.txt 2>&-; echo $?")
    XCTAssertEqual(capturedStatus(result), "0")
    XCTAssertTrue(result.stdout.contains("\"id\":\"bad.txt\""), result.stdout)
  }

  // MARK: - Case 2 and 14: standard input and streams

  func testUnreadableStandardInputIsAnIOError() throws {
    for redirect in ["<&-", "< .", "0>wo"] {
      let result = try shell("$S score --model \"$M\" --format jsonl \(redirect); echo $?")
      XCTAssertEqual(capturedStatus(result), "2", redirect)
      XCTAssertTrue(result.stderr.hasPrefix("stance: error: standard input: cannot read"), result.stderr)
      XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }
  }

  func testPipesAndDevicesAreReadAsStreams() throws {
    var result = try shell("echo 'Allies rally.' | $S score --model \"$M\" --format jsonl /dev/stdin")
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("\"sentences\":1"), result.stdout)
    result = try shell("mkfifo f.txt && { echo 'Allies rally.' > f.txt & } && $S score --model \"$M\" f.txt")
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("\"id\":\"f.txt\""), result.stdout)
  }

  // MARK: - Case 3: deep JSON nesting

  func testDeepJSONNestingIsSkippedWithoutRecursion() throws {
    let depth = 200_000
    let line =
      "{\"id\":1,\"m\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      + ",\"o\":" + String(repeating: "{\"a\":", count: 1000) + "1" + String(repeating: "}", count: 1000)
      + ",\"text\":\"Allies rally.\"}\n"
    let unbalanced = "{\"m\":" + String(repeating: "[", count: depth) + ",\"text\":\"x\"}\n"
    let file = try write("deep.jsonl", line + unbalanced)
    let result = try CLI.run(["score", "--model", CLI.model, file])
    XCTAssertEqual(result.status, 1, result.stderr)  // not 139
    let records = try result.jsonLines()
    XCTAssertEqual(records.count, 1)
    // A member nested past 100 levels comes out as a string of its text (readers stop at 512 or so).
    XCTAssertEqual(
      records[0]["m"] as? String, String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    XCTAssertEqual((records[0]["o"] as? String)?.count, 1000 * 5 + 1 + 1000)
    XCTAssertEqual(result.stderr, "stance: error: \(file):2: malformed JSON\n")
  }

  // MARK: - Case 4 and 11: bounded documents and lines

  func testDocumentOverTheLimitIsRefusedBeforeItIsRead() throws {
    let limit = 8 << 20
    let file = path("big.txt")
    XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: nil))
    let handle = try XCTUnwrap(FileHandle(forWritingAtPath: file))
    try handle.truncate(atOffset: 1 << 30)  // sparse 1 GB: the read stops after the limit
    try handle.close()
    let result = try CLI.run(["score", "--model", CLI.model, file])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "stance: error: \(file): longer than 8 MiB, the limit for one document; split it into smaller files\n")
    // One byte over the limit from a pipe (scoring a text at the limit is `testHugeSingleLine`'s).
    let over = try CLI.run(["score", "--model", CLI.model], stdin: Data(repeating: 0x61, count: limit + 1))
    XCTAssertEqual(over.status, 1)
    XCTAssertTrue(over.stderr.hasPrefix("stance: error: standard input: longer than 8 MiB"), over.stderr)
  }

  func testEndlessJSONLineIsRefusedNamingTheLine() throws {
    let result = try shell("head -c 20000000 /dev/zero | $S score --model \"$M\" --input jsonl; echo $?")
    XCTAssertEqual(capturedStatus(result), "1")
    XCTAssertEqual(result.stderr, "stance: error: -:1: line longer than 8 MiB, the limit for one record\n")
    // A long line after good ones is named by its number, after the good ones are written.
    var stream = Data("{\"text\":\"Allies rally.\"}\n".utf8)
    stream.append(Data(repeating: 0x20, count: (8 << 20) + 2))
    let later = try CLI.run(["score", "--model", CLI.model, "--input", "jsonl"], stdin: stream)
    XCTAssertEqual(later.status, 1)
    XCTAssertEqual(try later.jsonLines().count, 1)
    XCTAssertTrue(later.stderr.hasPrefix("stance: error: -:2: line longer"), later.stderr)
  }

  // MARK: - Case 5: link loops in folders

  func testDirectoryLinkLoopsAreFollowedOnce() throws {
    try write("d/a.txt", "Allies rally.")
    try write("d/sub/b.txt", "Partners meet.")
    for name in ["s1", "s2", "sub/up"] {
      try FileManager.default.createSymbolicLink(
        atPath: path("d/" + name), withDestinationPath: name == "sub/up" ? ".." : ".")
    }
    let result = try CLI.run(["score", "--model", CLI.model, path("d")])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(try result.jsonLines().compactMap { $0["id"] as? String }, [path("d/a.txt"), path("d/sub/b.txt")])
    // Labels: every file read once (no "dropped N exact duplicates").
    try write(
      "l/a.tsv", "a\tAllies rally together.\nb\tThe hegemon bullies.\na\tPartners meet.\nb\tBloc politics fail.\n")
    try FileManager.default.createSymbolicLink(atPath: path("l/self"), withDestinationPath: ".")
    try FileManager.default.createSymbolicLink(atPath: path("l/again"), withDestinationPath: ".")
    let train = try CLI.run(["train", path("l"), "-o", path("l.model"), "--folds", "0", "--keep-duplicates"])
    XCTAssertEqual(train.status, 0, train.stderr)
    XCTAssertTrue(train.stderr.contains("read 4 examples"), train.stderr)
  }

  // MARK: - Case 6: decomposed Unicode without sentence ends

  func testDecomposedTextWithoutSentenceEndsScoresInLinearTime() throws {
    // 1 MB of NFD text with no sentence end took 2.5 s (quadratic: 8 MB took 14 minutes).
    let piece =
      "Les allie\u{301}s ame\u{301}ricains et europe\u{301}ens ont e\u{301}te\u{301} re\u{301}unis a\u{300} Gene\u{300}ve "
    let file = try write("nfd.txt", String(repeating: piece, count: 24_000))  // about 2 MB
    let start = Date()
    let result = try CLI.run(["score", "--model", CLI.model, file])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertLessThan(Date().timeIntervalSince(start), 6)
  }

  // MARK: - Case 13: reports that cannot be written

  func testReportsToAFullDeviceAreIOErrors() throws {
    try write(
      "l.tsv", "neutral\tAllies met.\nskeptical\tThe bloc fails.\nneutral\tPartners meet.\nskeptical\tBlocs fail.\n")
    var result = try shell("$S eval l.tsv --model \"$M\" >/dev/full; echo $? >&2")
    XCTAssertEqual(result.stderr, "stance: error: cannot write output: No space left on device\n2\n")
    result = try shell("$S train l.tsv -o x.model --folds 0 >/dev/full 2>/dev/null; echo $? >&2")
    XCTAssertEqual(result.stderr, "2\n")
  }

  // MARK: - Case 19: UTF-16 and UTF-32 files

  func testUTF16AndUTF32AreRefusedNamingTheEncoding() throws {
    let cases: [(String, [UInt8])] = [
      ("UTF-16LE", [0xFF, 0xFE, 0x41, 0]), ("UTF-16BE", [0xFE, 0xFF, 0, 0x41]),
      ("UTF-32LE", [0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0]), ("UTF-32BE", [0, 0, 0xFE, 0xFF, 0, 0, 0, 0x41]),
    ]
    for (encoding, bytes) in cases {
      let file = try write("\(encoding).txt", bytes)
      let result = try CLI.run(["score", "--model", CLI.model, file])
      XCTAssertEqual(result.status, 1, encoding)
      XCTAssertEqual(
        result.stderr,
        "stance: error: \(file): \(encoding) text (byte-order mark); stance reads UTF-8: convert it first "
          + "(iconv -f \(encoding) -t UTF-8)\n")
    }
  }
}
