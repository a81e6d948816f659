import Foundation
import XCTest

/// The same labels give the same model file whatever BLAS kernel runs under the solver: OpenBLAS
/// as installed, OpenBLAS forced to other core types, and the reference BLAS.
final class BLASDeterminismTests: XCTestCase {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Debian's reference BLAS, which `libblas-dev` installs beside the alternatives link.
  static let referenceBLAS = "/usr/lib/x86_64-linux-gnu/blas"

  func testModelBytesDoNotDependOnTheBLASKernel() throws {
    #if !arch(x86_64) || !os(Linux)
      throw XCTSkip("the core types and library paths below are Debian x86-64's")
    #else
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: Self.referenceBLAS + "/libblas.so.3"),
        "reference BLAS missing: tools/setup.sh installs libblas-dev")
      let dir = try CLI.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      // Two stages and about a thousand sentences: enough iterations for kernel differences in
      // summation order to change the model, as they did before the solver's sums were fixed.
      let labels = ["labels/us_outlets.tsv", "labels/seeds.tsv"].map { root.appendingPathComponent($0).path }
      // Haswell kernels need AVX2 and FMA: forced on a CPU without them, OpenBLAS would fault.
      let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
      let modern = flags.contains(" avx2") && flags.contains(" fma")
      var settings: [(name: String, environment: [String: String], threads: Int)] = [
        ("installed", [:], 2),
        ("Prescott", ["OPENBLAS_CORETYPE": "Prescott"], 2),
        ("reference", ["LD_LIBRARY_PATH": Self.referenceBLAS], 2),
        ("installed, 1 thread,", [:], 1),
      ]
      if modern { settings.append(("Haswell", ["OPENBLAS_CORETYPE": "Haswell"], 2)) }
      var files: [(String, Data)] = []
      for (name, environment, threads) in settings {
        let out = dir.appendingPathComponent("\(files.count).model").path
        let result = try CLI.run(
          ["train"] + labels + ["--folds", "0", "--threads", String(threads), "-o", out], environment: environment)
        XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
        files.append((name, try Data(contentsOf: URL(fileURLWithPath: out))))
      }
      for (name, data) in files.dropFirst() {
        XCTAssertTrue(data == files[0].1, "the model trained with \(name) BLAS differs from the installed one's")
      }
    #endif
  }
}
