import Foundation

/// The resolved plan: a scenario after its variant, `--set` settings and command-line overrides,
/// as one value that shard files and run.json carry, so that `merge` and `compare` never re-read
/// the YAML file (which may have changed, and knows nothing of `--set`).
extension Scenario {
  /// The plan in canonical form: JSON with sorted keys, numbers in their shortest round-trip
  /// form. Equal plans give equal bytes.
  public func canonicalJSON() -> Data {
    // Validated scenarios hold finite numbers only; the non-finite strings keep a code-built
    // scenario with a non-finite value encodable (validation then rejects it when it is read back).
    let encoder = StoredJSON.encoder(.withoutEscapingSlashes)
    // Every member is a string, number, array or keyed container of those: encoding cannot fail.
    return (try? encoder.encode(self)) ?? Data()
  }

  /// SHA-256 of ``canonicalJSON()`` (lowercase hex): the identity of what was simulated.
  public var planSHA256: String { SHA256.hex(canonicalJSON()) }

  /// Reads a plan written by ``canonicalJSON()`` (or embedded in a shard file) from an untrusted
  /// source: decodes it, checks its hash when one is given, and validates it with the same rules
  /// as a scenario file.
  ///
  /// - Parameters:
  ///   - data: The plan's JSON.
  ///   - expectedSHA256: The hash recorded beside the plan, if any.
  ///   - file: Where the plan came from, for messages.
  public static func decodePlan(_ data: Data, expectedSHA256: String?, file: String) throws(ScenarioError) -> Scenario {
    let decoder = StoredJSON.decoder()
    let scenario: Scenario
    do { scenario = try decoder.decode(Scenario.self, from: data) } catch {
      throw ScenarioError(file: file, key: "plan", message: "not a TargetCast plan (\(error))")
    }
    try scenario.verifyPlan(sha256: expectedSHA256, file: file)
    return scenario
  }

  /// Checks a plan read from an untrusted file: its recorded hash, when given, and every rule a
  /// scenario file is held to.
  public func verifyPlan(sha256 expected: String?, file: String) throws(ScenarioError) {
    if let expected, planSHA256 != expected {
      throw ScenarioError(file: file, key: "plan_sha256", message: "the plan does not match its recorded SHA-256 \(expected): the file was changed or damaged")
    }
    do { try validate() } catch {
      var tagged = error
      tagged.file = file
      tagged.key = "plan." + (error.key ?? "")
      throw tagged
    }
  }
}
