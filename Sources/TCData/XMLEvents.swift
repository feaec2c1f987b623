import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One pass over an XML document through Foundation's `XMLParser`, with element and attribute
/// names stripped of their namespace prefix (writers differ: `sheet` or `x:sheet`, `r:id`).
///
/// Workbook parts are small, flat documents; a handler keeps its own state in the closures.
struct XMLEvents {
  var start: (_ name: String, _ attributes: [String: String]) -> Void = { _, _ in }
  var end: (_ name: String) -> Void = { _ in }
  var text: (_ characters: String) -> Void = { _ in }

  /// Where a part is not well-formed XML: line and column in the part.
  struct Failure: Error {
    var line: Int
    var column: Int
    var reason: String
  }

  func run(_ data: Data) throws(Failure) {
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    let delegate = Delegate(events: self)
    parser.delegate = delegate
    // `parse()` has been seen to return true with `parserError` set (a mismatched end tag).
    if !parser.parse() || parser.parserError != nil {
      let reason = parser.parserError.map { "\(($0 as NSError).code)" } ?? "unknown"
      throw Failure(line: parser.lineNumber, column: parser.columnNumber, reason: "not well-formed XML (parser error \(reason))")
    }
  }

  static func localName(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  private final class Delegate: NSObject, XMLParserDelegate {
    let events: XMLEvents
    init(events: XMLEvents) { self.events = events }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
      attributes attributeDict: [String: String] = [:]
    ) {
      var attributes: [String: String] = [:]
      for (key, value) in attributeDict { attributes[XMLEvents.localName(key)] = value }
      events.start(XMLEvents.localName(elementName), attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
      events.end(XMLEvents.localName(elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      events.text(string)
    }
  }
}
