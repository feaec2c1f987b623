import TargetCastFuzzing

/// libFuzzer's entry point: one input, as bytes. The bytes are copied into an array at once, so
/// the pointer never leaves this function.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  FuzzTarget.seriesCSV.run(bytes)
  return 0
}
