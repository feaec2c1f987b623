import Foundation
import Testing

/// How help text is laid out at a fixed terminal width: no line wider than the terminal, and no
/// paragraph broken early by a hand-written line break that ArgumentParser then re-wraps (a
/// short line followed by a long one).
///
/// ArgumentParser wraps by characters and breaks before a word that would end in the last
/// column, so a packed line has at most `width − 1` characters: a line is broken early when the
/// next line's first word would have fitted within that.
enum HelpLayout {
  /// The problems in one help screen, each naming its line; empty when the layout is clean.
  ///
  /// - Parameters:
  ///   - text: What `targetcast … --help` printed.
  ///   - width: The terminal width the help was rendered for (`COLUMNS`).
  static func problems(in text: String, width: Int) -> [String] {
    var problems: [String] = []
    var inOverview = true
    var previous: Substring?
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let columns = terminalColumns(line)
      if columns > width { problems.append("line \(number + 1) is \(columns) columns wide: \(line)") }
      if line.hasPrefix("USAGE:") { inOverview = false }
      defer { previous = line.isEmpty ? nil : line }
      guard let above = previous, !line.isEmpty else { continue }
      if inOverview, indent(line) == 0, indent(above) > 0 {
        // The overview wraps to column 0, and a paragraph there starts after a blank line: a
        // line at column 0 right below an indented one is the tail of a line the wrapper broke.
        problems.append("line \(number + 1) is the wrapped tail of the line above: \(line)")
      }
      guard indent(line) == textColumn(above, inOverview: inOverview), !startsItsOwnLine(line, after: above) else { continue }
      let firstWord = line.drop { $0 == " " }.prefix { $0 != " " }
      if above.count + 1 + firstWord.count <= width - 1 {
        problems.append("line \(number) is broken early ('\(firstWord)' would fit on it): \(above)")
      }
    }
    return problems
  }

  /// The column where a line's text starts: its indentation, or for an entry of an option or
  /// subcommand list the help column (26) after the label; `nil` for a label alone on its line,
  /// whose help starts below it rather than continuing it.
  static func textColumn(_ line: Substring, inOverview: Bool) -> Int? {
    guard !inOverview, indent(line) == 2 else { return indent(line) }
    let characters = Array(line)
    return characters.count > 26 && characters[25] == " " ? 26 : nil
  }

  /// Lines that stand on their own by intent: a command example, a bullet, or the next line of
  /// a shell command continued with `\`.
  static func startsItsOwnLine(_ line: Substring, after above: Substring) -> Bool {
    let text = line.drop { $0 == " " }
    return above.hasSuffix("\\") || ["targetcast ", "- ", "• ", "* "].contains { text.hasPrefix($0) }
  }

  static func indent(_ line: Substring) -> Int {
    line.prefix { $0 == " " }.count
  }

  /// Columns a terminal gives `line`: East Asian wide characters (CJK, full-width forms) take two.
  static func terminalColumns(_ line: Substring) -> Int {
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
    ]
    return line.reduce(0) { sum, character in
      let value = character.unicodeScalars.first!.value
      return sum + (wide.contains { $0.contains(value) } ? 2 : 1)
    }
  }
}

/// The checker itself, on made-up help: a hand-broken paragraph, a wrapped example and an
/// over-wide line are found; packed paragraphs, lists, examples and option entries pass.
@Test func helpLayoutFindsRaggedBreaks() {
  let clean = """
    OVERVIEW: Does a thing with files and
    folders.

    Examples:
      targetcast run a.yaml
      targetcast run b.yaml --paths 10 \\
        --seed 3

    USAGE: targetcast run <a>

    OPTIONS:
      --paths <n>             Number of the
                              paths.
      --a-very-long-option-name <value>
                              Short.
      -h, --help              Help.
    """
  #expect(HelpLayout.problems(in: clean, width: 40) == [])
  let ragged = "OVERVIEW: Does a\nthing.\n"
  #expect(HelpLayout.problems(in: ragged, width: 40).count == 1)
  let wrappedExample = "Examples:\n  targetcast run a.yaml --paths\n10\n"
  #expect(HelpLayout.problems(in: wrappedExample, width: 40).count == 1)
  let raggedOption = "USAGE: x\n\nOPTIONS:\n  --paths <n>             Number\n                          of paths.\n"
  #expect(HelpLayout.problems(in: raggedOption, width: 40).count == 1)
  #expect(HelpLayout.problems(in: "千亿千亿千亿千亿千亿千亿千亿千亿", width: 30).count == 1)
}

/// `targetcast --help` and `targetcast <command> --help` for every command it lists, at 80
/// columns (ArgumentParser reads `COLUMNS`): every line fits and no paragraph is broken early.
@Test func helpWrapsCleanlyAtEightyColumns() throws {
  let commands = try commandsListedInHelp()
  #expect(commands.count >= 8, "\(commands)")
  for arguments in [["--help"]] + commands.map({ [$0, "--help"] }) {
    let help = try runCLI(arguments, environment: ["COLUMNS": "80"])
    #expect(help.status == 0, "\(arguments): \(help.stderr)")
    let problems = HelpLayout.problems(in: help.stdout, width: 80)
    #expect(problems.isEmpty, "targetcast \(arguments.joined(separator: " ")):\n\(problems.joined(separator: "\n"))")
  }
}
