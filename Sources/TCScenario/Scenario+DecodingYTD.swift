extension Scenario {
  static let yearToDateKeys = ["through_month", "value", "history", "shares", "run_rate_sd", "official_estimate", "note"]
  static let yearToDateHistoryKeys = ["year", "through_month_value", "full_year", "note"]

  /// Reads a series' `ytd` mapping (see `YearToDateSpec` for the method).
  static func decodeYearToDate(_ cursor: YAMLCursor) throws(ScenarioError) -> YearToDateSpec {
    let map = try cursor.mapping(allowed: yearToDateKeys)
    let monthCursor = try map.required("through_month")
    let month = try monthCursor.int()
    if let problem = ScenarioRules.month(month) { throw monthCursor.error(problem) }
    let valueCursor = try map.required("value")
    let value = try valueCursor.double()
    if let problem = ScenarioRules.yearToDateValue(value) { throw valueCursor.error(problem) }
    var shares: [Double] = []
    switch (map["history"], map["shares"]) {
    case (_?, let s?):
      throw s.error("give either 'history' (year-to-date and full-year values) or 'shares', not both")
    case (let h?, nil):
      for item in try h.sequence() {
        let entry = try item.mapping(allowed: yearToDateHistoryKeys)
        _ = try entry.required("year").int()
        let partCursor = try entry.required("through_month_value")
        let part = try partCursor.double()
        let full = try entry.required("full_year").double()
        guard part > 0, full >= part else {
          throw partCursor.error("expected 0 < through_month_value ≤ full_year, found \(part) and \(full)")
        }
        shares.append(part / full)
      }
      guard shares.count >= 2 else { throw h.error("expected at least 2 earlier years to estimate the spread of the share, found \(shares.count)") }
    case (nil, let s?):
      for item in try s.sequence() {
        let share = try item.double()
        if let problem = ScenarioRules.share(share, month: month) { throw item.error(problem) }
        shares.append(share)
      }
      guard shares.count >= 2 else { throw s.error("expected at least 2 earlier years to estimate the spread of the share, found \(shares.count)") }
    case (nil, nil):
      break
    }
    var runRateSD: Double?
    if let sdCursor = map["run_rate_sd"] {
      guard shares.isEmpty else { throw sdCursor.error("'run_rate_sd' applies only without 'history' or 'shares' (the history gives the spread)") }
      let sd = try sdCursor.double()
      if let problem = ScenarioRules.runRateSD(sd) { throw sdCursor.error(problem) }
      runRateSD = sd
    } else if shares.isEmpty {
      throw map.owner.error("missing required key 'run_rate_sd': without 'history' or 'shares' the full year is the run-rate value·12/through_month, and its uncertainty must be stated (sd of the log full year, e.g. 0.05)")
    }
    var estimate: Double?
    if let estimateCursor = map["official_estimate"] {
      let e = try estimateCursor.double()
      if let problem = ScenarioRules.fullYearEstimate(e) { throw estimateCursor.error(problem) }
      estimate = e
    }
    return YearToDateSpec(throughMonth: month, value: value, shares: shares, runRateSD: runRateSD, officialEstimate: estimate)
  }
}
