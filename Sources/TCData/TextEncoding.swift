import Foundation

/// The character encoding of a delimited text file.
///
/// Planners' files come from Excel: UTF-8 (with or without a byte-order mark), or GBK when
/// Excel on a Chinese Windows saves "CSV (comma delimited)". GBK is the one- and two-byte part
/// of GB18030, so both are decoded by the platform's GB18030 converter; `.gbk` also refuses
/// GB18030's four-byte sequences.
///
/// ```swift
/// let text = try TextEncoding.decode(bytes, source: "industries.csv")          // detected
/// let forced = try TextEncoding.decode(bytes, source: "industries.csv", as: .gbk)
/// ```
public enum TextEncoding: String, Sendable, Equatable, CaseIterable {
  case utf8 = "utf-8"
  case gbk
  case gb18030

  /// Reads `utf-8`, `utf8`, `gbk`, `cp936`, `gb18030` in any case; `nil` for anything else.
  public init?(name: String) {
    switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
    case "utf-8", "utf8": self = .utf8
    case "gbk", "cp936", "gb2312": self = .gbk
    case "gb18030": self = .gb18030
    default: return nil
    }
  }

  /// The names `--encoding` accepts, for messages and help.
  public static let names = allCases.map(\.rawValue).joined(separator: ", ")

  /// The text of a file, and how it was read when that was detected.
  public struct Decoded: Sendable, Equatable {
    public var text: String
    /// A sentence for the panel's notes when the encoding was detected as other than UTF-8.
    public var note: String?
  }

  /// Decodes a whole file: the given encoding, or detected (valid UTF-8 is UTF-8; otherwise
  /// GB18030, which covers GBK). A UTF-8 or UTF-16 byte-order mark is honoured and dropped.
  ///
  /// - Throws: `DataError.badEncoding` naming the line and byte of the first byte that does not
  ///   fit, and what was expected.
  public static func decode(_ data: Data, source: String, as forced: TextEncoding? = nil) throws(DataError) -> Decoded {
    let bytes = [UInt8](data)
    if forced == nil, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      guard let text = String(data: data.dropFirst(2), encoding: little ? .utf16LittleEndian : .utf16BigEndian) else {
        throw .badEncoding(file: source, line: 1, byte: 1, expected: "UTF-16 text after its byte-order mark", found: Array(bytes.prefix(4)))
      }
      return Decoded(text: text, note: "\(source): read as UTF-16 (it starts with a UTF-16 byte-order mark)")
    }
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    switch forced {
    case .utf8:
      return Decoded(text: try utf8(body, source: source), note: nil)
    case .gbk, .gb18030:
      return Decoded(text: try gb18030(body, source: source, twoByteOnly: forced == .gbk), note: nil)
    case nil:
      if let text = String(validating: body, as: UTF8.self) { return Decoded(text: text, note: nil) }
      // Several multi-byte UTF-8 characters before the first bad byte: a UTF-8 file with a stray
      // byte, which GB18030 might decode into nonsense without complaint. (GBK text breaks
      // UTF-8 within its first one or two characters.)
      let invalid = firstInvalidUTF8(body)
      if invalid.multiByteBefore >= 3 {
        throw .badEncoding(
          file: source, line: invalid.line, byte: invalid.byte, expected: "UTF-8 text (the text before it is UTF-8)",
          found: invalid.found)
      }
      do {
        let text = try gb18030(body, source: source, twoByteOnly: false)
        return Decoded(text: text, note: "\(source): not UTF-8; read as GB18030/GBK (use --encoding to choose)")
      } catch {
        // Name the first byte that is wrong in UTF-8: a file meant as UTF-8 with one bad byte
        // is more common than a broken GBK file, and both positions would only confuse.
        throw .badEncoding(file: source, line: invalid.line, byte: invalid.byte, expected: "UTF-8 or GB18030/GBK text", found: invalid.found)
      }
    }
  }

  private static func utf8(_ body: ArraySlice<UInt8>, source: String) throws(DataError) -> String {
    if let text = String(validating: body, as: UTF8.self) { return text }
    let invalid = firstInvalidUTF8(body)
    throw .badEncoding(file: source, line: invalid.line, byte: invalid.byte, expected: "UTF-8 text", found: invalid.found)
  }

  /// GB18030 through Foundation: on Linux, swift-corelibs-foundation converts it through
  /// CoreFoundation's `kCFStringEncodingGB_18030_2000` (0x0632), which as a `String.Encoding` is
  /// `0x8000_0632` (what `CFStringConvertEncodingToNSStringEncoding` returns on Apple platforms;
  /// that function is not exported on Linux). It returns `nil` for any invalid sequence.
  private static let gb18030Encoding = String.Encoding(rawValue: 0x8000_0632)

  private static func gb18030(_ body: ArraySlice<UInt8>, source: String, twoByteOnly: Bool) throws(DataError) -> String {
    let expected = twoByteOnly ? "GBK text" : "GB18030 text"
    if let (offset, length) = GB18030Structure.firstFault(in: body, twoByteOnly: twoByteOnly) {
      let (line, byte) = position(of: offset, in: body)
      throw .badEncoding(file: source, line: line, byte: byte, expected: expected, found: Array(body[offset..<offset + length]))
    }
    if let text = String(data: Data(body), encoding: gb18030Encoding) { return text }
    // Well formed but unmapped somewhere (a four-byte code beyond U+10FFFF): find the line.
    // 0x0A never occurs inside a multi-byte GB18030 character, so lines decode on their own.
    var start = body.startIndex
    while start < body.endIndex {
      let end = body[start...].firstIndex(of: 0x0A) ?? body.endIndex
      if String(data: Data(body[start..<end]), encoding: gb18030Encoding) == nil {
        let (line, _) = position(of: start, in: body)
        throw .badEncoding(file: source, line: line, byte: 1, expected: expected, found: Array(body[start..<min(end, start + 8)]))
      }
      start = end + 1
    }
    throw .badEncoding(file: source, line: 1, byte: 1, expected: expected, found: Array(body.prefix(4)))
  }

  /// The line (from 1), byte within the line (from 1) and up to 4 bytes from the first byte that
  /// breaks UTF-8, and how many multi-byte characters come before it; only called on bytes
  /// known to be invalid.
  private static func firstInvalidUTF8(_ body: ArraySlice<UInt8>) -> (line: Int, byte: Int, found: [UInt8], multiByteBefore: Int) {
    var decoder = UTF8()
    var iterator = body.makeIterator()
    var offset = body.startIndex
    var multiByte = 0
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
        if !scalar.isASCII { multiByte += 1 }
      case .emptyInput: break loop
      case .error: break loop
      }
    }
    let (line, byte) = position(of: offset, in: body)
    return (line, byte, Array(body[offset..<min(body.endIndex, offset + 4)]), multiByte)
  }

  private static func position(of offset: Int, in body: ArraySlice<UInt8>) -> (line: Int, byte: Int) {
    let before = body[body.startIndex..<offset]
    let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
    return (line, offset - lineStart + 1)
  }
}

/// The byte structure of GB18030: one byte 0x00–0x80 (0x80 is the euro sign in Microsoft's
/// GBK), two bytes 81–FE then 40–7E or 80–FE, four bytes 81–FE, 30–39, 81–FE, 30–39.
enum GB18030Structure {
  /// Offset and length of the first ill-formed sequence, or `nil`.
  static func firstFault(in bytes: ArraySlice<UInt8>, twoByteOnly: Bool) -> (offset: Int, length: Int)? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let lead = bytes[i]
      if lead <= 0x80 { i += 1; continue }
      guard lead != 0xFF, i + 1 < end else { return (i, 1) }
      let second = bytes[i + 1]
      if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) { i += 2; continue }
      guard !twoByteOnly, (0x30...0x39).contains(second), i + 3 < end,
        (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3])
      else { return (i, min(2, end - i)) }
      i += 4
    }
    return nil
  }
}
