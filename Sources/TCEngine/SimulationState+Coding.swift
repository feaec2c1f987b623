import Foundation

/// Shard files hold the histogram counts packed: a shard's `cells × (bins + 2)` counts are mostly
/// zero, and as JSON numbers their encoding and decoding took most of a small shard's time (86% of
/// a 1,024-path W1 shard) and of a merge. Packed, a count array is one base64 string of varints
/// (see `CountPacking`); every other field is plain JSON.
extension SimulationState {
  enum CodingKeys: String, CodingKey {
    case paths, cells, bins, targetCount, horizon, cellCounts, cellMinimum, cellMaximum, outsideSum, outsideSumOfSquares
    case inYearHits, firstYear, pairOutcomes, conditionalSum, conditionalSumOfSquares, controlHits, controlJointHits
    case shiftCounts, shiftMinimum, shiftMaximum, memberCounts
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func counts(_ key: CodingKeys) throws -> [UInt64] {
      let text = try c.decode(String.self, forKey: key)
      guard let values = CountPacking.unpack(text) else {
        throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a packed count array")
      }
      return values
    }
    paths = try c.decode(Int.self, forKey: .paths)
    cells = try c.decode(Int.self, forKey: .cells)
    bins = try c.decode(Int.self, forKey: .bins)
    targetCount = try c.decode(Int.self, forKey: .targetCount)
    horizon = try c.decode(Int.self, forKey: .horizon)
    cellCounts = try counts(.cellCounts)
    cellMinimum = try c.decode([Double].self, forKey: .cellMinimum)
    cellMaximum = try c.decode([Double].self, forKey: .cellMaximum)
    outsideSum = try c.decode([Int128].self, forKey: .outsideSum)
    outsideSumOfSquares = try c.decode([Int128].self, forKey: .outsideSumOfSquares)
    inYearHits = try c.decode([UInt64].self, forKey: .inYearHits)
    firstYear = try c.decode([UInt64].self, forKey: .firstYear)
    pairOutcomes = try c.decode([UInt64].self, forKey: .pairOutcomes)
    conditionalSum = try c.decode([Int128].self, forKey: .conditionalSum)
    conditionalSumOfSquares = try c.decode([Int128].self, forKey: .conditionalSumOfSquares)
    controlHits = try c.decode([UInt64].self, forKey: .controlHits)
    controlJointHits = try c.decode([UInt64].self, forKey: .controlJointHits)
    shiftCounts = try counts(.shiftCounts)
    shiftMinimum = try c.decode([Double].self, forKey: .shiftMinimum)
    shiftMaximum = try c.decode([Double].self, forKey: .shiftMaximum)
    memberCounts = try counts(.memberCounts)
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(paths, forKey: .paths)
    try c.encode(cells, forKey: .cells)
    try c.encode(bins, forKey: .bins)
    try c.encode(targetCount, forKey: .targetCount)
    try c.encode(horizon, forKey: .horizon)
    try c.encode(CountPacking.pack(cellCounts), forKey: .cellCounts)
    try c.encode(cellMinimum, forKey: .cellMinimum)
    try c.encode(cellMaximum, forKey: .cellMaximum)
    try c.encode(outsideSum, forKey: .outsideSum)
    try c.encode(outsideSumOfSquares, forKey: .outsideSumOfSquares)
    try c.encode(inYearHits, forKey: .inYearHits)
    try c.encode(firstYear, forKey: .firstYear)
    try c.encode(pairOutcomes, forKey: .pairOutcomes)
    try c.encode(conditionalSum, forKey: .conditionalSum)
    try c.encode(conditionalSumOfSquares, forKey: .conditionalSumOfSquares)
    try c.encode(controlHits, forKey: .controlHits)
    try c.encode(controlJointHits, forKey: .controlJointHits)
    try c.encode(CountPacking.pack(shiftCounts), forKey: .shiftCounts)
    try c.encode(shiftMinimum, forKey: .shiftMinimum)
    try c.encode(shiftMaximum, forKey: .shiftMaximum)
    try c.encode(CountPacking.pack(memberCounts), forKey: .memberCounts)
  }
}

/// A count array as text: LEB128 varints of `2·v` for a non-zero count `v` and of `2·r + 1` for a
/// run of `r` zeros, base64-encoded. Histograms of a few thousand paths over thousands of bins
/// shrink to a few bytes per occupied bin; decoding is one pass.
enum CountPacking {
  /// Most counts an array read back may have (the JSON numbers of a shard file at its size limit
  /// could not hold more), so a tiny file cannot ask for a huge allocation.
  static let maximumCount = 1 << 29

  static func pack(_ values: [UInt64]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count / 4 + 16)
    func varint(_ x: UInt64) {
      var x = x
      while x >= 0x80 {
        bytes.append(UInt8(x & 0x7f) | 0x80)
        x >>= 7
      }
      bytes.append(UInt8(x))
    }
    var zeros: UInt64 = 0
    for value in values {
      if value == 0 {
        zeros += 1
        continue
      }
      if zeros > 0 {
        varint(zeros << 1 | 1)
        zeros = 0
      }
      // A count is at most a run's number of paths (far below 2^63), so 2·v does not overflow.
      varint(value << 1)
    }
    if zeros > 0 { varint(zeros << 1 | 1) }
    return Data(bytes).base64EncodedString()
  }

  /// The counts, or nil for text that is not a packing (bad base64, a varint longer than 64
  /// bits or cut short, or more than `maximumCount` counts).
  static func unpack(_ text: String) -> [UInt64]? {
    guard let data = Data(base64Encoded: text) else { return nil }
    let bytes = [UInt8](data)
    var values: [UInt64] = []
    var i = 0
    while i < bytes.count {
      var x: UInt64 = 0, shift: UInt64 = 0
      while true {
        guard i < bytes.count, shift < 64 else { return nil }
        let byte = bytes[i]
        i += 1
        let part = UInt64(byte & 0x7f)
        guard shift < 63 || part <= 1 else { return nil }
        x |= part << shift
        if byte & 0x80 == 0 { break }
        shift += 7
      }
      if x & 1 == 1 {
        let run = x >> 1
        guard run <= UInt64(maximumCount - values.count) else { return nil }
        values.append(contentsOf: repeatElement(0, count: Int(run)))
      } else {
        guard values.count < maximumCount else { return nil }
        values.append(x >> 1)
      }
    }
    return values
  }
}
