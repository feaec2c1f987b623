import Foundation
import Testing
@testable import TCScenario
import TCModels

/// docs/scenario.schema.json must list exactly the keys the decoder accepts, so editors neither
/// reject valid files nor offer keys `targetcast` refuses. (CI runs only Swift; the examples are
/// also checked against the schema with python-jsonschema by hand, see docs/scenario-format.md.)
@Test func schemaKeysMatchTheDecoder() throws {
  let url = repositoryRoot.appendingPathComponent("docs/scenario.schema.json")
  let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  func keys(_ object: Any?) -> Set<String> {
    Set(((object as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
  }
  let defs = try #require(schema["$defs"] as? [String: Any])
  #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
  #expect(keys(schema) == Set(Scenario.topLevelKeys))
  #expect(keys(defs["series"]) == Set(Scenario.seriesKeys))
  #expect(keys(defs["target"]) == Set(Scenario.targetKeys))
  for (distribution, parameters) in Scenario.growthDistributions {
    let definition = defs["growth_\(distribution)"]
    #expect(keys(definition) == Set(["distribution", "note"] + parameters), "growth_\(distribution)")
    let constant = (((definition as? [String: Any])?["properties"] as? [String: Any])?["distribution"] as? [String: Any])?["const"] as? String
    #expect(constant == distribution)
  }
  let growthKinds = defs.keys.filter { $0.hasPrefix("growth_") }
  #expect(Set(growthKinds) == Set(Scenario.growthDistributions.keys.map { "growth_\($0)" }))
}

/// Every key the format document describes is a key the decoder knows, and vice versa.
@Test func formatDocumentMentionsEveryKey() throws {
  let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
  let all = Set(Scenario.topLevelKeys + Scenario.seriesKeys + Scenario.targetKeys + Scenario.growthDistributions.values.flatMap { $0 })
    .union(Scenario.growthDistributions.keys)
  for key in all {
    #expect(text.contains("`\(key)`"), "docs/scenario-format.md does not mention `\(key)`")
  }
}

/// The schema's and the format document's lists of model names are copies of ModelRegistry's,
/// checked here so they cannot drift.
@Test func documentedModelNamesAreTheRegistry() throws {
  let schema = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario.schema.json"), encoding: .utf8)
  let format = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
  let listed = ModelRegistry.names.map { "`\($0)`" }.joined(separator: ", ")
  #expect(format.contains("(\(listed))"), "docs/scenario-format.md should list \(listed)")
  let object = try #require(try JSONSerialization.jsonObject(with: Data(schema.utf8)) as? [String: Any])
  func find(_ value: Any) -> [String]? {
    if let dict = value as? [String: Any] {
      if let type = (dict["properties"] as? [String: Any])?["type"] as? [String: Any], let names = type["enum"] as? [String],
        names.contains("auto_ets")
      {
        return names
      }
      for child in dict.values { if let found = find(child) { return found } }
    }
    return nil
  }
  #expect(find(object) == ModelRegistry.names)
}
