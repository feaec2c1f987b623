import Foundation
import TCData
import TCForecast
import TCLinearAlgebra
import TCModels
import TCRandom

/// Inputs of the fitting benchmarks: the M1 yearly training parts, shared by the
/// package-benchmark targets, `fitting-timing` and `peers/statsforecast_hotloops.py`.
///
/// Keep these constants in step with the top of the statsforecast script.
public enum FittingData {
  /// M1 yearly forecast horizon (the competition's h).
  public static let horizon = 6
  /// Interval levels asked of every per-series fit (as the accuracy benchmark does).
  public static let levels: [Double] = [80, 95]
  /// The single series the per-fit kernels use: 33 training values, all positive, a clear trend
  /// (inside the 20–40 values planners typically have).
  public static let fitSeriesName = "YAC19"

  /// `benchmarks/data/m1_yearly.csv`, found from this source file so that any working directory
  /// (package-benchmark's, the run script's) works.
  public static var m1Path: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("data/m1_yearly.csv").path
  }

  /// The M1 yearly panel cut to each series' training part (`split == train`), in file order.
  public static func m1Training() -> SeriesPanel {
    let columns = ColumnMapping(series: "series", year: "t", value: "value", split: "split")
    // The benchmark data ship with the package; failing to read them is a broken checkout.
    let full = try! SeriesPanel.read(file: m1Path, columns: columns)
    let cut = full.series.map { s in
      Series(name: s.name, firstYear: s.firstYear, values: Array(s.values.prefix(s.trainingCount ?? s.values.count)))
    }
    return SeriesPanel(series: cut, source: m1Path)
  }

  /// The training values of ``fitSeriesName``.
  public static func fitSeries() -> [Double] {
    m1Training().series.first { $0.name == fitSeriesName }!.values
  }
}

/// One fit of a fixed model specification on ``FittingData/fitSeries()``: the public entry point
/// nearest to the fitting loops (for ETS: profiled likelihood searched by Nelder–Mead for
/// additive errors, full five-parameter search for multiplicative ones).
public final class ModelFitWorkload {
  public let label: String
  let model: any ForecastModel
  let y: [Double]

  public init(label: String, model: any ForecastModel, y: [Double] = FittingData.fitSeries()) {
    self.label = label
    self.model = model
    self.y = y
  }

  /// The fixed forms timed: ETS(A,N,N), ETS(A,Ad,N), ETS(M,Ad,N), and the four Theta models
  /// (standard, optimized, dynamic, dynamic optimized).
  /// Keys match `peers/statsforecast_hotloops.py`.
  public static func standard() -> [(key: String, workload: ModelFitWorkload)] {
    let y = FittingData.fitSeries()
    return [
      ("fit.ets.ANN", ModelFitWorkload(label: "ETSModel(A,N) fit", model: ETSModel(error: .additive, trend: .none), y: y)),
      ("fit.ets.AAdN", ModelFitWorkload(label: "ETSModel(A,Ad) fit", model: ETSModel(error: .additive, trend: .damped), y: y)),
      ("fit.ets.MAdN", ModelFitWorkload(label: "ETSModel(M,Ad) fit", model: ETSModel(error: .multiplicative, trend: .damped), y: y)),
      ("fit.theta", ModelFitWorkload(label: "ThetaModel fit", model: ThetaModel(), y: y)),
      ("fit.otm", ModelFitWorkload(label: "OptimizedThetaModel fit", model: OptimizedThetaModel(), y: y)),
      ("fit.dstm", ModelFitWorkload(label: "DynamicThetaModel fit", model: DynamicThetaModel(), y: y)),
      ("fit.dotm", ModelFitWorkload(label: "DynamicOptimizedThetaModel fit", model: DynamicOptimizedThetaModel(), y: y)),
    ]
  }

  /// The fitted parameters and log-likelihood, to check that the peer's fit lands on the same
  /// optimum (so both sides did comparable work).
  public func describe() -> String {
    let fitted = try! model.fit(y)
    let parameters = fitted.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return "\(fitted.method): \(parameters.joined(separator: " ")) logLik=\(fitted.logLikelihood ?? .nan)"
  }

