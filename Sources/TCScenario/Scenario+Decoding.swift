import Foundation
import TCRandom
import Yams

extension Scenario {
  /// Keys allowed at the top level of a scenario file.
  static let topLevelKeys = [
    "name", "title", "description", "units", "base_year", "horizon", "paths", "seed",
    "series", "correlation", "targets", "aggregates", "events", "precision", "variance_reduction",
    "required_probabilities", "sensitivity_paths", "variants",
  ]
  static let seriesKeys = ["id", "label", "units", "base", "growth", "growth_by_year", "persistence", "reversion", "path", "model", "ytd", "note"]
  static let targetKeys = [
    "name", "series", "year", "by", "within", "from", "at_least", "at_most", "between", "ratio", "cagr", "yoy",
    "all_of", "at_least_k_of", "of", "note",
  ]

  /// Reads and validates a scenario file.
  ///
  /// - Parameters:
  ///   - path: Path of a YAML scenario file.
  /// - Throws: `ScenarioError` naming the file, line, column and key of the first problem.
  public static func load(path: String) throws(ScenarioError) -> Scenario {
    try ScenarioSource.load(path: path).scenario()
  }

  /// Parses and validates scenario YAML text (the base variant, without settings).
  ///
  /// - Parameters:
  ///   - yaml: The scenario text.
  ///   - file: Name used in error messages.
  ///   - defaultName: Scenario name when the text has no `name` key.
  public static func parse(yaml: String, file: String? = nil, defaultName: String = "scenario") throws(ScenarioError) -> Scenario {
    try ScenarioSource(yaml: yaml, file: file, defaultName: defaultName).scenario()
  }

