import Foundation
import XCTest

final class VersionTests: XCTestCase {
  func testVersionFlagPrintsAVersion() throws {
    let binary = productsDirectory.appendingPathComponent("stance")
    let process = Process()
    process.executableURL = binary
    process.arguments = ["--version"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    XCTAssertEqual(process.terminationStatus, 0)
    XCTAssertTrue(output.hasPrefix("0."), output)
  }

  /// The directory that holds the built products (the `stance` binary among them).
  var productsDirectory: URL {
    // On Linux the test bundle's URL is the products directory; on macOS it is the
    // .xctest bundle inside it.
    let bundle = Bundle(for: VersionTests.self).bundleURL
    return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
  }
}
