import Foundation
import Testing
@testable import TCModels

/// Not a check: writes the Theta models' own point forecasts (and model intervals) for the
/// training parts of benchmarks/data/{m1,tourism}_yearly.csv in the format of
/// benchmarks/peers/score.py, so the accuracy table can show the raw model next to the
/// calibrated `targetcast forecast` median. Runs only with THETA_EXPORT_DIR set:
///
///     THETA_EXPORT_DIR=/tmp/theta-raw swift test --filter ThetaBenchmarkExport
///
/// writes `<dir>/raw_<set>_<model>.csv` for stm, otm, dstm, dotm (h = 6 for M1, 4 for Tourism).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["THETA_EXPORT_DIR"] != nil))
struct ThetaBenchmarkExport {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// (series id, training values) in file order.
  static func training(_ file: String) throws -> [(String, [Double])] {
    let text = try String(contentsOf: root.appendingPathComponent("benchmarks/data/" + file), encoding: .utf8)
    var order: [String] = [], values: [String: [Double]] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard cells.count == 5, cells[4] == "train", let value = Double(cells[3]) else { continue }
      if values[cells[0]] == nil { order.append(cells[0]) }
      values[cells[0], default: []].append(value)
    }
    return order.map { ($0, values[$0]!) }
  }

  @Test func exportRawForecasts() throws {
    let dir = ProcessInfo.processInfo.environment["THETA_EXPORT_DIR"]!
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (set, horizon) in [("m1", 6), ("tourism", 4)] {
      let series = try Self.training("\(set)_yearly.csv")
      for kind in ThetaKind.allCases {
        var out = "series,h,mean,lo-80,hi-80,lo-95,hi-95\n"
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        for (id, y) in series {
          let start = clock.now
          let fit = try kind.model.fit(y)
          let mean = fit.pointForecast(horizon: horizon)
          let bands = fit.intervals(horizon: horizon, levels: [80, 95])
          elapsed += clock.now - start
          for h in 0..<horizon {
            out += "\(id),\(h + 1),\(mean[h]),\(bands[0].lower[h]),\(bands[0].upper[h]),\(bands[1].lower[h]),\(bands[1].upper[h])\n"
          }
        }
        try out.write(toFile: "\(dir)/raw_\(set)_\(kind.rawValue).csv", atomically: true, encoding: .utf8)
        print("\(set) \(kind.rawValue): \(elapsed) for \(series.count) series")
      }
    }
  }
}
