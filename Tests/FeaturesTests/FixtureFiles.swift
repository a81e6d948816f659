import Foundation

/// Locates files in the test target's Fixtures folder.
enum FixtureFiles {
  static var root: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

  static func text(_ relativePath: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
  }

  static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: root.appendingPathComponent(relativePath))
  }
}
