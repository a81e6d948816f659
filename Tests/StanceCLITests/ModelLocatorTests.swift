import Foundation
import XCTest

final class ModelLocatorTests: XCTestCase {
  /// An installed layout: `<prefix>/bin/stance` finds `<prefix>/share/stance/stance.model`, also
  /// when run through a symlink from elsewhere, and before a `models/stance.model` above the
  /// binary; the project's `models/stance.model` in the current folder wins.
  func testDefaultModelIsFoundNextToTheRealExecutable() throws {
    let root = try CLI.temporaryDirectory()
    let prefix = root.appendingPathComponent("prefix")
    let bin = prefix.appendingPathComponent("bin")
    let share = prefix.appendingPathComponent("share/stance")
    let links = root.appendingPathComponent("elsewhere")
    for dir in [bin, share, links] {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    let binary = bin.appendingPathComponent("stance")
    try FileManager.default.copyItem(at: CLI.binary, to: binary)
    let link = links.appendingPathComponent("stance")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: binary)

    func run(_ executable: URL, in directory: URL? = nil) throws -> RunResult {
      let process = Process()
      process.executableURL = executable
      process.arguments = ["inspect", "--format", "json", "--top", "0"]
      var env = ProcessInfo.processInfo.environment
      env.removeValue(forKey: "STANCE_MODEL")
      process.environment = env
      process.currentDirectoryURL = directory ?? root
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      try process.run()
      let stdout = out.fileHandleForReading.readDataToEndOfFile()
      let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return RunResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    let none = try run(binary)
    XCTAssertEqual(none.status, 2)
    XCTAssertTrue(none.stderr.hasPrefix("stance: error: no model given and no default model found"), none.stderr)

    let shared = share.appendingPathComponent("stance.model")
    try FileManager.default.copyItem(atPath: CLI.model, toPath: shared.path)
    for executable in [binary, link] {
      let found = try run(executable)
      XCTAssertEqual(found.status, 0, found.stderr)
      XCTAssertEqual((try found.json() as? [String: Any])?["model"] as? String, shared.path)
    }

    // A models/ folder above the installed binary (here the prefix's parent) does not shadow it...
    let models = root.appendingPathComponent("models")
    try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: CLI.model, toPath: models.appendingPathComponent("stance.model").path)
    let installed = try run(link, in: links)
    XCTAssertEqual((try installed.json() as? [String: Any])?["model"] as? String, shared.path)
    // ...but the project's model in the current folder does.
    let above = try run(link)
    XCTAssertEqual(
      (try above.json() as? [String: Any])?["model"] as? String, models.appendingPathComponent("stance.model").path)
  }
}
