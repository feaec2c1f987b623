// swift-tools-version:6.1
// libFuzzer harnesses for TargetCast's readers of untrusted input. Not built by `make test`
// (its smoke run is Tests/FuzzSmokeTests); the long runs are `fuzz/run.sh` (see README.md).
import PackageDescription

let harnesses = ["FuzzScenario", "FuzzSeriesCSV", "FuzzShardFile", "FuzzRunFolder"]

let package = Package(
  name: "TargetCastFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "TargetCast", path: "..")],
  targets: harnesses.map { name in
    .executableTarget(name: name, dependencies: [.product(name: "TargetCastFuzzing", package: "TargetCast")])
  }
)
