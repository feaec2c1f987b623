/// A year read from a cell, and whether it was written unmistakably as one.
struct YearReading: Equatable {
  var year: Int
  /// Written with 年, as a date, or in a date-formatted workbook cell (not just a number).
  var isMarked: Bool

  /// Whether the cell would be taken for a year in a column not named as the year column:
  /// a marked year, or a plain number from 1000 to 2999.
  var looksLikeYear: Bool { isMarked || (1000...2999).contains(year) }
}

extension Cell {
  /// The calendar year of the cell: `2019`, `2019.0`, `2019年`, `2019年度`, `2019年12月31日`,
  /// `2019-12-31` (also with a time, as statsforecast's `ds`), `2019/12/31`, `2019.12.31`,
  /// `12/31/2019`, `2019-12`, `2019/12`, or a workbook date; `nil` for anything else.
  ///
  /// Dates are checked (2019-02-30 is not a date). Full-width digits read as ASCII ones.
  var year: YearReading? {
    switch self {
    case .empty: return nil
    case .number(let x): return Self.wholeYear(x).map { YearReading(year: $0, isMarked: false) }
    case .date(let year, _, _): return YearReading(year: year, isMarked: true)
    case .text(let raw):
      let text = Self.halfWidth(raw)
      if let n = Int(text) { return Self.inRange(n).map { YearReading(year: $0, isMarked: false) } }
      if let x = Double(text), let n = Self.wholeYear(x) { return YearReading(year: n, isMarked: false) }
      if let year = Self.chineseYear(text) ?? Self.dateYear(text) { return Self.inRange(year).map { YearReading(year: $0, isMarked: true) } }
      return nil
    }
  }

  /// The number in the cell: plain (`5200`, `5.2e3`, `-0.5`), with thousands separators
  /// (`5,200.0`, `1,234,567`), or in full-width characters (`５，２００`); `nil` for anything
  /// else, including dates. NaN and infinities are returned (the caller rejects them by name).
  var number: Double? {
    switch self {
    case .empty, .date: return nil
    case .number(let x): return x
    case .text(let raw):
      if let x = Double(raw) { return x }
      let text = Self.halfWidth(raw)
      if let x = Double(text) { return x }
      return Self.groupedNumber(text)
    }
  }

  private static func inRange(_ n: Int) -> Int? {
    n > -Series.yearLimit && n < Series.yearLimit ? n : nil
  }

  private static func wholeYear(_ x: Double) -> Int? {
    guard x.isFinite, x == x.rounded(), abs(x) < Double(Series.yearLimit) else { return nil }
    return Int(x)
  }

  /// Full-width digits, signs, comma, full stop and slash (as typed with a Chinese input method)
  /// as their ASCII forms; the minus sign U+2212 as `-`.
  static func halfWidth(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E || $0.value == 0x2212 }) else {
      return text
    }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
      case 0x2212: scalars.append("-")
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// `1,234,567.89` with groups of exactly three digits after the first (so `5,20`, a decimal
  /// comma, is not silently read as 520).
  private static func groupedNumber(_ text: String) -> Double? {
    var body = Substring(text)
    var sign = ""
    if let first = body.first, first == "-" || first == "+" { sign = String(first); body = body.dropFirst() }
    let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    guard groups.count >= 2, (1...3).contains(groups[0].count),
      groups.dropFirst().allSatisfy({ $0.count == 3 }),
      groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
    else { return nil }
    var plain = sign + groups.joined()
    if parts.count == 2 {
      guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
      plain += "." + parts[1]
    }
    return Double(plain)
  }

  /// `2019年`, `2019 年`, `2019年度`, `2019年12月`, `2019年12月31日`.
  private static func chineseYear(_ text: String) -> Int? {
    guard let mark = text.firstIndex(of: "年") else { return nil }
    let digits = text[..<mark].trimmingSpaces
    guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let year = Int(digits) else { return nil }
    let rest = text[text.index(after: mark)...].trimmingSpaces
    if rest.isEmpty || rest == "度" { return year }
    guard let monthMark = rest.firstIndex(of: "月"), let month = Int(rest[..<monthMark].trimmingSpaces) else { return nil }
    let afterMonth = rest[rest.index(after: monthMark)...].trimmingSpaces
    if afterMonth.isEmpty { return (1...12).contains(month) ? year : nil }
    guard afterMonth.last == "日", let day = Int(afterMonth.dropLast().trimmingSpaces) else { return nil }
    return isDate(year: year, month: month, day: day) ? year : nil
  }

  /// `2019-12-31`, `2019/12/31`, `2019.12.31`, `12/31/2019` (or day first: only the year is
  /// needed), `2019-12`, each optionally followed by a time (`2019-12-31 00:00:00`,
  /// `2019-12-31T00:00:00Z`).
  private static func dateYear(_ text: String) -> Int? {
    var datePart = Substring(text)
    if let cut = text.firstIndex(where: { $0 == " " || $0 == "T" }) {
      let time = text[text.index(after: cut)...].trimmingSpaces
      guard !time.isEmpty, time.allSatisfy({ $0.isASCIIDigit || ":.+-Z".contains($0) }) else { return nil }
      datePart = text[..<cut]
    }
    guard let separator = datePart.first(where: { $0 == "-" || $0 == "/" || $0 == "." }) else { return nil }
    let parts = datePart.split(separator: separator, omittingEmptySubsequences: false)
    guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
    let numbers = parts.compactMap { Int($0) }
    switch (parts.count, parts.first!.count, parts.last!.count) {
    case (2, 4, 1...2) where separator != ".":  // 2019.5 is not May 2019
      return (1...12).contains(numbers[1]) ? numbers[0] : nil
    case (3, 4, 1...2):
      return isDate(year: numbers[0], month: numbers[1], day: numbers[2]) ? numbers[0] : nil
    case (3, 1...2, 4) where parts[1].count <= 2:
      let year = numbers[2]
      let fits = isDate(year: year, month: numbers[0], day: numbers[1]) || isDate(year: year, month: numbers[1], day: numbers[0])
      return fits ? year : nil
    default:
      return nil
    }
  }

  static func isDate(year: Int, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    let start = firstIndex { !$0.isWhitespace } ?? endIndex
    let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
    return self[start..<end]
  }
}
