// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "stance",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "Features", targets: ["Features"]),
    .library(name: "LinearModel", targets: ["LinearModel"]),
    .library(name: "Classifier", targets: ["Classifier"]),
    .library(name: "Charts", targets: ["Charts"]),
    .executable(name: "stance", targets: ["stance"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Debian's libblas-dev / liblapack-dev; OpenBLAS plugs in behind the same sonames.
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    .target(
      name: "Features",
      dependencies: [],
      swiftSettings: [
        // Release builds use -O, SwiftPM's default, as the tests do: -Ounchecked would strip the
        // preconditions that guard the pointer code, and saved under 3% of scoring's CPU time
        // (bench/RESULTS.md, "-Ounchecked or -O"). Optimized in debug builds too: the CLI tests
        // train real models (the shipped one among them), which unoptimized arithmetic makes
        // minutes slower.
        .unsafeFlags(["-O"], .when(configuration: .debug))
      ]
    ),
    // Multinomial logistic regression (L-BFGS), metrics, cross-validation: knows nothing of stance.
    .target(
      name: "LinearModel",
      dependencies: ["Features", "CBLAS"],
      swiftSettings: [
        // -O in release and debug alike: see Features.
        .unsafeFlags(["-O"], .when(configuration: .debug))
      ]
    ),
    // The stance model: trained model, context stage, model file, label formats, scorer, training.
    .target(
      name: "Classifier",
      dependencies: ["Features", "LinearModel"],
      swiftSettings: [
        // -O in release and debug alike: see Features.
        .unsafeFlags(["-O"], .when(configuration: .debug))
      ]
    ),
    // SVG charts for `stance report`: knows nothing of stance, prints nothing.
    .target(name: "Charts", dependencies: []),
    .executableTarget(
      name: "stance",
      dependencies: [
        "Features", "LinearModel", "Classifier", "Charts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "FeaturesTests", dependencies: ["Features"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ClassifierTests", dependencies: ["Classifier", "LinearModel", "Features"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
    .testTarget(name: "StanceCLITests", dependencies: ["stance"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v5]
)
