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

  /// The setting as an override tree (no positions: errors in it name the command line).
  func overrideNode() throws(ScenarioError) -> Node {
    var node: Node
    do {
      let composed = try Yams.compose(yaml: value)
      node = composed.map(ScenarioSetting.strippingMarks) ?? Node.Scalar("", .implicit, .plain, nil).asNode
    } catch {
      throw ScenarioError(file: ScenarioError.commandLine, key: key, message: "--set \(text): the value is not valid YAML (\(error))")
    }
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
