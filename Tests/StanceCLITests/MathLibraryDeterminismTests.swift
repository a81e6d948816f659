import Foundation
import XCTest

/// The same labels give the same model file whichever `exp`/`log` glibc picks for the CPU: glibc
/// chooses FMA versions on CPUs with FMA and AVX2 and SSE2 ones elsewhere, and they round
/// differently in the last bit. Masking FMA and AVX2 with `GLIBC_TUNABLES` makes this machine
/// take the other versions. Before training used `PortableMath`, the two model files differed
/// (objective 1245.9990567086425 against 1245.9990567086377 on these labels).
final class MathLibraryDeterminismTests: XCTestCase {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// glibc 2.33 and later name the features this way; earlier versions called them `AVX2_Usable`.
  static let masked = ["GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA"]

  /// glibc's dynamic loader, which reports the CPU features it lets libraries use.
  static let loader = "/lib64/ld-linux-x86-64.so.2"

  func testModelBytesDoNotDependOnLibmsCPUVariant() throws {
    #if !arch(x86_64) || !os(Linux)
      throw XCTSkip("glibc's per-CPU exp/log variants are x86-64 Linux's")
    #else
      let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
      guard flags.contains(" avx2"), flags.contains(" fma") else {
        throw XCTSkip("this CPU has no FMA: glibc already takes its SSE2 exp/log")
      }
      // The mask must really change what glibc uses, or the comparison below proves nothing.
      let usual = try run(Self.loader, ["--list-diagnostics"], environment: [:])
      let other = try run(Self.loader, ["--list-diagnostics"], environment: Self.masked)
      XCTAssertNotEqual(
        usual.filter { $0.hasPrefix("x86.cpu_features") }, other.filter { $0.hasPrefix("x86.cpu_features") },
        "GLIBC_TUNABLES did not change the CPU features glibc uses")

      let dir = try CLI.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      // Two stages, tempered class weights (pow), sublinear tf and idf (log), dozens of
      // L-BFGS iterations (exp and log per row) on 640 sentences.
      let labels = ["labels/us_outlets.tsv", "labels/seeds.tsv"].map { root.appendingPathComponent($0).path }
      var files: [Data] = []
      for environment in [[:], Self.masked] {
        let out = dir.appendingPathComponent("\(files.count).model").path
        let result = try CLI.run(["train"] + labels + ["--folds", "0", "-o", out], environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
      }
      XCTAssertTrue(files[0] == files[1], "the model trained with glibc's FMA exp/log masked differs")
    #endif
  }

  /// The lines `program` prints to stdout.
  func run(_ program: String, _ arguments: [String], environment: [String: String]) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }
}
