import Foundation
import XCTest

@testable import stance

/// Issue 15, cases 7, 9 and 12: model files that are not regular files, models rewritten
/// while in use, and numbers too large for fixed-point formatting.
final class RobustnessHostileModelTests: ScratchDirectoryTestCase {
  func testModelThatIsNotARegularFileIsRefusedAtOnce() throws {
    XCTAssertEqual(mkfifo(path("fifo.model"), 0o644), 0)
    for model in ["/dev/zero", "/dev/urandom", path("fifo.model")] {
      let start = Date()
      let result = try CLI.run(["score", "--model", model], stdin: Data("Allies rally.".utf8))
      XCTAssertEqual(result.status, 2, model)
      XCTAssertEqual(
        result.stderr, "stance: error: \(model): not a regular file (a device, pipe or socket), not a model file\n")
      XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
  }

  /// The model is read into memory, not mapped: truncating and rewriting it in place while
  /// `stance score` runs must not kill the run with SIGBUS.
  func testModelRewrittenInPlaceWhileScoringIsHarmless() throws {
    let model = path("m.model")
    try FileManager.default.copyItem(atPath: CLI.model, toPath: model)
    let process = Process()
    process.executableURL = CLI.binary
    process.arguments = ["score", "--model", model, "--input", "jsonl", "--format", "jsonl"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let line = Data("{\"text\":\"Allies rally. The hegemon bullies.\"}\n".utf8)
    input.fileHandleForWriting.write(line)
    Thread.sleep(forTimeInterval: 0.7)  // the model is loaded by now
    XCTAssertEqual(truncate(model, 0), 0)
    try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: model))
    let rest = String(repeating: String(decoding: line, as: UTF8.self), count: 2000)
    let writer = Thread {
      input.fileHandleForWriting.write(Data(rest.utf8))
      try? input.fileHandleForWriting.close()
    }
    writer.start()
    let scored = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .exit)  // not SIGBUS
    XCTAssertEqual(process.terminationStatus, 0)
    XCTAssertEqual(String(decoding: scored, as: UTF8.self).split(separator: "\n").count, 2001)
  }

  func testHugeNumbersFormatWithoutTrapping() {
    for value in [1e30, -1e30, 9.3e18, 1e15, .greatestFiniteMagnitude] {
      let text = Fixed.format(value, digits: 3)
      XCTAssertNotNil(Double(text), text)
    }
    XCTAssertEqual(Fixed.format(1.5, digits: 3), "1.500")
  }
}