  static func composeYAML(_ text: String, file: String?) throws(ScenarioError) -> Node {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      var problem = scenarioError(from: error, file: file)
      // A full-width colon typed for ':' (a Chinese input method) breaks the syntax a line or
      // more later; point at the character itself.
      if let found = fullWidthSeparator(in: text), found.line <= (problem.line ?? Int.max) {
        problem = ScenarioError(
          file: file, line: found.line, column: found.column,
          message: "\(found.mark.description) where YAML needs \(found.mark.ascii)")
      }
      throw problem
    } catch {
      throw ScenarioError(file: file, message: "YAML syntax error: \(error)")
    }
    guard let node else { throw ScenarioError(file: file, message: "the scenario file is empty") }
    return node
  }

  static func scenarioError(from error: YamlError, file: String?) -> ScenarioError {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "YAML syntax error: \(problem)"
      if let context { message += " (\(context.text) at line \(context.mark.line))" }
      return ScenarioError(file: file, line: mark.line, column: mark.column, message: message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return ScenarioError(
        file: file, line: context.mark.line, column: context.mark.column,
        message: "duplicate key(s) \(duplicates.joined(separator: ", ")) in one mapping")
    case .reader(let problem, _, _, _):
      return ScenarioError(file: file, message: "cannot read the YAML text: \(problem)")
    default:
      return ScenarioError(file: file, message: "YAML error: \(error)")
    }
  }

  static func decode(_ root: YAMLCursor, defaultName: String) throws(ScenarioError) -> Scenario {
    let top = try root.mapping(allowed: topLevelKeys)
    let name = try top["name"]?.string() ?? defaultName
    if let cursor = top["name"], let problem = nameProblem(name) { throw cursor.error(problem) }
    let baseCursor = try top.required("base_year")
    let baseYear = try baseCursor.int()
    if let problem = ScenarioRules.baseYear(baseYear) { throw baseCursor.error(problem) }
    let horizonCursor = try top.required("horizon")
    let horizonYear = try horizonCursor.int()
    if let problem = ScenarioRules.horizon(horizonYear, baseYear: baseYear) { throw horizonCursor.error(problem) }
    let years = (baseYear + 1)...horizonYear
    var paths = 100_000
    var precision: PrecisionSpec?
    if let cursor = top["paths"] {
      if cursor.isScalar, try cursor.string() == "auto" {
        precision = try decodePrecision(top["precision"])
        paths = precision!.maxPaths
      } else {
        paths = try cursor.int()
        if let problem = ScenarioRules.paths(paths) { throw cursor.error(problem) }
        if let extra = top["precision"] { throw extra.error("'precision' applies only with 'paths: auto'") }
      }
    } else if let extra = top["precision"] {
      throw extra.error("'precision' applies only with 'paths: auto'")
    }
    let seed = try top["seed"]?.uint64() ?? 1

    var series: [SeriesSpec] = []
    let seriesList = try top.required("series").sequence()
    guard !seriesList.isEmpty else { throw try top.required("series").error("expected at least one series") }
    for item in seriesList {
      let spec = try decodeSeries(item, years: years)
      if series.contains(where: { $0.id == spec.id }) {
        throw item.error("duplicate series id '\(spec.id)'; each series needs its own id")
      }
      series.append(spec)
    }
    var aggregates: [AggregateSpec] = []
    if let list = top["aggregates"] {
      for item in try list.sequence() {
        let aggregate = try decodeAggregate(item, series: series.map(\.id))
        if let problem = ScenarioRules.aggregateUnits(aggregate.members.map { id in series.first { $0.id == id }!.units }) {
          throw try item.mapping(allowed: aggregateKeys).required("members").error(problem)
        }
        if series.contains(where: { $0.id == aggregate.id }) || aggregates.contains(where: { $0.id == aggregate.id }) {
          throw item.error("duplicate id '\(aggregate.id)'; aggregates and series need distinct ids")
        }
        aggregates.append(aggregate)
      }
    }
    var targets: [TargetSpec] = []
    if let list = top["targets"] {
      let items = try list.sequence()
      for item in items {
        let target = try decodeTarget(item, series: series.map(\.id) + aggregates.map(\.id), years: years)
        if targets.contains(where: { $0.name == target.name }) {
          throw item.error("duplicate target name '\(target.name)'")
        }
        targets.append(target)
      }
      // k-of-n targets name others, which may come later in the list.
      for (index, item) in items.enumerated() {
        guard let composite = targets[index].composite else { continue }
        let map = try item.mapping(allowed: targetKeys)
        if let problem = ScenarioRules.composite(composite, of: targets[index].name, among: targets) {
          throw (map["of"] ?? map["all_of"] ?? item).error(problem)
        }
        targets[index].year = targets[index].latestMemberYear(among: targets)!
      }
    }
    var correlation: [[Double]]?
    var repair = false
    if let cursor = top["correlation"] {
      if cursor.isMapping {
        let map = try cursor.mapping(allowed: ["matrix", "repair", "note"])
        correlation = try decodeCorrelation(try map.required("matrix"), count: series.count)
        if let repairCursor = map["repair"] {
          let mode = try repairCursor.string()
          guard ["nearest", "none"].contains(mode) else {
            throw repairCursor.error("expected 'nearest' (replace by the nearest correlation matrix, with a warning) or 'none', found '\(mode)'")
          }
          repair = mode == "nearest"
        }
      } else {
        correlation = try decodeCorrelation(cursor, count: series.count)
      }
    }
    var events: [EventSpec] = []
    if let list = top["events"] {
      for item in try list.sequence() {
        let event = try decodeEvent(item, series: series.map(\.id), years: years)
        if events.contains(where: { $0.id == event.id }) { throw item.error("duplicate event id '\(event.id)'") }
        events.append(event)
      }
    }

    var scenario = Scenario(
      name: name, title: try top["title"]?.string(), units: try top["units"]?.string(),
      baseYear: baseYear, horizonYear: horizonYear, paths: paths, seed: seed,
      series: series, correlation: correlation, targets: targets)
    scenario.description = try top["description"]?.string()
    scenario.aggregates = aggregates
    scenario.events = events
    scenario.repairCorrelation = repair
    scenario.precision = precision
    if let cursor = top["variance_reduction"] {
      let text = try cursor.string()
      let names = VarianceReduction.allCases.map(\.rawValue)
      guard let method = VarianceReduction(rawValue: text) else {
        var message = "unknown variance-reduction method '\(text)'"
        message += didYouMean(text, in: names)
        throw cursor.error(message + " (expected one of: \(names.joined(separator: ", ")))")
      }
      scenario.varianceReduction = method
    }
    if let cursor = top["required_probabilities"] {
      var levels: [Double] = []
      for item in try cursor.sequence() {
        let p = try item.double()
        if let problem = ScenarioRules.requiredProbability(p) { throw item.error(problem) }
        levels.append(p)
      }
      scenario.requiredProbabilities = levels
    }
    if let cursor = top["sensitivity_paths"] {
      let count = try cursor.int()
      if let problem = ScenarioRules.sensitivityPaths(count) { throw cursor.error(problem) }
      scenario.sensitivityPaths = count
    }
    return scenario
  }

  /// Longest simulation horizon accepted, in years.
  public static let maximumHorizon = 200
  /// Largest path count accepted in a file or on the command line.
  /// Most paths a run (or a sharded run as a whole) may have: 10^12, below 2^40, so that no count
  /// or fixed-point sum of the engine can overflow (see the engine's `FixedPointScale`).
  public static let maximumPaths = 1_000_000_000_000

  static func decodeSeries(_ cursor: YAMLCursor, years: ClosedRange<Int>) throws(ScenarioError) -> SeriesSpec {
    let map = try cursor.mapping(allowed: seriesKeys)
    let idCursor = try map.required("id")
    let id = try idCursor.string()
    guard !id.isEmpty, !id.contains(","), !id.contains("\n") else {
      throw idCursor.error("expected a non-empty id without commas or line breaks, found '\(id)'")
    }
    let label = try map["label"]?.string()
    let ytd = try map["ytd"].map { cursor throws(ScenarioError) in try decodeYearToDate(cursor) }
    let base: Double
    if let baseCursor = map["base"] {
      base = try baseCursor.double()
      if let problem = ScenarioRules.baseLevel(base) { throw baseCursor.error(problem) }
    } else if let ytd {
      if let other = map["path"] ?? map["model"] {
        throw other.error("a series with '\(other.path.split(separator: ".").last ?? "")' needs an explicit 'base'; only growth assumptions take the base-year level from 'ytd'")
      }
      base = ytd.median
    } else {
      throw map.owner.error("missing required key 'base' (or give 'ytd', a year-to-date figure, to derive it)")
    }
    var spec = try decodeSeriesFuture(map, id: id, label: label, base: base, years: years)
    spec.units = try map["units"]?.string()
    spec.note = try map["note"]?.string()
    spec.ytd = ytd
    spec.baseFromYTD = ytd != nil && map["base"] == nil
    return spec
  }

  static func decodeSeriesFuture(_ map: YAMLMapping, id: String, label: String?, base: Double, years: ClosedRange<Int>) throws(ScenarioError) -> SeriesSpec {
    var byYear: [Int: GrowthAssumption] = [:]
    if let pathCursor = map["path"] {
      // A fixed path: the level in every simulated year, turned into fixed growth rates.
      if map["growth"] != nil || map["growth_by_year"] != nil {
        throw pathCursor.error("give either a fixed 'path' or a 'growth' assumption, not both")
      }
      var previous = base
      var seen: [Int: Double] = [:]
      for (key, value) in try pathCursor.anyMapping() {
        guard let year = Int(key), years.contains(year) else {
          throw value.error("expected a simulated year \(years.lowerBound)–\(years.upperBound) as the key, found '\(key)'")
        }
        let level = try value.double()
        guard level > 0 else { throw value.error("expected a positive level, found \(level)") }
        seen[year] = level
      }
      for year in years {
        guard let level = seen[year] else { throw pathCursor.error("expected a level for every simulated year; \(year) is missing") }
        byYear[year] = .fixed(level / previous - 1)
        previous = level
      }
      return SeriesSpec(id: id, label: label, base: base, growth: .fixed(0), growthByYear: byYear)
    }
    if let modelCursor = map["model"] {
      if let other = map["growth"] ?? map["growth_by_year"] ?? map["persistence"] ?? map["reversion"] {
        throw other.error("a series with a 'model' takes its future from the model; remove '\(other.path.split(separator: ".").last ?? "")'")
      }
      let m = try modelCursor.mapping(allowed: ["type", "history", "note"])
      let typeCursor = try m.required("type")
      let type = try typeCursor.string()
      var history: [Double] = []
      for item in try m.required("history").sequence() {
        let value = try item.double()
        history.append(value)
      }
      guard history.count >= 2 else { throw try m.required("history").error("expected at least 2 earlier levels to fit a model to, found \(history.count)") }
      var spec = SeriesSpec(id: id, label: label, base: base, growth: .fixed(0))
      spec.model = ModelSpec(type: type, history: history)
      return spec
    }
    let growth = try decodeGrowth(try map.required("growth"))
    if let cursor = map["growth_by_year"] {
      for (key, value) in try cursor.anyMapping() {
        guard let year = Int(key), years.contains(year) else {
          throw value.error("expected a simulated year \(years.lowerBound)–\(years.upperBound) as the key, found '\(key)'")
        }
        byYear[year] = try decodeGrowth(value)
      }
    }
    var persistence = 0.0
    if let cursor = map["persistence"] {
      persistence = try cursor.double()
      if let problem = ScenarioRules.persistence(persistence) { throw cursor.error(problem) }
    }
    var reversion: Reversion?
    if let cursor = map["reversion"] {
      let r = try cursor.mapping(allowed: ["start", "speed", "note"])
      let start = try r.required("start").double()
      if let problem = ScenarioRules.growthRate(start) { throw try r.required("start").error(problem) }
      let speed = try r.required("speed").double()
      if let problem = ScenarioRules.speed(speed) { throw try r.required("speed").error(problem) }
      reversion = Reversion(start: start, speed: speed)
    }
    return SeriesSpec(id: id, label: label, base: base, growth: growth, growthByYear: byYear, persistence: persistence, reversion: reversion)
  }

  /// Distribution names accepted under `growth.distribution`, with the keys each takes.
  static let growthDistributions: [String: [String]] = [
    "lognormal": ["mean", "sd"],
    "normal": ["mean", "sd"],
    "student_t": ["df", "mean", "scale"],
    "triangular": ["min", "mode", "max"],
    "pert": ["min", "mode", "max", "lambda"],
    "uniform": ["min", "max"],
    "fixed": ["value"],
    "log_growth": ["mu", "sigma"],
  ]

  static func decodeGrowth(_ cursor: YAMLCursor) throws(ScenarioError) -> GrowthAssumption {
    if cursor.isScalar { return .fixed(try cursor.double()) }
    let names = growthDistributions.keys.sorted()
    let parameters = Set(growthDistributions.values.joined()).sorted()
    let loose = try cursor.mapping(allowed: ["distribution"] + parameters + ["note"])
    let kindCursor = try loose.required("distribution")
    let kind = try kindCursor.string()
    guard let keys = growthDistributions[kind] else {
      var message = "unknown distribution '\(kind)'"
      message += didYouMean(kind, in: names)
      throw kindCursor.error(message + " (expected one of: \(names.joined(separator: ", ")))")
    }
    // A parameter of another distribution is most often left over from the base after a variant
    // or --set changed 'distribution' alone: overrides merge mappings key by key.
    for (key, value) in loose.entries where !keys.contains(key) && key != "distribution" && key != "note" {
      throw value.error(
        "'\(key)' is not a parameter of the \(kind) distribution (it takes \(keys.joined(separator: ", "))); if a variant or --set changed "
          + "'distribution', the base's other keys remain: replace the whole mapping with !replace, e.g. "
          + "--set '\(cursor.path)=!replace {distribution: \(kind), \(keys.map { "\($0): …" }.joined(separator: ", "))}'")
    }
    let map = loose
    func number(_ key: String) throws(ScenarioError) -> Double { try map.required(key).double() }

    let assumption: GrowthAssumption
    switch kind {
    case "lognormal":
      let mean = try number("mean"), sd = try number("sd")
      if let problem = ScenarioRules.standardDeviation(sd) { throw try map.required("sd").error(problem) }
      if let problem = ScenarioRules.growthRate(mean, what: "a mean growth rate") { throw try map.required("mean").error(problem) }
      assumption = sd == 0 ? .fixed(mean) : .lognormal(mean: mean, sd: sd)
    case "normal":
      let mean = try number("mean"), sd = try number("sd")
      if let problem = ScenarioRules.standardDeviation(sd) { throw try map.required("sd").error(problem) }
      assumption = sd == 0 ? .fixed(mean) : .rate(.normal(mean: mean, sd: sd))
    case "student_t":
      assumption = .rate(.studentT(df: try number("df"), location: try number("mean"), scale: try number("scale")))
    case "triangular":
      assumption = .rate(.triangular(min: try number("min"), mode: try number("mode"), max: try number("max")))
    case "pert":
      assumption = .rate(.pert(min: try number("min"), mode: try number("mode"), max: try number("max"), lambda: try map["lambda"]?.double() ?? 4))
    case "uniform":
      assumption = .rate(.uniform(min: try number("min"), max: try number("max")))
    case "log_growth":
      let mu = try number("mu"), sigma = try number("sigma")
      if let problem = ScenarioRules.standardDeviation(sigma) { throw try map.required("sigma").error(problem) }
      assumption = sigma == 0 ? .fixed(Foundation.exp(mu) - 1) : .logNormalGrowth(mu: mu, sigma: sigma)
    default:
      assumption = .fixed(try number("value"))
    }
    if case .rate(let distribution) = assumption {
      do {
        try distribution.validate()
      } catch {
        let key = map[error.parameter] ?? cursor
        throw key.error("invalid \(kind) growth: \(error.message)")
      }
    }
    return assumption
  }

  static func decodeTarget(_ cursor: YAMLCursor, series ids: [String], years: ClosedRange<Int>) throws(ScenarioError) -> TargetSpec {
    let map = try cursor.mapping(allowed: targetKeys)
    if map["all_of"] != nil || map["at_least_k_of"] != nil { return try decodeCompositeTarget(cursor, map) }
    if let of = map["of"] { throw of.error("'of' lists the targets of 'at_least_k_of'") }
    let seriesCursor = try map.required("series")
    let series = try seriesCursor.string()
    guard ids.contains(series) else {
      var message = "unknown series '\(series)'"
      message += didYouMean(series, in: ids)
      throw seriesCursor.error(message + " (series and aggregates in this scenario: \(ids.joined(separator: ", ")))")
    }
    let baseYear = years.lowerBound - 1
    // The reference year of ratio and CAGR targets: the base year or a simulated year.
    var from = baseYear
    if let fromCursor = map["from"] {
      from = try fromCursor.int()
      guard from == baseYear || years.contains(from) else {
        throw fromCursor.error("expected the base year \(baseYear) or a simulated year \(years.lowerBound)–\(years.upperBound), found \(from)")
      }
    }
    let measureKeys = ["at_least", "at_most", "between", "ratio", "cagr", "yoy"]
    let measures = measureKeys.compactMap { key in map[key].map { (key, $0) } }
    guard measures.count == 1, let (measureKey, thresholdCursor) = measures.first else {
      throw cursor.error(
        "give exactly one of 'at_least' or 'at_most' (a level), 'between' ([lower, upper] levels), 'ratio' (e.g. 2 for doubling), 'cagr' (an annual growth rate) or 'yoy' (growth over the year before)")
    }
    var comparison = TargetSpec.Comparison.atLeast
    let threshold: Double
    if measureKey == "between" {
      let bounds = try thresholdCursor.sequence()
      guard bounds.count == 2 else { throw thresholdCursor.error("expected [lower, upper], found \(bounds.count) numbers") }
      threshold = try bounds[0].double()
      let upper = try bounds[1].double()
      if let problem = ScenarioRules.threshold(threshold, measure: .level) { throw bounds[0].error(problem) }
      if let problem = ScenarioRules.between(threshold, upper) { throw bounds[1].error(problem) }
      comparison = .between(upper: upper)
    } else {
      threshold = try thresholdCursor.double()
      if measureKey == "at_most" { comparison = .atMost }
    }
    let measure: TargetSpec.Measure
    switch measureKey {
    case "at_least", "at_most", "between", "yoy":
      measure = measureKey == "yoy" ? .yearOnYear : .level
      if let problem = ScenarioRules.threshold(threshold, measure: measure) { throw thresholdCursor.error(problem) }
      if let fromCursor = map["from"], map["within"] == nil { throw fromCursor.error("'from' applies to 'ratio', 'cagr' and 'within' targets") }
    case "ratio":
      measure = .ratio(from: from)
      if let problem = ScenarioRules.threshold(threshold, measure: measure) { throw thresholdCursor.error(problem) }
    default:
      measure = .cagr(from: from)
      if let problem = ScenarioRules.threshold(threshold, measure: measure) { throw thresholdCursor.error(problem) }
    }
    func checkedYear(_ cursor: YAMLCursor) throws(ScenarioError) -> Int {
      let year = try cursor.int()
      guard years.contains(year) else {
        throw cursor.error("target year \(year) is outside the simulated years \(years.lowerBound)–\(years.upperBound) (base_year + 1 … horizon)")
      }
      guard year > from else { throw cursor.error("target year \(year) must come after the reference year \(from)") }
      return year
    }
    let year: Int
    let timing: TargetSpec.Timing
    switch (map["year"], map["by"], map["within"]) {
    case (let y?, nil, nil): year = try checkedYear(y); timing = .inYear
    case (nil, let b?, nil): year = try checkedYear(b); timing = .byYear
    case (nil, nil, let w?):
      let span = try w.int()
      guard span >= 1 else { throw w.error("expected a number of years ≥ 1, found \(span)") }
      guard years.contains(from + span) else {
        throw w.error("\(from) + \(span) years = \(from + span) is outside the simulated years \(years.lowerBound)–\(years.upperBound)")
      }
      year = from + span
      timing = .byYear
    case (nil, nil, nil): throw cursor.error("missing 'year' (level in that year), 'by' (at any year up to it) or 'within' (years after 'from')")
    default: throw cursor.error("give only one of 'year' (level in that year), 'by' (at any year up to it) or 'within' (years after 'from')")
    }
    var target = TargetSpec(
      name: "", series: series, year: year, threshold: threshold, timing: timing, measure: measure, comparison: comparison)
    if let problem = ScenarioRules.timing(target) { throw (map["by"] ?? map["within"] ?? cursor).error(problem) }
    if measure == .yearOnYear, year - 1 != baseYear, !years.contains(year - 1) {
      throw (map["year"] ?? cursor).error("a year-on-year target needs the year before simulated or the base year")
    }
    let word = timing == .inYear ? "in" : "by"
    let defaultName: String
    switch (measure, comparison) {
    case (.level, .atMost): defaultName = "\(series) ≤ \(formatNumber(threshold)) \(word) \(year)"
    case (.level, .between(let upper)): defaultName = "\(series) \(formatNumber(threshold))–\(formatNumber(upper)) in \(year)"
    case (.level, _): defaultName = "\(series) ≥ \(formatNumber(threshold)) \(word) \(year)"
    case (.ratio, _): defaultName = "\(series) ≥ \(formatNumber(threshold))× \(from) \(word) \(year)"
    case (.cagr, _): defaultName = "\(series) CAGR \(from)–\(year) ≥ \(formatNumber(threshold))"
    case (.yearOnYear, _): defaultName = "\(series) growth ≥ \(formatNumber(threshold)) in \(year)"
    }
    target.name = try map["name"]?.string() ?? defaultName
    return target
  }

  /// `all_of: [names]` or `at_least_k_of: k` with `of: [names]`: the members are checked once
  /// every target is read (they may come later in the list).
  static func decodeCompositeTarget(_ cursor: YAMLCursor, _ map: YAMLMapping) throws(ScenarioError) -> TargetSpec {
    let allowed: Set = ["name", "all_of", "at_least_k_of", "of", "note"]
    if let extra = map.keys.first(where: { !allowed.contains($0) }) {
      throw map[extra]!.error("'\(extra)' does not apply to a k-of-n target (its members carry their own conditions)")
    }
    let members: [String]
    let required: Int
    switch (map["all_of"], map["at_least_k_of"]) {
    case (let all?, nil):
      if let of = map["of"] { throw of.error("'of' goes with 'at_least_k_of'; 'all_of' lists its targets itself") }
      members = try all.sequence().map { (item) throws(ScenarioError) in try item.string() }
      required = members.count
    case (nil, let k?):
      required = try k.int()
      members = try map.required("of").sequence().map { (item) throws(ScenarioError) in try item.string() }
    default:
      throw cursor.error("give one of 'all_of' ([target names]) or 'at_least_k_of' (k, with 'of': [target names])")
    }
    let defaultName = required == members.count
      ? "all of " + members.joined(separator: ", ")
      : "at least \(required) of " + members.joined(separator: ", ")
    let name = try map["name"]?.string() ?? defaultName
    return TargetSpec(name: name, members: members, required: required, year: 0)
  }
}

