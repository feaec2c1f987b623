import Foundation

/// The running executable's GNU build id (the linker's hash of the binary, `readelf -n`), or
/// `unknown` where it cannot be read. Shards record it: two builds of the same version can differ
/// in the last bits (for example with and without fused multiply-adds), so shards of one run
/// must come from one build.
public let targetCastBuildID: String = ELFBuildID.read(path: "/proc/self/exe") ?? "unknown"

/// Reads the `NT_GNU_BUILD_ID` note from the program headers of a 64-bit little-endian ELF file.
enum ELFBuildID {
  static func read(path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
      guard count > 0, count <= 1 << 20, (try? handle.seek(toOffset: offset)) != nil,
        let data = try? handle.read(upToCount: count), data.count == count
      else { return nil }
      return Array(data)
    }
    func integer(_ b: [UInt8], _ at: Int, _ size: Int) -> UInt64 {
      var value: UInt64 = 0
      for i in (0..<size).reversed() { value = value << 8 | UInt64(b[at + i]) }
      return value
    }
    // e_ident: magic, class 2 (64-bit), data 1 (little-endian).
    guard let header = bytes(at: 0, count: 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else { return nil }
    let programHeaders = integer(header, 0x20, 8)
    let entrySize = Int(integer(header, 0x36, 2)), entries = Int(integer(header, 0x38, 2))
    guard entrySize >= 56, entries <= 256, let table = bytes(at: programHeaders, count: entrySize * entries) else { return nil }
    for index in 0..<entries {
      let base = index * entrySize
      guard integer(table, base, 4) == 4 else { continue }  // PT_NOTE
      let offset = integer(table, base + 0x08, 8), size = Int(integer(table, base + 0x20, 8))
      guard let notes = bytes(at: offset, count: size) else { continue }
      var at = 0
      while at + 12 <= notes.count {
        let nameSize = Int(integer(notes, at, 4)), descSize = Int(integer(notes, at + 4, 4)), type = integer(notes, at + 8, 4)
        let nameStart = at + 12
        let descStart = nameStart + (nameSize + 3) / 4 * 4
        let next = descStart + (descSize + 3) / 4 * 4
        guard nameSize <= notes.count, descSize <= notes.count, next <= notes.count else { break }
        if type == 3, nameSize == 4, notes[nameStart..<nameStart + 4] == [0x47, 0x4E, 0x55, 0] {  // NT_GNU_BUILD_ID, "GNU\0"
          return notes[descStart..<descStart + descSize].map { String(format: "%02x", $0) }.joined()
        }
        at = next
      }
    }
    return nil
  }
}