  /// Fits once; returns the one-step-ahead forecast so the fit cannot be skipped.
  public func run() -> Double {
    let fitted = try! model.fit(y)
    return fitted.pointForecast(horizon: 1)[0]
  }
}

/// `LAPACK.leastSquares(A, B)` (Householder QR) on a fixed random full-rank `A`.
///
/// Shapes: the global model's pooled design (about 10 000 windows × intercept and 4 lags, one
/// right-hand side per forecast step) and the tiny `n × 3` problems of a three-parameter
/// curve fit.
public final class LeastSquaresWorkload {
  public let rows: Int
  public let columns: Int
  public let rightHandSides: Int
  let a: Matrix
  let b: Matrix

  public init(rows: Int, columns: Int, rightHandSides: Int) {
    self.rows = rows
    self.columns = columns
    self.rightHandSides = rightHandSides
    var stream = RandomStream(seed: HotLoops.seed, stream: 4)
    var x = [Double](repeating: 0, count: rows * columns)
    stream.fillNormals(&x)
    // An intercept column, as every design here has.
    for i in 0..<rows { x[i] = 1 }
    a = Matrix(rows: rows, columns: columns, columnMajor: x)
    var y = [Double](repeating: 0, count: rows * rightHandSides)
    stream.fillNormals(&y)
    b = Matrix(rows: rows, columns: rightHandSides, columnMajor: y)
  }

  /// The shapes timed, keyed as in `peers/statsforecast_hotloops.py`.
  public static let shapes = [(10_000, 5, 1), (10_000, 5, 6), (30, 3, 1)]

  public var key: String { "lstsq.\(rows)x\(columns)x\(rightHandSides)" }

  /// One solve; returns the last coefficient.
  public func run() -> Double {
    let x = try! LAPACK.leastSquares(a, b)
    return x[columns - 1, rightHandSides - 1]
  }
}

/// An automatic model's fit, point forecast and 80/95% intervals for every M1 yearly training
/// series, one after the other: the per-series work statsforecast's AutoETS (or AutoARIMA) does.
public final class AutoModelPanelWorkload {
  let series: [[Double]]
  let model: any ForecastModel

  init(model: any ForecastModel, panel: SeriesPanel) {
    self.model = model
    series = panel.series.map(\.values)
  }

  /// `AutoETSModel` (key `autoets.m1`).
  public static func autoETS(panel: SeriesPanel = FittingData.m1Training()) -> AutoModelPanelWorkload {
    AutoModelPanelWorkload(model: AutoETSModel(), panel: panel)
  }

  /// `AutoARIMAModel` (key `autoarima.m1`).
  public static func autoARIMA(panel: SeriesPanel = FittingData.m1Training()) -> AutoModelPanelWorkload {
    AutoModelPanelWorkload(model: AutoARIMAModel(), panel: panel)
  }

  public var seriesCount: Int { series.count }

  /// Fits and forecasts every series; returns the sum of the last upper bounds.
  public func run() -> Double {
    var sum = 0.0
    for y in series {
      let fitted = try! model.fit(y)
      sum += fitted.pointForecast(horizon: FittingData.horizon)[FittingData.horizon - 1]
      sum += fitted.intervals(horizon: FittingData.horizon, levels: FittingData.levels).last!.upper.last!
    }
    return sum
  }
}

/// `PanelForecaster.forecast` with method `auto` on the M1 yearly training parts, one thread:
/// choice on the held-out validation years, the final fits, calibrated 80/95% intervals.
public final class AutoPanelWorkload {
  public let panel: SeriesPanel
  let options = ForecastOptions(horizon: FittingData.horizon, levels: FittingData.levels, threads: 1)

  public init(panel: SeriesPanel = FittingData.m1Training()) {
    self.panel = panel
  }

  public var seriesCount: Int { panel.series.count }

  /// One panel forecast; returns the last series' last mean.
  public func run() -> Double {
    let result = try! PanelForecaster.forecast(panel, options)
    return result.forecasts.last!.mean.last!
  }
}
