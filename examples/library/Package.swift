// swift-tools-version:6.0
// An example program built on the stance libraries alone: it trains and scores the two-stage
// model as `stance train` and `stance score` do, through the public API (see ../../docs/architecture.md).
import PackageDescription

let package = Package(
  name: "score-article",
  platforms: [.macOS(.v13)],
  dependencies: [
    // The stance package, by path: this folder lives inside it.
    .package(name: "stance", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "score-article",
      dependencies: [
        .product(name: "Classifier", package: "stance"),
        .product(name: "Features", package: "stance"),
      ]
    )
  ],
  swiftLanguageModes: [.v5]
)
