import Foundation
import TCLinearAlgebra
import TCModels
import TCRandom
import TCScenario

/// Everything the hot loop needs, precomputed once from a scenario.
///
/// Quantities are indexed series first (0..<K) and then aggregates (K..<K+A); cells are
/// (quantity, simulated year) pairs stored at `quantity * horizon + year`.
struct SimulationPlan: Sendable {
  let seed: UInt64
  let seriesCount: Int
  let horizon: Int
  let logBases: [Double]
  /// Series whose base-year level each path draws from a year-to-date full-year distribution:
  /// the distribution of the log level, its floor (log of the year-to-date value) and the
  /// stream key (from the series id, so other series keep their numbers).
  let baseDraws: [(series: Int, logLevel: Distribution, logFloor: Double, key: UInt64)]
  /// Growth law of series `k` in simulated year `t`, at `k * horizon + t`.
  let laws: [GrowthLaw]
  /// Added log-growth from mean reversion, at `k * horizon + t` (0 without reversion).
  let shifts: [Double]
  let persistence: [Double]
  /// Fitted models of series whose future comes from a model (nil for growth assumptions), and
  /// the stream key of each (from the series id, so other series keep their numbers).
  let models: [(any FittedModel)?]
  let modelKeys: [UInt64]
  /// Lower-triangular `L` with `L Lᵀ = correlation` (or `V√Λ` for a singular one), nil for
  /// independent series.
  let correlationFactor: Matrix?
  let factorIsLowerTriangular: Bool
  /// Member series of each aggregate.
  let aggregates: [[Int]]
  /// Whether the aggregate needs its level computed in simulated year t, at `a * horizon + t`.
  let aggregateYears: [Bool]
  let aggregateForecast: [Bool]
  let events: [PlannedEvent]
  /// Shared event drivers, by name, in first-use order.
  let driverNames: [String]
  let targets: [PlannedTarget]
  /// Control variate of each target (`variance_reduction: control_variate`; nil where a target
  /// has none, and for every target otherwise).
  let controls: [Control?]
  let antithetic: Bool
  /// Whether each path's required growth shift is recorded (only when required probabilities
  /// are asked for: the shift histograms are an extra pass over every target and year).
  let requiredShifts: Bool
  /// Fixed-point scale of conditional probabilities.
  let conditionalScale: Double
  let warnings: [String]

  /// Whether a k-of-n target counts each target (its first years and outcomes are kept).
  let isMember: [Bool]
  /// Where each k-of-n target's member-count table starts in `SimulationState.memberCounts`
  /// (0 for other targets), and the tables' total size.
  let memberCountOffsets: [Int]
  let memberCountSize: Int

  var aggregateCount: Int { aggregates.count }
  var quantityCount: Int { seriesCount + aggregates.count }
  /// Whether any series is not the plain lognormal fast path.
  let seriesHasLevelEvents: [Bool]

  struct PlannedTarget: Sendable {
    let quantity: Int
    /// Year index of the reference level, or −1 for the base year.
    let reference: Int
    /// Log of the reference level when it is the base year (0 for plain level targets).
    let referenceLog: Double
    /// Whether the reference is the base-year level (a ratio or CAGR from the base year).
    let relativeToBase: Bool
    /// Lower bound on log(level) − reference in each simulated year (meaningful after
    /// `reference`; −∞ for an `at_most` target).
    let thresholds: [Double]
    /// Upper bound on log(level) − reference (+∞ but for `at_most` and `between` targets).
    let upper: Double
    /// Indices of the member targets of a k-of-n target (empty for any other), and k.
    let members: [Int]
    let required: Int
    /// Whether the paths' growth shift to meet the target is recorded (targets met from below).
    let hasShift: Bool
    var isComposite: Bool { !members.isEmpty }
    let decisionYear: Int
    let inYear: Bool
    /// Log-growth mean and sd in the decision year when the target is estimated by conditional
    /// Monte Carlo (nil: 0/1 indicator).
    let conditional: (mean: Double, sigma: Double)?
    /// Log-growth shift the quantity gains by year t per unit shift of the growth assumption.
    @inline(__always) func yearsSinceReference(_ t: Int) -> Double { Double(t - reference) }
  }

  struct PlannedEvent: Sendable {
    let series: Int
    /// Stream id part derived from the event id, so adding an event leaves others' numbers alone.
    let key: UInt64
    /// Latent threshold Φ⁻¹(probability).
    let threshold: Double
    /// Cumulative start-year probabilities by year index (once), or nil for per-year events.
    let timing: [Double]?
    let years: ClosedRange<Int>
    let addLevel: Double?
    let ramp: [Double]
    let logShock: Double
    let driver: Int?
    let loading: Double
  }

