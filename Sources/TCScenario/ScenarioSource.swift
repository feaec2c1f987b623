import Foundation
import Yams

/// A scenario file as read, before a variant and command-line settings are applied: the parsed
/// YAML and the names of its variants.
///
/// Variants and `--set` settings are merged into the YAML tree *before* decoding, so an error
/// in a variant points at the variant's own line, and an error in a setting says
/// `<command line>` and the key.
///
/// ```swift
/// let source = try ScenarioSource.load(path: "scenarios/healthcare-2020-100b.yaml")
/// let faster = try source.scenario(variant: "faster-growth", settings: [ScenarioSetting.parse("seed=7")])
/// ```
public struct ScenarioSource: @unchecked Sendable {
  /// The file the text came from (used in messages), if any.
  public let file: String?
  /// Scenario name used when the file has no `name` key.
  public let defaultName: String
  /// Names of the file's variants, in file order.
  public let variantNames: [String]
  /// SHA-256 of the file's bytes as read (lowercase hex), recorded with every run of it.
  public var sourceSHA256: String?
  // Yams' Node is an immutable value tree; it is only read after init.
  let root: Node
  let variants: [(name: String, node: Node)]

  /// Largest scenario file read (a plan of 10 000 series with histories is about 5 MB).
  public static let maximumBytes = 64 << 20

  /// The name of the unmodified scenario among variants (outputs go to `<scenario>/base/`).
  public static let baseVariant = "base"

  /// Reads a scenario file (checks only YAML syntax and the `variants` block; decoding and
  /// validation happen in ``scenario(variant:settings:)``).
  public static func load(path: String) throws(ScenarioError) -> ScenarioSource {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ScenarioError(file: path, message: "scenario file not found")
    }
    guard !isDirectory.boolValue else {
      throw ScenarioError(file: path, message: "expected a YAML scenario file, found a directory")
    }
    let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    guard size <= maximumBytes else {
      throw ScenarioError(file: path, message: "\(size) bytes, more than the \(maximumBytes) bytes a scenario file can have")
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ScenarioError(file: path, message: "cannot read the file (\(error.localizedDescription))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ScenarioError(file: path, message: "the file is not valid UTF-8 text")
    }
    var source = try ScenarioSource(yaml: text, file: path, defaultName: Scenario.safeName(url.deletingPathExtension().lastPathComponent))
    source.sourceSHA256 = SHA256.hex(data)
    return source
  }

  /// Parses scenario text.
  public init(yaml: String, file: String? = nil, defaultName: String = "scenario") throws(ScenarioError) {
    let node = try Scenario.composeYAML(yaml, file: file)
    self.file = file
    self.defaultName = defaultName
    var variants: [(name: String, node: Node)] = []
    var root = node
    if case .mapping(let mapping) = node, let variantsNode = mapping.first(where: { $0.key.scalar?.string == "variants" })?.value {
      let cursor = YAMLCursor(node: variantsNode, path: "variants", file: file)
      for (name, value) in try cursor.anyMapping() {
        guard !name.isEmpty, name != ScenarioSource.baseVariant, !name.contains("/"), !name.contains(","), !name.hasPrefix(".") else {
          throw value.error("expected a variant name that is not 'base', empty, or contains '/' or ',', found '\(name)'")
        }
        guard value.isMapping else { throw value.error("expected a mapping of the keys this variant overrides, found \(value.kindName)") }
        variants.append((name, value.node))
      }
      let rest = mapping.filter { $0.key.scalar?.string != "variants" }.map { ($0.key, $0.value) }
      root = .mapping(Node.Mapping(rest, mapping.tag, mapping.style, mapping.mark))
    }
    self.root = root
    self.variants = variants
    self.variantNames = variants.map(\.name)
  }

  /// The validated scenario of one variant (`nil` or `"base"` for the file as written) with
  /// command-line settings applied last.
  ///
  /// - Throws: `ScenarioError`: an unknown variant (with a suggestion), a setting whose path
  ///   names a list element that does not exist, or any decoding or validation problem.
  ///
  /// - Parameter check: Further checks of the decoded scenario (the engine's plan checks); its
  ///   errors point at the YAML node of their key, like validation errors.
  public func scenario(
    variant: String? = nil, settings: [ScenarioSetting] = [], check: ((Scenario) throws(ScenarioError) -> Void)? = nil
  ) throws(ScenarioError) -> Scenario {
    var node = root
    let chosen = variant == ScenarioSource.baseVariant ? nil : variant
    if let chosen {
      guard let entry = variants.first(where: { $0.name == chosen }) else {
        var message = "unknown variant '\(chosen)'"
        message += didYouMean(chosen, in: variantNames)
        message += variantNames.isEmpty ? " (the file has no variants)" : " (variants in the file: \(variantNames.joined(separator: ", ")))"
        throw ScenarioError(file: file, key: "variants", message: message)
      }
      do {
        node = try OverrideMerge(file: file).merge(node, entry.node, path: "")
        return try finish(node, variant: chosen, settings: settings, check: check)
      } catch {
        var tagged = error
        if tagged.file != ScenarioError.commandLine { tagged.message = "in variant '\(chosen)': " + tagged.message }
        throw tagged
      }
    }
    return try finish(node, variant: nil, settings: settings, check: check)
  }

