import Foundation
import ZIPFoundation

/// An .xlsx workbook opened for reading: its sheets in workbook order, shared strings, which
/// cell styles show dates, and its date system.
///
/// Only what a table of yearly series needs is read: `xl/workbook.xml` (sheet names, the 1904
/// date system), its relationships (where each sheet's XML is), `xl/sharedStrings.xml` and
/// `xl/styles.xml` (number formats). Formulas are read as their cached results.
struct Workbook {
  struct Sheet {
    var name: String
    var path: String
  }

  let source: String
  private let archive: Archive
  private(set) var sheets: [Sheet] = []
  private(set) var sharedStrings: [String] = []
  /// Cell style indices (`s` attributes) whose number format shows a date or time.
  private(set) var dateStyles: Set<Int> = []
  private(set) var uses1904Dates = false

  /// The largest part that is inflated; a sheet of a few thousand yearly values is far smaller,
  /// and the bound stops a compressed file from expanding without limit.
  static let partSizeLimit: UInt64 = 256 << 20

  /// Whether `data` starts like a zip archive (an .xlsx file is one).
  static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

  init(data: Data, source: String) throws(DataError) {
    self.source = source
    do {
      archive = try Archive(data: data, accessMode: .read)
    } catch {
      throw .badWorkbook(file: source, part: nil, reason: "not a readable zip archive (an .xlsx file is one)")
    }
    let workbookPath = try officeDocumentPath()
    let relationships = try self.relationships(of: workbookPath)
    try readWorkbook(at: workbookPath, relationships: relationships)
    let folder = Self.folder(of: workbookPath)
    if let path = relationships.first(where: { $0.type.hasSuffix("/sharedStrings") }).map({ Self.resolve($0.target, in: folder) }) {
      try readSharedStrings(at: path)
    }
    if let path = relationships.first(where: { $0.type.hasSuffix("/styles") }).map({ Self.resolve($0.target, in: folder) }) {
      try readStyles(at: path)
    }
  }

