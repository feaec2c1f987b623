import Foundation

/// A report as a list of blocks, rendered both as Markdown and as self-contained HTML, so the
/// two files always say the same thing.
public struct ReportDocument: Sendable, Equatable {
  /// One piece of a report.
  public enum Block: Sendable, Equatable {
    case heading(level: Int, text: String)
    case paragraph(String)
    /// A table; `numeric[i]` right-aligns column i.
    case table(header: [String], rows: [[String]], numeric: [Bool])
    /// A chart: inlined in HTML, linked by file name from Markdown.
    case figure(file: String, svg: String, caption: String)
    /// A list of short facts.
    case bullets([String])
  }

  public var title: String
  public var blocks: [Block]

  public init(title: String, blocks: [Block] = []) {
    self.title = title
    self.blocks = blocks
  }

  // MARK: Markdown

  /// The report as GitHub-flavoured Markdown; charts are image links to the SVG files beside it.
  public func markdown() -> String {
    var out = "# \(ReportDocument.markdownInline(title))\n"
    for block in blocks {
      out += "\n"
      switch block {
      case .heading(let level, let text):
        out += String(repeating: "#", count: min(6, max(2, level))) + " " + ReportDocument.markdownInline(text) + "\n"
      case .paragraph(let text):
        out += ReportDocument.markdownInline(text) + "\n"
      case .bullets(let items):
        for item in items { out += "- " + ReportDocument.markdownInline(item) + "\n" }
      case .table(let header, let rows, let numeric):
        out += "| " + header.map(ReportDocument.markdownCell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { numeric.indices.contains($0) && numeric[$0] ? "---:" : ":---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map(ReportDocument.markdownCell).joined(separator: " | ") + " |\n" }
      case .figure(let file, _, let caption):
        let link = file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file
        out += "![\(ReportDocument.markdownInline(caption))](\(link))\n"
      }
    }
    return out
  }

  /// Escapes characters Markdown would read as formatting; `#`, `+` and `-` only matter at the
  /// start of a line, not inside a table cell.
  static func markdownInline(_ text: String, lineStart: Bool = true) -> String {
    var out = ""
    for (index, character) in text.enumerated() {
      if "\\`*_[]<>|".contains(character) || (lineStart && index == 0 && "#+-".contains(character)) { out.append("\\") }
      out.append(character)
    }
    return out.replacingOccurrences(of: "\n", with: " ")
  }

  static func markdownCell(_ text: String) -> String { markdownInline(text, lineStart: false) }

  // MARK: HTML

  /// The report as one self-contained UTF-8 HTML page with the charts inlined.
  public func html() -> String {
    var out = """
      <!DOCTYPE html>
      <html lang="zh-Hans">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(ReportDocument.htmlEscape(title))</title>
      <style>
      body { font-family: \(SVGDocument.fontFamily); color: #222; max-width: 900px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
      h1 { font-size: 26px; margin-bottom: 4px; }
      h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
      h3 { font-size: 16px; margin-top: 20px; }
      table { border-collapse: collapse; margin: 12px 0; font-size: 14px; }
      th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 10px; text-align: left; vertical-align: top; }
      th { background: #f4f6f8; font-weight: 600; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      figure { margin: 16px 0; }
      figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption { font-size: 13px; color: #555; }
      ul { padding-left: 20px; }
      p.note { color: #555; font-size: 14px; }
      </style>
      </head>
      <body>
      <h1>\(ReportDocument.htmlEscape(title))</h1>

      """
    for block in blocks {
      switch block {
      case .heading(let level, let text):
        let tag = "h\(min(6, max(2, level)))"
        out += "<\(tag)>\(ReportDocument.htmlEscape(text))</\(tag)>\n"
      case .paragraph(let text):
        out += "<p>\(ReportDocument.htmlEscape(text))</p>\n"
      case .bullets(let items):
        out += "<ul>\n" + items.map { "<li>\(ReportDocument.htmlEscape($0))</li>\n" }.joined() + "</ul>\n"
      case .table(let header, let rows, let numeric):
        func cell(_ tag: String, _ index: Int, _ text: String) -> String {
          let isNumeric = numeric.indices.contains(index) && numeric[index]
          return "<\(tag)\(isNumeric ? " class=\"num\"" : "")>\(ReportDocument.htmlEscape(text))</\(tag)>"
        }
        out += "<table>\n<thead><tr>" + header.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>\n" }
        out += "</tbody>\n</table>\n"
      case .figure(_, let svg, let caption):
        out += "<figure>\n\(svg)<figcaption>\(ReportDocument.htmlEscape(caption))</figcaption>\n</figure>\n"
      }
    }
    out += "</body>\n</html>\n"
    return out
  }

  /// Escapes text for HTML element content and attribute values.
  static func htmlEscape(_ text: String) -> String { SVGDocument.escape(text) }
}
