import Testing
import TCModels

/// The registry is the one list of models: every name and alias is unique, and every entry
/// makes a model that fits a plain growing series and forecasts finite values.
@Test func registryNamesAreUniqueAndEveryEntryFits() throws {
  let names = ModelRegistry.entries.flatMap(\.allNames)
  #expect(Set(names).count == names.count, "\(names)")
  let series: [Double] = [100, 108, 117, 125, 136, 146, 158, 170, 183, 198, 214, 230]
  for entry in ModelRegistry.entries {
    #expect(ModelRegistry.entry(named: entry.name)?.name == entry.name)
    for alias in entry.aliases { #expect(ModelRegistry.entry(named: alias)?.name == entry.name) }
    let fitted = try entry.make().fit(series)
    let forecast = fitted.pointForecast(horizon: 3)
    #expect(forecast.count == 3 && forecast.allSatisfy(\.isFinite), "\(entry.name): \(forecast)")
  }
  #expect(ModelRegistry.entry(named: "auto_etz") == nil)
}