extension Scenario {
  static func decodeCorrelation(_ cursor: YAMLCursor, count: Int) throws(ScenarioError) -> [[Double]] {
    let rows = try cursor.sequence()
    guard rows.count == count else {
      throw cursor.error("expected a \(count)×\(count) matrix (one row per series, in series order), found \(rows.count) rows")
    }
    var matrix: [[Double]] = []
    for row in rows {
      let entries = try row.sequence()
      guard entries.count == count else {
        throw row.error("expected \(count) entries in this row (one per series), found \(entries.count)")
      }
      var values: [Double] = []
      for entry in entries {
        let value = try entry.double()
        if let problem = ScenarioRules.correlation(value) { throw entry.error(problem) }
        values.append(value)
      }
      matrix.append(values)
    }
    for i in 0..<count {
      guard matrix[i][i] == 1 else {
        throw rows[i].error("expected 1 on the diagonal (a series is perfectly correlated with itself), found \(matrix[i][i]) in row \(i + 1)")
      }
      for j in 0..<i where abs(matrix[i][j] - matrix[j][i]) > 1e-12 {
        throw rows[i].error("expected a symmetric matrix: entry (\(i + 1),\(j + 1)) = \(matrix[i][j]) but (\(j + 1),\(i + 1)) = \(matrix[j][i])")
      }
    }
    return matrix
  }
}