  init(scenario: Scenario) throws(ScenarioError) {
    seed = scenario.seed
    seriesCount = scenario.series.count
    horizon = scenario.horizon
    logBases = scenario.series.map { log($0.base) }
    baseDraws = scenario.series.enumerated().compactMap { index, spec in
      guard spec.baseFromYTD, let ytd = spec.ytd else { return nil }
      return (index, ytd.logFullYear, log(ytd.value), SimulationPlan.stableHash("ytd:" + spec.id))
    }
    let h = horizon
    var laws: [GrowthLaw] = []
    var shifts: [Double] = []
    for spec in scenario.series {
      for (t, year) in scenario.simulatedYears.enumerated() {
        let law = GrowthLaw(spec.growth(in: year))
        laws.append(law)
        if let reversion = spec.reversion {
          // The mean rate starts at `start` and closes `speed` of the gap each year.
          let gap = log1p(reversion.start) - log1p(law.meanRate)
          shifts.append(gap * pow(1 - reversion.speed, Double(t)))
        } else {
          shifts.append(0)
        }
      }
    }
    self.laws = laws
    self.shifts = shifts
    persistence = scenario.series.map(\.persistence)
    var models: [(any FittedModel)?] = []
    for (index, spec) in scenario.series.enumerated() {
      guard let model = spec.model else { models.append(nil); continue }
      guard let entry = ModelRegistry.entry(named: model.type) else {
        throw ScenarioError(
          file: scenario.sourceFile, key: "series[\(index)].model.type",
          message: "unknown model '\(model.type)'\(didYouMean(model.type, in: ModelRegistry.names)) (expected one of: \(ModelRegistry.names.joined(separator: ", ")))")
      }
      do {
        models.append(try entry.make().fit(model.history + [spec.base]))
      } catch {
        throw ScenarioError(file: scenario.sourceFile, key: "series[\(index)].model", message: "cannot fit \(model.type) to the history: \(error)")
      }
    }
    self.models = models
    modelKeys = scenario.series.map { SimulationPlan.stableHash("model:" + $0.id) }
    var warnings = scenario.sanityWarnings().map(\.description)
    if let correlation = scenario.correlation, seriesCount > 1 {
      let factor = try CorrelationFactor.make(correlation, repair: scenario.repairCorrelation, file: scenario.sourceFile)
      correlationFactor = factor.matrix
      factorIsLowerTriangular = factor.lowerTriangular
      if let warning = factor.warning { warnings.append(warning) }
    } else {
      correlationFactor = nil
      factorIsLowerTriangular = true
    }
    self.warnings = warnings
    aggregates = scenario.aggregates.map { $0.members.map { scenario.seriesIndex(of: $0)! } }
    aggregateForecast = scenario.aggregates.map(\.forecast)

    var targets: [PlannedTarget] = []
    var aggregateYears = Array(repeating: false, count: scenario.aggregates.count * h)
    for (a, aggregate) in scenario.aggregates.enumerated() where aggregate.forecast {
      for t in 0..<h { aggregateYears[a * h + t] = true }
    }
    for target in scenario.targets {
      if let composite = target.composite {
        let members = composite.members.map { name in scenario.targets.firstIndex { $0.name == name }! }
        targets.append(PlannedTarget(
          quantity: -1, reference: -1, referenceLog: 0, relativeToBase: false, thresholds: [], upper: .infinity,
          members: members, required: composite.required, hasShift: false,
          decisionYear: target.year - scenario.baseYear - 1, inYear: true, conditional: nil))
        continue
      }
      let quantity = scenario.seriesIndex(of: target.series) ?? (scenario.series.count + scenario.aggregateIndex(of: target.series)!)
      let baseLevel = target.baseLevel(in: scenario)!
      let fromYear = target.referenceYear ?? scenario.baseYear
      let reference = fromYear == scenario.baseYear ? -1 : fromYear - scenario.baseYear - 1
      var referenceLog = 0.0
      if target.measure != .level && reference == -1 { referenceLog = log(baseLevel) }
      let thresholds: [Double] = (0..<h).map { t in
        switch (target.measure, target.comparison) {
        case (.level, .atMost): return -.infinity
        case (.level, _): return log(target.threshold)
        case (.ratio, _): return log(target.threshold)
        case (.cagr, _): return Double(t - reference) * log1p(target.threshold)
        case (.yearOnYear, _): return log1p(target.threshold)
        }
      }
      let upper: Double
      switch target.comparison {
      case .atLeast: upper = .infinity
      case .atMost: upper = log(target.threshold)
      case .between(let high): upper = log(high)
      }
      if quantity >= seriesCount {
        let a = quantity - seriesCount
        for t in Swift.max(0, reference)..<h { aggregateYears[a * h + t] = true }
      }
      let decision = target.year - scenario.baseYear - 1
      var conditional: (mean: Double, sigma: Double)?
      if scenario.varianceReduction == .conditional, target.isSimpleAtLeast, quantity < scenario.series.count,
        scenario.series[quantity].persistence == 0, scenario.series[quantity].model == nil,
        !scenario.events.contains(where: { $0.series == target.series }),
        case .logNormal(let mu, let sigma) = laws[quantity * h + decision], sigma > 0
      {
        conditional = (mu + shifts[quantity * h + decision], sigma)
      }
      targets.append(PlannedTarget(
        quantity: quantity, reference: reference, referenceLog: referenceLog,
        relativeToBase: target.measure != .level && reference == -1, thresholds: thresholds, upper: upper,
        members: [], required: 0, hasShift: target.isSimpleAtLeast,
        decisionYear: decision, inYear: target.timing == .inYear, conditional: conditional))
    }
    self.targets = targets
    self.aggregateYears = aggregateYears
    var isMember = Array(repeating: false, count: targets.count)
    var offsets: [Int] = [], size = 0
    for target in targets {
      offsets.append(size)
      for member in target.members { isMember[member] = true }
      if target.isComposite { size += (h + 1) * (target.members.count + 1) }
    }
    self.isMember = isMember
    memberCountOffsets = offsets
    memberCountSize = size

    var driverNames: [String] = []
    var events: [PlannedEvent] = []
    var levelEvents = Array(repeating: false, count: seriesCount)
    for event in scenario.events {
      let series = scenario.seriesIndex(of: event.series)!
      var driver: Int?
      if let name = event.driver {
        if let index = driverNames.firstIndex(of: name) { driver = index } else {
          driverNames.append(name)
          driver = driverNames.count - 1
        }
      }
      var timing: [Double]?
      let years: ClosedRange<Int>
      switch event.frequency {
      case .once(let weights):
        var cumulative: [Double] = []
        var total = 0.0
        for year in scenario.simulatedYears {
          total += weights[year] ?? 0
          cumulative.append(total)
        }
        timing = cumulative.map { $0 / total }
        years = (weights.keys.min()! - scenario.baseYear - 1)...(weights.keys.max()! - scenario.baseYear - 1)
      case .perYear(let range):
        years = (range.lowerBound - scenario.baseYear - 1)...(range.upperBound - scenario.baseYear - 1)
      }
      var addLevel: Double?
      var ramp: [Double] = [1]
      var logShock = 0.0
      switch event.effect {
      case .addLevel(let level, let shares):
        addLevel = level
        ramp = shares
        levelEvents[series] = true
      case .growthShock(let shock):
        logShock = log1p(shock)
      }
      let threshold = event.probability <= 0 ? -Double.infinity : event.probability >= 1 ? Double.infinity : NormalDistribution.quantile(event.probability)
      events.append(PlannedEvent(
        series: series, key: SimulationPlan.stableHash(event.id), threshold: threshold, timing: timing,
        years: years, addLevel: addLevel, ramp: ramp, logShock: logShock, driver: driver, loading: event.loading))
    }
    self.events = events
    self.driverNames = driverNames
    self.seriesHasLevelEvents = levelEvents
    antithetic = scenario.varianceReduction == .antithetic
    controls = scenario.varianceReduction == .controlVariate
      ? SimulationPlan.controls(
        scenario: scenario, targets: targets, laws: laws, shifts: shifts, logBases: logBases,
        factor: correlationFactor, seriesCount: seriesCount, horizon: h)
      : Array(repeating: nil, count: targets.count)
    requiredShifts = !scenario.requiredProbabilities.isEmpty
    conditionalScale = 0x1p62
    // Every plan, whether checked, run, merged or read back from a shard, keeps its levels finite.
    try checkLevelsStayFinite(scenario: scenario)
  }

  /// FNV-1a of the UTF-8 bytes: a stream key that depends only on a name.
  static func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01B3
    }
    return h
  }
}