  private func finish(
    _ start: Node, variant: String?, settings: [ScenarioSetting], check: ((Scenario) throws(ScenarioError) -> Void)?
  ) throws(ScenarioError) -> Scenario {
    var node = start
    for setting in settings {
      let option = setting.appendsTarget ? "--target" : "--set"
      do {
        node = setting.appendsTarget
          ? try ScenarioSource.appendingTarget(try setting.valueNode(), to: node)
          : try OverrideMerge(file: file).merge(node, setting.overrideNode(), path: "")
      } catch {
        throw ScenarioError(file: ScenarioError.commandLine, key: setting.key, message: "\(option) \(setting.text): \(error.message)")
      }
    }
    var scenario = try Scenario.decode(YAMLCursor(node: node, path: "", file: file), defaultName: defaultName)
    scenario.sourceFile = file
    scenario.sourceSHA256 = sourceSHA256
    scenario.variant = variant
    scenario.variantNames = variantNames
    do {
      try scenario.validate()
      try check?(scenario)
    } catch {
      // Validation errors carry a key; point at the node it names (a node from `--set` has no
      // position: then name the command line).
      var tagged = error
      if tagged.line == nil, let key = tagged.key, let located = ScenarioSource.node(at: key, in: node), let mark = located.mark {
        tagged.line = mark.line
        tagged.column = mark.column
      } else if !settings.isEmpty, tagged.line == nil {
        tagged.message += " (after --set \(settings.map(\.text).joined(separator: ", ")))"
      }
      throw tagged
    }
    return scenario
  }
}

extension ScenarioSource {
  /// `root` with `target` appended to its `targets` list (created when the file has none).
  static func appendingTarget(_ target: Node, to root: Node) throws(ScenarioError) -> Node {
    guard case .mapping(var mapping) = root else { throw ScenarioError(key: "targets", message: "the scenario is not a mapping") }
    let key = Node.Scalar("targets", .implicit, .plain, nil).asNode
    if let existing = mapping[key] {
      guard case .sequence(var list) = existing else { throw ScenarioError(key: "targets", message: "the file's 'targets' is not a list") }
      list.append(target)
      mapping[key] = .sequence(list)
    } else {
      mapping[key] = .sequence(Node.Sequence([target], .implicit, .block, nil))
    }
    return .mapping(mapping)
  }

  /// The YAML node a validation key such as `series[0].growth.sd` names, or nil when the key
  /// does not lead to one (for example a default that the file does not state).
  static func node(at key: String, in root: Node) -> Node? {
    var node = root
    for component in key.split(separator: ".") {
      var name = Substring(component)
      var index: Int?
      if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
        index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
        name = name[..<open]
      }
      if !name.isEmpty {
        guard case .mapping(let mapping) = node, let value = mapping.first(where: { $0.key.scalar?.string == String(name) })?.value else { return nil }
        node = value
      }
      if let index {
        guard case .sequence(let sequence) = node, sequence.indices.contains(index) else { return nil }
        node = sequence[index]
      }
    }
    return node
  }
}

extension ScenarioError {
  /// The `file` of errors in `--set` settings.
  public static let commandLine = "<command line>"
}

/// Deep merge of an override tree into a scenario tree, keeping the positions of both.
///
/// - mapping over mapping: key by key (absent keys are added; the decoder then checks them);
/// - mapping over list: each key selects an element, by `[index]` or by its `id` or `name`;
/// - anything else, or a mapping tagged `!replace`: the override replaces the node.
struct OverrideMerge {
  let file: String?

  func merge(_ base: Node, _ override: Node, path: String) throws(ScenarioError) -> Node {
    switch (base, override) {
    case (.mapping(let b), .mapping(let o)) where o.tag.rawValue != "!replace":
      var pairs = b.map { ($0.key, $0.value) }
      for (key, value) in o {
        let name = key.scalar?.string ?? ""
        let childPath = path.isEmpty ? name : "\(path).\(name)"
        if let index = pairs.firstIndex(where: { $0.0.scalar?.string == name }) {
          pairs[index].1 = try merge(pairs[index].1, value, path: childPath)
        } else {
          pairs.append((key, value))
        }
      }
      return .mapping(Node.Mapping(pairs, b.tag, b.style, b.mark))
    case (.sequence(let b), .mapping(let o)) where o.tag.rawValue != "!replace":
      var elements = Array(b)
      for (key, value) in o {
        let selector = key.scalar?.string ?? ""
        let index = try select(selector, in: elements, key: key, path: path)
        elements[index] = try merge(elements[index], value, path: "\(path)[\(index)]")
      }
      return .sequence(Node.Sequence(elements, b.tag, b.style, b.mark))
    default:
      return override
    }
  }

  /// The element a selector names: `[2]` or `2` by position, otherwise by `id` or `name`.
  func select(_ selector: String, in elements: [Node], key: Node, path: String) throws(ScenarioError) -> Int {
    let trimmed = selector.hasPrefix("[") && selector.hasSuffix("]") ? String(selector.dropFirst().dropLast()) : selector
    if let index = Int(trimmed) {
      guard elements.indices.contains(index) else {
        throw YAMLCursor(node: key, path: path, file: file).error("'\(path)' has \(elements.count) element(s), so there is no element [\(index)]")
      }
      return index
    }
    let names = elements.map { element -> String in
      element.mapping?["id"]?.scalar?.string ?? element.mapping?["name"]?.scalar?.string ?? ""
    }
    if let index = names.firstIndex(of: trimmed) { return index }
    var message = "no element of '\(path)' has id or name '\(trimmed)'"
    message += didYouMean(trimmed, in: names.filter { !$0.isEmpty })
    message += " (choose one of: \(names.filter { !$0.isEmpty }.joined(separator: ", ")), or an index like [0])"
    throw YAMLCursor(node: key, path: path, file: file).error(message)
  }
}