/// Shortest decimal text for a number (`1000`, not `1000.0`).
func formatNumber(_ x: Double) -> String {
  if x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
  return "\(x)"
}

extension Scenario {
  /// Full-width punctuation that Chinese input methods type where YAML needs ASCII.
  struct FullWidthMark: Sendable {
    let character: Character
    let description: String
    let ascii: String
  }

  static let fullWidthMarks = [
    FullWidthMark(character: "：", description: "a full-width colon '：'", ascii: "':' followed by a space"),
    FullWidthMark(character: "，", description: "a full-width comma '，'", ascii: "',' between the entries of a [list] or {mapping}"),
  ]

  /// The first full-width colon used as a key separator (no ASCII ':' before it since the
  /// line's start, '{' or ',') or full-width comma inside an open '{' or '['; nil if none.
  /// Comments are skipped; quoted text is not looked into.
  static func fullWidthSeparator(in text: String) -> (line: Int, column: Int, mark: FullWidthMark)? {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var segmentHasColon = false, depth = 0, column = 0, quote: Character?
      var previous: Character = " "
      for character in line {
        column += 1
        defer { previous = character }
        if let open = quote {
          if character == open { quote = nil }
          continue
        }
        if character == "#" && (previous == " " || column == 1) { break }  // the rest is a comment
        switch character {
        case "\"", "'": quote = character
        case "{", "[": depth += 1; segmentHasColon = false
        case "}", "]": depth -= 1
        case ",": segmentHasColon = false
        case ":": segmentHasColon = true
        case "：" where !segmentHasColon: return (index + 1, column, fullWidthMarks[0])
        case "，" where depth > 0: return (index + 1, column, fullWidthMarks[1])
        default: break
        }
      }
    }
    return nil
  }
}
