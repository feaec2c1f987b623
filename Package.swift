// swift-tools-version:6.1
// TargetCast: will a growth target be met, and with what probability?
//
// Pipeline, one module per stage (a module never imports a later one):
//   scenario file → TCScenario → TCModels → TCEngine → TCReport → targetcast (CLI)
//   series file (CSV, .xlsx) → TCData → TCModels → TCForecast → TCReport (forecast and backtest commands)
// with the numerical core underneath: TCLinearAlgebra (all BLAS/LAPACK, via _COpenBLAS),
// TCRandom (counter-based streams and distributions) and TCStatistics.

import PackageDescription

let readme: [String] = ["README.md"]

let package = Package(
  name: "TargetCast",
  // Built and tested on Linux only; Mutex (Synchronization) needs macOS 15.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "targetcast", targets: ["TargetCastCLI"]),
    .library(name: "TargetCast", targets: ["TargetCast"]),
    // The numerical core, so the nested benchmarks/ package can time its hot loops directly.
    .library(name: "TCRandom", targets: ["TCRandom"]),
    .library(name: "TCLinearAlgebra", targets: ["TCLinearAlgebra"]),
    // Models, panel forecasting and series input, so the benchmarks can time the fitting loops.
    .library(name: "TCModels", targets: ["TCModels"]),
    .library(name: "TCForecast", targets: ["TCForecast"]),
    .library(name: "TCData", targets: ["TCData"]),
    // The readers driven by arbitrary bytes, for the libFuzzer harnesses in the nested fuzz/ package.
    .library(name: "TargetCastFuzzing", targets: ["TargetCastFuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // MARK: - Public API

    /// Façade: load a scenario, simulate, write outputs. What the CLI calls.
    .target(
      name: "TargetCast",
      dependencies: ["TCScenario", "TCEngine", "TCReport", "TCData", "TCForecast"],
      exclude: readme
    ),
    .executableTarget(
      name: "TargetCastCLI",
      dependencies: [
        "TargetCast",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: readme
    ),

    /// Every reader of untrusted input (scenario with --set, series CSV, shard files, run
    /// folders) driven by bytes, with the output invariants; fuzz/ and FuzzSmokeTests call it.
    .target(
      name: "TargetCastFuzzing",
      dependencies: ["TargetCast", "TCData", "TCEngine", "TCReport", "TCScenario"]
    ),

    // MARK: - Pipeline stages

    .target(
      name: "TCScenario",
      dependencies: ["TCRandom", .product(name: "Yams", package: "Yams")],
      exclude: readme
    ),
    /// Files of yearly series (CSV in UTF-8 or GBK, .xlsx; long or wide) → a validated panel
    /// (errors name file, row, column, series).
    .target(
      name: "TCData",
      dependencies: [
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      exclude: readme
    ),
    .target(
      name: "TCModels",
      dependencies: ["TCLinearAlgebra", "TCRandom", "TCStatistics"],
      exclude: readme
    ),
    /// Forecasting a panel: global model, automatic choice, calibrated intervals, backtests, metrics.
    .target(
      name: "TCForecast",
      dependencies: ["TCData", "TCModels", "TCLinearAlgebra", "TCRandom", "TCStatistics"],
      exclude: readme,
      // The public yearly series whose errors are the intervals' prior (scripts/build-reference-panel.py).
      resources: [.copy("Resources/reference-yearly.csv")]
    ),
    .target(
      name: "TCEngine",
      dependencies: [
        "TCScenario", "TCModels", "TCLinearAlgebra", "TCRandom", "TCStatistics",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      exclude: readme
    ),
    .target(
      name: "TCReport",
      dependencies: ["TCEngine", "TCScenario", "TCStatistics", "TCData", "TCForecast", "_CFileSystemShims"],
      exclude: readme
    ),

    // MARK: - Numerical core

    .target(
      name: "TCLinearAlgebra",
      dependencies: ["_COpenBLAS"],
      exclude: readme
    ),
    .target(
      name: "TCRandom",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")],
      exclude: readme
    ),
    .target(
      name: "TCStatistics",
      exclude: readme
    ),

    // MARK: - Implementation details

    /// OpenBLAS (cblas.h) plus the Fortran LAPACK prototypes OpenBLAS exports.
    /// Only TCLinearAlgebra imports it; it is never re-exported.
    .systemLibrary(
      name: "_COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),

    /// renameat2(RENAME_EXCHANGE), which Glibc's Swift module does not expose: output folders
    /// are replaced in one step. Only TCReport's OutputDirectory imports it; no pointers leak.
    .target(name: "_CFileSystemShims"),

    // MARK: - Tests

    .testTarget(name: "TCLinearAlgebraTests", dependencies: ["TCLinearAlgebra"]),
    .testTarget(name: "TCRandomTests", dependencies: ["TCRandom", "TCStatistics"]),
    .testTarget(name: "TCStatisticsTests", dependencies: ["TCStatistics"]),
    .testTarget(
      name: "TCModelsTests",
      dependencies: ["TCModels", "TCLinearAlgebra", "TCRandom", "TCStatistics"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "TCDataTests", dependencies: ["TCData"], resources: [.copy("Fixtures")]),
    .testTarget(name: "TCForecastTests", dependencies: ["TCForecast", "TCData", "TCModels"]),
    .testTarget(name: "TCEngineTests", dependencies: ["TCEngine", "TCScenario", "TCRandom", "TCStatistics"]),
    .testTarget(name: "TCScenarioTests", dependencies: ["TCScenario"]),
    .testTarget(
      name: "TargetCastTests",
      dependencies: ["TargetCast", "TargetCastCLI", "TCRandom"],
      resources: []
    ),
    /// Every fuzz corpus input, 200 seeded mutations of each, and every crash the fuzzers found.
    .testTarget(name: "FuzzSmokeTests", dependencies: ["TargetCastFuzzing", "TargetCast", "TCRandom"]),
    /// Invariants of the engine's outputs over generated scenarios (property-based).
    .testTarget(
      name: "PropertyTests",
      dependencies: ["TargetCast", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
  ]
)
