import Foundation
import XCTest

/// What one run of the `stance` binary produced.
struct RunResult {
  var status: Int32
  var stdout: Data
  var stderr: String
  var output: String { String(decoding: stdout, as: UTF8.self) }

  /// Standard output parsed as one JSON value.
  func json() throws -> Any { try JSONSerialization.jsonObject(with: stdout) }

  /// Standard output parsed as JSON lines.
  func jsonLines() throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
      try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }
}

/// Runs the built `stance` binary and shares a model trained once on the fixture labels.
enum CLI {
  /// The directory holding the built products (the `stance` binary among them).
  static var productsDirectory: URL {
    let bundle = Bundle(for: BundleMarker.self).bundleURL
    return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
  }

  static var binary: URL { productsDirectory.appendingPathComponent("stance") }

  /// The test fixtures folder (labels/sample.tsv and seeds/*.txt).
  static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

  static var labels: String { fixtures.appendingPathComponent("labels").path }

  /// The five seed articles, sorted by name.
  static var seeds: [String] {
    let dir = fixtures.appendingPathComponent("seeds").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { dir + "/" + $0 }
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `stance args`, feeding `stdin`, with extra environment variables, in `directory`
  /// (default: the test's own working directory).
  @discardableResult
  static func run(
    _ args: [String], stdin: Data? = nil, environment: [String: String] = [:], in directory: URL? = nil
  ) throws -> RunResult {
    let process = Process()
    process.executableURL = binary
    process.arguments = args
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "STANCE_MODEL")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Feed stdin and drain both outputs concurrently so large streams cannot deadlock.
    let group = DispatchGroup()
    let outData = DataBox()
    let errData = DataBox()
    DispatchQueue.global().async(group: group) { outData.data = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    return RunResult(
      status: process.terminationStatus, stdout: outData.data, stderr: String(decoding: errData.data, as: UTF8.self))
  }

  /// A model trained once (no cross-validation) on the fixture labels, shared by the tests.
  static let model: String = {
    let dir = try! temporaryDirectory()
    let path = dir.appendingPathComponent("fixture.model").path
    let result = try! run(["train", labels, "-o", path, "--folds", "0"])
    precondition(result.status == 0, "training the fixture model failed: \(result.stderr)")
    return path
  }()
}

private final class BundleMarker {}

/// Output collected by a reader thread; read only after the dispatch group is done.
private final class DataBox: @unchecked Sendable {
  var data = Data()
}

/// A test case with a fresh temporary directory per test (removed afterwards) and helpers
/// that write input files into it.
class ScratchDirectoryTestCase: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  /// The path of `name` in the test directory.
  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Writes `bytes` to `name` in the test directory (creating subdirectories) and returns its path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
    return url.path
  }

  /// Writes `text` as UTF-8 to `name` in the test directory and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
}
