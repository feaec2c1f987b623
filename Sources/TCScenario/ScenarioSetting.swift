import Foundation
import Yams

/// One `--set key.path=value` from the command line: a scenario key and its new value.
///
/// Path syntax: keys separated by dots; a list element by position, `series[0]`, or by its `id`
/// (series, aggregates, events) or `name` (targets), `series.healthcare` or, for names with
/// dots or spaces, `targets["千亿 in 2020"]`. The value is read as YAML, so `0.3`, `true`, `[1, 2]`
/// and `{distribution: normal, mean: 0.1, sd: 0.02}` all work.
///
/// ```
/// --set series[0].growth.mean=0.3
/// --set series.healthcare.growth.mean=0.3
/// --set 'targets["千亿 in 2020"].at_least=900'
/// ```
public struct ScenarioSetting: Sendable, Equatable {
  /// One step of a key path.
  public enum Component: Sendable, Equatable {
    case key(String)
    case index(Int)
    /// A list element chosen by its id or name.
    case element(String)
  }

  /// The text as given, `key=value`.
  public let text: String
  /// The key part, as given.
  public let key: String
  public let components: [Component]
  /// The value as YAML text.
  public let value: String
  /// A `--target` (appended to `targets`) rather than a `--set` (merged at `components`).
  public var appendsTarget = false

  /// Parses `key.path=value`.
  ///
  /// - Throws: `ScenarioError` with file `<command line>` when there is no `=`, the path is
  ///   empty, or a bracket is not closed.
  public static func parse(_ text: String) throws(ScenarioError) -> ScenarioSetting {
    func fail(_ message: String, key: String? = nil) -> ScenarioError {
      ScenarioError(file: ScenarioError.commandLine, key: key, message: "--set \(text): \(message)")
    }
    guard let equals = text.firstIndex(of: "=") else {
      throw fail("expected key.path=value, for example series.healthcare.growth.mean=0.3")
    }
    let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
    let value = String(text[text.index(after: equals)...])
    var components: [Component] = []
    var current = ""
    var characters = Array(key)[...]
    func flush() { if !current.isEmpty { components.append(.key(current)); current = "" } }
    while let c = characters.popFirst() {
      switch c {
      case ".":
        guard !current.isEmpty || components.last.map({ if case .key = $0 { return false } else { return true } }) == true else {
          throw fail("empty key in the path '\(key)'", key: key)
        }
        flush()
      case "[":
        flush()
        guard let close = characters.firstIndex(of: "]") else { throw fail("'[' without a closing ']' in '\(key)'", key: key) }
        var inside = String(characters[characters.startIndex..<close]).trimmingCharacters(in: .whitespaces)
        characters = characters[characters.index(after: close)...]
        if inside.count >= 2, let first = inside.first, first == "\"" || first == "'", inside.last == first {
          inside = String(inside.dropFirst().dropLast())
          components.append(.element(inside))
        } else if let index = Int(inside), index >= 0 {
          components.append(.index(index))
        } else {
          throw fail("expected a position [0] or a quoted id [\"name\"] inside brackets, found [\(inside)]", key: key)
        }
      default:
        current.append(c)
      }
    }
    flush()
    guard !components.isEmpty, case .key = components[0] else { throw fail("expected a key path before '='", key: key) }
    return ScenarioSetting(text: text, key: key, components: components, value: value)
  }

  /// Parses `--target 'series=electronics, by=2022, ratio=2'`: the keys of one target as in a
  /// scenario file, `key=value` pairs separated by commas (commas inside `[…]` belong to the
  /// value: `between=[500, 600]`, `of=[a, b]`). The target is appended to the file's list.
  ///
  /// - Throws: `ScenarioError` (file `<command line>`) for a pair without `=` or an empty key.
  public static func target(_ text: String) throws(ScenarioError) -> ScenarioSetting {
    func fail(_ message: String) -> ScenarioError {
      ScenarioError(file: ScenarioError.commandLine, key: "targets", message: "--target \(text): \(message)")
    }
    var pairs: [String] = [], current = "", depth = 0
    for c in text {
      switch c {
      case "[", "{": depth += 1; current.append(c)
      case "]", "}": depth -= 1; current.append(c)
      case "," where depth == 0: pairs.append(current); current = ""
      default: current.append(c)
      }
    }
    pairs.append(current)
    var entries: [String] = []
    for pair in pairs where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
      guard let equals = pair.firstIndex(of: "=") else {
        throw fail("expected key=value pairs separated by commas, e.g. series=electronics, by=2022, ratio=2; found '\(pair.trimmingCharacters(in: .whitespaces))'")
      }
      let key = pair[..<equals].trimmingCharacters(in: .whitespaces)
      let value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
      guard !key.isEmpty, !value.isEmpty else { throw fail("empty key or value in '\(pair.trimmingCharacters(in: .whitespaces))'") }
      // Plain values are quoted unless they are numbers or lists, so names may hold ': '.
      let isPlain = !(value.hasPrefix("[") || value.hasPrefix("{") || value.hasPrefix("\"") || value.hasPrefix("'") || Double(value) != nil)
      let yamlValue = isPlain ? "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
      entries.append("\(key): \(yamlValue)")
    }
    guard !entries.isEmpty else { throw fail("expected key=value pairs, e.g. series=electronics, by=2022, ratio=2") }
    var setting = ScenarioSetting(text: text, key: "targets", components: [.key("targets")], value: "{" + entries.joined(separator: ", ") + "}")
    setting.appendsTarget = true
    return setting
  }

  /// The setting as an override tree (no positions: errors in it name the command line).
  func overrideNode() throws(ScenarioError) -> Node {
    var node = try valueNode()
    for component in components.reversed() {
      let name: String
      switch component {
      case .key(let k): name = k
      case .index(let i): name = "[\(i)]"
      case .element(let id): name = id
      }
      node = .mapping(Node.Mapping([(Node.Scalar(name, .implicit, .plain, nil).asNode, node)], .implicit, .any, nil))
    }
    return node
  }

  /// The value as a YAML node without positions.
  func valueNode() throws(ScenarioError) -> Node {
    do {
      let composed = try Yams.compose(yaml: value)
      return composed.map(ScenarioSetting.strippingMarks) ?? Node.Scalar("", .implicit, .plain, nil).asNode
    } catch {
      throw ScenarioError(file: ScenarioError.commandLine, key: key, message: "the value is not valid YAML (\(error))")
    }
  }

  static func strippingMarks(_ node: Node) -> Node {
    switch node {
    case .scalar(let s): return .scalar(Node.Scalar(s.string, s.tag, s.style, nil))
    case .mapping(let m): return .mapping(Node.Mapping(m.map { (strippingMarks($0.key), strippingMarks($0.value)) }, m.tag, m.style, nil))
    case .sequence(let s): return .sequence(Node.Sequence(s.map(strippingMarks), s.tag, s.style, nil))
    case .alias: return node
    }
  }
}

extension Node.Scalar {
  var asNode: Node { .scalar(self) }
}
