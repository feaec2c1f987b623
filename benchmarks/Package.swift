// swift-tools-version:6.1
// TargetCast benchmarks: a nested package so that users' builds never fetch or compile
// ordo-one/benchmark. Run with `make bench` (all package-benchmark targets) or
// `benchmarks/run-hotloops.sh` (hot loops side by side with numpy; see README.md).

import PackageDescription

/// SwiftPM names a path dependency after its folder, which is whatever the checkout is called
/// (`TargetCast`, `main`, a worktree name), so take the name from the path rather than assume it.
let mainPackage = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "TargetCast")

let package = Package(
  name: "TargetCastBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: ".."),
    // The trait is required: without it the package does not resolve on this toolchain.
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: []
)

// MARK: - Benchmarks (package-benchmark runs every executable directly under Benchmarks/)

/// One package-benchmark executable per library module; each times workloads from `HotLoops`.
for area in ["TCRandom", "TCLinearAlgebra", "TCEngine", "TCModels", "TCForecast"] {
  package.targets.append(
    .executableTarget(
      name: "\(area)Benchmarks",
      dependencies: ["HotLoops", .product(name: "Benchmark", package: "benchmark")],
      path: "Benchmarks/\(area)",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ))
}

package.targets += [
  // MARK: - Implementation details

  /// The hot-loop workloads, shared by the package-benchmark targets and the timing tool so
  /// both measure exactly the same code.
  .target(
    name: "HotLoops",
    dependencies: [
      .product(name: "TargetCast", package: mainPackage),
      .product(name: "TCRandom", package: mainPackage),
      .product(name: "TCLinearAlgebra", package: mainPackage),
      .product(name: "TCModels", package: mainPackage),
      .product(name: "TCForecast", package: mainPackage),
      .product(name: "TCData", package: mainPackage),
    ],
    path: "Benchmarks/HotLoops"
  ),

  /// Plain release-built timer (medians of repeated runs, tab-separated output) that
  /// `run-hotloops.sh` puts side by side with `peers/numpy_hotloops.py`. It sits under
  /// `Benchmarks/Timing/` so package-benchmark does not take it for a benchmark.
  .executableTarget(
    name: "hotloops-timing",
    dependencies: ["HotLoops"],
    path: "Benchmarks/Timing/HotLoopsTiming"
  ),

  /// The same kind of timer for the fitting loops (model fits, least squares, AutoETS and the
  /// `auto` panel forecast), put side by side with statsforecast by `run-fitting.sh`.
  .executableTarget(
    name: "fitting-timing",
    dependencies: ["HotLoops"],
    path: "Benchmarks/Timing/FittingTiming"
  ),
]
