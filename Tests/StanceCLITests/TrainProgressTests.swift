import Foundation
import XCTest

/// `train` draws a progress line on a terminal (a pseudo-terminal made by script(1)) and nothing
/// otherwise.
final class TrainProgressTests: ScratchDirectoryTestCase {
  func testProgressOnATerminalOnly() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
      throw XCTSkip("script(1) is needed to run train on a pseudo-terminal")
    }
    let model = path("m.model")
    let command = "'\(CLI.binary.path)' train '\(CLI.labels)' -o '\(model)' --folds 2 --context-folds 2 2>&1 >/dev/null"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, path("typescript")]
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    let screen = try String(contentsOfFile: path("typescript"), encoding: .utf8)
    for shown in [
      "\rtraining: cross-validation fold 1/2", "\rtraining: cross-validation fold 2/2, sentence model",
      "\rtraining: cross-validation fold 2/2, context fold 2/2", "\rtraining: final model, context stage",
    ] {
      XCTAssertTrue(screen.contains(shown), "\(shown) not in \(screen.debugDescription)")
    }
    // The line is erased at the end: the last thing on the terminal is the erasure.
    XCTAssertTrue(screen.contains("\r\u{1B}[K"), screen.debugDescription)
    // Not a terminal: standard error has the report of what was read, and no progress line.
    let plain = try CLI.run(["train", CLI.labels, "-o", model, "--folds", "2", "--context-folds", "2"])
    XCTAssertEqual(plain.status, 0, plain.stderr)
    XCTAssertFalse(plain.stderr.contains("\r"), plain.stderr)
    XCTAssertFalse(plain.stderr.contains("training:"), plain.stderr)
  }
}
