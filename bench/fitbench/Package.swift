// swift-tools-version:6.0
// The Swift side of bench/fit.sh: fits stance's Classifier on a dumped CSR matrix.
import PackageDescription

let package = Package(
  name: "fitbench",
  dependencies: [.package(name: "stance", path: "../..")],
  targets: [
    .executableTarget(
      name: "fitbench",
      dependencies: [.product(name: "Classifier", package: "stance"), .product(name: "Features", package: "stance")],
      swiftSettings: [.unsafeFlags(["-Ounchecked"])]
    )
  ],
  swiftLanguageModes: [.v5]
)
