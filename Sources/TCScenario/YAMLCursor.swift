import Yams

/// A position in a parsed YAML document: the node, its key path and its file, so every
/// typed read can fail with a `ScenarioError` that points at the line, column and key.
struct YAMLCursor {
  let node: Node
  let path: String
  let file: String?

  func error(_ message: String) -> ScenarioError {
    // Nodes without a position come from `--set` on the command line (files always have marks).
    ScenarioError(
      file: node.mark == nil ? ScenarioError.commandLine : file, line: node.mark?.line, column: node.mark?.column,
      key: path.isEmpty ? nil : path, message: message)
  }

  private func child(_ node: Node, _ component: String) -> YAMLCursor {
    YAMLCursor(node: node, path: path.isEmpty ? component : "\(path).\(component)", file: file)
  }

  var kindName: String {
    switch node {
    case .scalar: return "a scalar"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  // MARK: Mappings

  /// The mapping's entries, after checking every key is one of `allowed`.
  func mapping(allowed: [String]) throws(ScenarioError) -> YAMLMapping {
    guard case .mapping(let mapping) = node else {
      throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), found \(kindName)")
    }
    var entries: [(String, YAMLCursor)] = []
    for (keyNode, valueNode) in mapping {
      guard let key = keyNode.scalar?.string else {
        throw YAMLCursor(node: keyNode, path: path, file: file).error("mapping keys must be plain strings")
      }
      if !allowed.contains(key) {
        let keyCursor = YAMLCursor(node: keyNode, path: path.isEmpty ? key : "\(path).\(key)", file: file)
        var message = "unknown key '\(key)'"
        if let mark = Scenario.fullWidthMarks.first(where: { key.contains($0.character) }) {
          let name = key.split(separator: mark.character).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? key
          throw keyCursor.error(message + ": \(mark.description) after '\(name)'; YAML needs \(mark.ascii)")
        }
        message += didYouMean(key, in: allowed)
        message += " (allowed: \(allowed.joined(separator: ", ")))"
        throw keyCursor.error(message)
      }
      entries.append((key, child(valueNode, key)))
    }
    return YAMLMapping(owner: self, entries: entries)
  }

  /// The mapping's entries with arbitrary keys (for maps such as `growth_by_year`).
  func anyMapping() throws(ScenarioError) -> [(key: String, value: YAMLCursor)] {
    guard case .mapping(let mapping) = node else { throw error("expected a mapping, found \(kindName)") }
    var result: [(key: String, value: YAMLCursor)] = []
    for (keyNode, valueNode) in mapping {
      guard let key = keyNode.scalar?.string else {
        throw YAMLCursor(node: keyNode, path: path, file: file).error("mapping keys must be plain strings")
      }
      result.append((key, child(valueNode, key)))
    }
    return result
  }

  // MARK: Sequences

  func sequence() throws(ScenarioError) -> [YAMLCursor] {
    guard case .sequence(let sequence) = node else { throw error("expected a list, found \(kindName)") }
    return sequence.enumerated().map { index, element in
      YAMLCursor(node: element, path: "\(path)[\(index)]", file: file)
    }
  }

  // MARK: Scalars

  var isMapping: Bool { if case .mapping = node { return true } else { return false } }
  var isScalar: Bool { if case .scalar = node { return true } else { return false } }

  func string() throws(ScenarioError) -> String {
    guard case .scalar(let scalar) = node else { throw error("expected text, found \(kindName)") }
    return scalar.string
  }

  func double() throws(ScenarioError) -> Double {
    guard case .scalar(let scalar) = node else { throw error("expected a number, found \(kindName)") }
    let text = scalar.string.replacingOccurrences(of: "_", with: "")
    guard let value = Double(text), value.isFinite else {
      throw error("expected a finite number, found '\(scalar.string)'")
    }
    return value
  }

  func int() throws(ScenarioError) -> Int {
    guard case .scalar(let scalar) = node else { throw error("expected a whole number, found \(kindName)") }
    if let value = ScenarioRules.wholeNumber(scalar.string) { return value }
    throw error("expected a whole number, found '\(scalar.string)'")
  }

  func uint64() throws(ScenarioError) -> UInt64 {
    guard case .scalar(let scalar) = node else { throw error("expected a non-negative whole number, found \(kindName)") }
    let text = scalar.string.replacingOccurrences(of: "_", with: "")
    guard let value = UInt64(text) else {
      throw error("expected a non-negative whole number below 2^64, found '\(scalar.string)'")
    }
    return value
  }
}

/// The checked entries of a YAML mapping, read by key.
struct YAMLMapping {
  let owner: YAMLCursor
  let entries: [(String, YAMLCursor)]

  subscript(key: String) -> YAMLCursor? { entries.first { $0.0 == key }?.1 }

  func required(_ key: String) throws(ScenarioError) -> YAMLCursor {
    guard let value = self[key] else { throw owner.error("missing required key '\(key)'") }
    return value
  }

  var keys: [String] { entries.map(\.0) }
}

/// `"; did you mean 'x'?"` when `word` looks like a typo of an allowed `x`, else empty: the one
/// wording every "unknown …" message uses.
public func didYouMean(_ word: String, in candidates: [String]) -> String {
  closestMatch(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
}

/// The allowed word closest to `word` by edit distance, if it is a plausible typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
  let lowered = word.lowercased()
  var best: (String, Int)?
  for candidate in candidates {
    let distance = editDistance(lowered, candidate.lowercased())
    if best == nil || distance < best!.1 { best = (candidate, distance) }
  }
  guard let (candidate, distance) = best else { return nil }
  let limit = max(2, min(word.count, candidate.count) / 3)
  return distance <= limit ? candidate : nil
}

/// Levenshtein distance over Unicode characters.
func editDistance(_ a: String, _ b: String) -> Int {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two adjacent
  // characters each cost 1 ("maen" is one step from "mean", two from "max").
  let x = Array(a), y = Array(b)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var before = [Int](repeating: 0, count: y.count + 1)
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    current[0] = i
    for j in 1...y.count {
      let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
      current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
        current[j] = min(current[j], before[j - 2] + 1)
      }
    }
    (before, previous, current) = (previous, current, before)
  }
  return previous[y.count]
}

extension YAMLCursor {
  func bool() throws(ScenarioError) -> Bool {
    guard case .scalar(let scalar) = node else { throw error("expected true or false, found \(kindName)") }
    switch scalar.string.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw error("expected true or false, found '\(scalar.string)'")
    }
  }
}
