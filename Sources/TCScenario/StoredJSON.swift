import Foundation

/// How TargetCast writes and reads its own JSON files (plans, shard files, run summaries): sorted
/// keys, so equal values give equal bytes, and the non-finite numbers JSON lacks as the strings
/// `inf`, `-inf` and `nan`. One place, so every writer and reader agrees.
public enum StoredJSON {
  /// An encoder with sorted keys (plus `formatting`) and the non-finite strings.
  public static func encoder(_ formatting: JSONEncoder.OutputFormatting = []) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = formatting.union(.sortedKeys)
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  /// A decoder reading the non-finite strings back.
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }
}
