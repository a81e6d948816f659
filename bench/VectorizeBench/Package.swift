// swift-tools-version:6.0
// A stand-alone benchmark executable for the Features library (kept out of the main package).
import PackageDescription

let package = Package(
  name: "VectorizeBench",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "stance", path: "../..")],
  targets: [
    .executableTarget(
      name: "VectorizeBench",
      dependencies: [.product(name: "Features", package: "stance")]
    )
  ],
  swiftLanguageModes: [.v5]
)
