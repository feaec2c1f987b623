/// A series or an aggregate as outputs show it: what targets, charts and report sections refer to.
public struct Quantity: Sendable, Equatable {
  public var id: String
  public var label: String
  /// The unit of its levels (nil when the scenario states none).
  public var units: String?
  /// Level in the base year; for an aggregate, the sum of its members' base levels.
  public var base: Double
  /// The series an aggregate sums; empty for a series.
  public var members: [String]

  public var isAggregate: Bool { !members.isEmpty }
}

extension Scenario {
  /// Every series, then every aggregate, in file order.
  public var quantities: [Quantity] {
    let byID = Dictionary(series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return series.map(quantity) + aggregates.map { quantity($0, members: $0.members.compactMap { byID[$0] }) }
  }

  /// The series or aggregate with this id.
  public func quantity(_ id: String) -> Quantity? {
    if let index = seriesIndex(of: id) { return quantity(series[index]) }
    guard let index = aggregateIndex(of: id) else { return nil }
    let aggregate = aggregates[index]
    return quantity(aggregate, members: aggregate.members.compactMap { seriesIndex(of: $0) }.map { series[$0] })
  }

  private func quantity(_ spec: SeriesSpec) -> Quantity {
    Quantity(id: spec.id, label: spec.label, units: spec.units ?? units, base: spec.base, members: [])
  }

  private func quantity(_ aggregate: AggregateSpec, members: [SeriesSpec]) -> Quantity {
    Quantity(
      id: aggregate.id, label: aggregate.label, units: members.first?.units ?? units,
      base: members.reduce(0) { $0 + $1.base }, members: aggregate.members)
  }

  /// The unit of a series' or aggregate's levels: its own, else the scenario's.
  public func units(of id: String) -> String? {
    if let index = seriesIndex(of: id) { return series[index].units ?? units }
    if let index = aggregateIndex(of: id), let first = aggregates[index].members.first { return units(of: first) }
    return units
  }
}