  /// The sheet named `name` (exactly, else ignoring case), or the first sheet.
  func sheet(named name: String?) throws(DataError) -> Sheet {
    guard let first = sheets.first else { throw .badWorkbook(file: source, part: "xl/workbook.xml", reason: "the workbook lists no sheets") }
    guard let name else { return first }
    if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
      return sheet
    }
    throw .noSuchSheet(file: source, sheet: name, sheets: sheets.map(\.name))
  }

  /// The bytes of a part; `nil` when the archive has no such entry.
  func part(_ path: String) throws(DataError) -> Data? {
    guard let entry = archive[path] else { return nil }
    guard entry.uncompressedSize <= Self.partSizeLimit else {
      throw .badWorkbook(file: source, part: path, reason: "the part is larger than \(Self.partSizeLimit >> 20) MB")
    }
    var data = Data()
    do {
      _ = try archive.extract(entry) { chunk in
        data.append(chunk)
        if UInt64(data.count) > Self.partSizeLimit { throw PartTooLarge() }
      }
    } catch {
      throw .badWorkbook(file: source, part: path, reason: "cannot inflate the part (the archive is damaged or too large)")
    }
    return data
  }

  private struct PartTooLarge: Error {}

  /// Runs `events` over a part, turning XML errors into messages naming the part's line.
  func parse(_ path: String, required: Bool, _ events: XMLEvents) throws(DataError) {
    guard let data = try part(path) else {
      if required { throw .badWorkbook(file: source, part: path, reason: "the part is missing") }
      return
    }
    do {
      try events.run(data)
    } catch {
      throw .badWorkbook(file: source, part: path, reason: "line \(error.line), column \(error.column): \(error.reason)")
    }
  }

  // MARK: - Parts

  private struct Relationship {
    var id: String
    var type: String
    var target: String
  }

  /// The main part named by the package relationships (`xl/workbook.xml` in every writer seen).
  private func officeDocumentPath() throws(DataError) -> String {
    let root = try relationships(of: "")
    let office = root.first { $0.type.hasSuffix("/officeDocument") }
    return office.map { Self.resolve($0.target, in: "") } ?? "xl/workbook.xml"
  }

  /// The relationships of the part at `path` (`""` for the package): `dir/_rels/name.rels`.
  private func relationships(of path: String) throws(DataError) -> [Relationship] {
    let folder = Self.folder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? ""
    var found: [Relationship] = []
    var events = XMLEvents()
    events.start = { element, attributes in
      guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
      found.append(Relationship(id: id, type: attributes["Type"] ?? "", target: target))
    }
    try parse(folder + "_rels/" + name + ".rels", required: !path.isEmpty, events)
    return found
  }

  private mutating func readWorkbook(at path: String, relationships: [Relationship]) throws(DataError) {
    var listed: [(name: String, id: String)] = []
    var date1904 = false
    var events = XMLEvents()
    events.start = { element, attributes in
      switch element {
      case "sheet":
        if let name = attributes["name"], let id = attributes["id"] { listed.append((name, id)) }
      case "workbookPr":
        date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
      default: break
      }
    }
    try parse(path, required: true, events)
    uses1904Dates = date1904
    let folder = Self.folder(of: path)
    for (name, id) in listed {
      guard let relationship = relationships.first(where: { $0.id == id }) else {
        throw .badWorkbook(file: source, part: path, reason: "sheet '\(name)' points to relationship '\(id)', which is not listed")
      }
      sheets.append(Sheet(name: name, path: Self.resolve(relationship.target, in: folder)))
    }
  }

  /// `<si>` items: the text of their `<t>` elements, leaving out phonetic runs (`<rPh>`).
  private mutating func readSharedStrings(at path: String) throws(DataError) {
    var strings: [String] = []
    var current = "", inText = false, phonetic = 0
    var events = XMLEvents()
    events.start = { element, _ in
      switch element {
      case "si": current = ""
      case "t": inText = phonetic == 0
      case "rPh": phonetic += 1
      default: break
      }
    }
    events.end = { element in
      switch element {
      case "si": strings.append(current)
      case "t": inText = false
      case "rPh": phonetic -= 1
      default: break
      }
    }
    events.text = { if inText { current += $0 } }
    try parse(path, required: false, events)
    sharedStrings = strings
  }

  /// Built-in formats that show dates (ECMA-376 §18.8.30, with the East Asian ones 27–36, 50–58).
  private static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

  /// Which `cellXfs` entries use a date format: a built-in date one, or a custom code with
  /// y, m, d, h or s outside quotes, brackets and escapes.
  private mutating func readStyles(at path: String) throws(DataError) {
    var customDates: Set<Int> = []
    var formats: [Int] = []
    var inCellXfs = false
    var events = XMLEvents()
    events.start = { element, attributes in
      switch element {
      case "numFmt":
        if let id = attributes["numFmtId"].flatMap({ Int($0) }), Self.showsDate(attributes["formatCode"] ?? "") {
          customDates.insert(id)
        }
      case "cellXfs": inCellXfs = true
      case "xf" where inCellXfs: formats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
      default: break
      }
    }
    events.end = { if $0 == "cellXfs" { inCellXfs = false } }
    try parse(path, required: false, events)
    dateStyles = Set(formats.indices.filter { Self.builtInDateFormats.contains(formats[$0]) || customDates.contains(formats[$0]) })
  }

  static func showsDate(_ code: String) -> Bool {
    var inQuotes = false, inBrackets = false, escaped = false
    for character in code.lowercased() {
      if escaped { escaped = false; continue }
      switch character {
      case "\\": escaped = true
      case "\"": inQuotes.toggle()
      case "[" where !inQuotes: inBrackets = true
      case "]" where !inQuotes: inBrackets = false
      case "y", "m", "d", "h", "s": if !inQuotes && !inBrackets { return true }
      default: break
      }
    }
    return false
  }

  // MARK: - Paths

  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[...slash])
  }

  /// A relationship target: absolute from the package root (`/xl/…`) or relative to `folder`,
  /// with `..` steps resolved.
  private static func resolve(_ target: String, in folder: String) -> String {
    let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
    var parts: [Substring] = []
    for part in joined.split(separator: "/") {
      if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
    }
    return parts.joined(separator: "/")
  }
}
