import Foundation
import Testing
import TCRandom
import TargetCast
import TargetCastFuzzing

/// The fuzz harnesses' smoke run, in seconds: every seed-corpus input (`fuzz/corpus/<harness>/`),
/// 40 to 200 seeded mutations of each, and every input a long fuzz run found to crash
/// (`Tests/FuzzRegressions/<harness>/`). A trap or a broken output invariant stops the test
/// process, which fails the run and names the harness in the log. The long runs are
/// `fuzz/run.sh` (see fuzz/README.md).
@Suite struct FuzzSmokeTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func inputs(_ folder: String, _ target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
    let directory = root.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    return names.compactMap { name in
      (try? Data(contentsOf: directory.appendingPathComponent(name))).map { (name, [UInt8]($0)) }
    }
  }

  /// With `TARGETCAST_FUZZ_LAST=DIR` set, each input is saved to `DIR/<harness>` before it runs,
  /// so the input that stopped the process can be replayed (and kept as a regression).
  /// With `TARGETCAST_FUZZ_ONLY=NAME` set, only that harness runs.
  static func run(_ target: FuzzTarget, _ bytes: [UInt8]) {
    if let only = ProcessInfo.processInfo.environment["TARGETCAST_FUZZ_ONLY"], only != target.rawValue { return }
    if let directory = ProcessInfo.processInfo.environment["TARGETCAST_FUZZ_LAST"] {
      try? Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent(target.rawValue))
    }
    target.run(bytes)
  }

  /// Mutations tried per corpus input: fewer where one execution simulates or decodes a
  /// shard (about 15 ms in a debug build), so the whole smoke run stays within seconds.
  static func mutations(_ target: FuzzTarget) -> Int {
    switch target {
    case .scenario, .shardFile: 40
    case .seriesCSV, .runFolder: 200
    }
  }

  @Test(arguments: FuzzTarget.allCases)
  func corpusAndMutations(_ target: FuzzTarget) {
    let corpus = Self.inputs("fuzz/corpus", target)
    #expect(corpus.count >= 3, "the seed corpus of \(target.rawValue) has \(corpus.count) inputs")
    for (index, input) in corpus.enumerated() {
      Self.run(target, input.bytes)
      var mutator = Mutator(seed: UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15)
      for _ in 0..<Self.mutations(target) { Self.run(target, mutator.mutate(input.bytes, donor: corpus[(index + 1) % corpus.count].bytes)) }
    }
  }

  @Test(arguments: FuzzTarget.allCases)
  func crashesFoundStayFixed(_ target: FuzzTarget) {
    for input in Self.inputs("Tests/FuzzRegressions", target) { Self.run(target, input.bytes) }
  }

  /// The shard seeds are accepted by this build's merge: a seed written by a build with another
  /// plan encoding or shard state is refused, and the harness would start from refusals only.
  /// Rewrite them with `fuzz/make-shard-corpus.sh`.
  @Test func shardSeedsMerge() throws {
    for input in Self.inputs("fuzz/corpus", .shardFile) {
      let parts = FuzzTarget.parts(input.bytes).enumerated().map { (path: "shard-\($0.offset + 1).json", data: Data($0.element)) }
      do {
        let result = try mergeShards(parts)
        #expect(result.paths > 0 && !result.targets.isEmpty)
      } catch {
        Issue.record("\(input.name) is refused (\(error)); rewrite the seeds with fuzz/make-shard-corpus.sh")
      }
    }
  }

  @Test func partsSplitOnSeparatorLines() {
    #expect(fuzzPartsForTest("a\n%%\nb\n%%\n") == ["a\n", "b\n", ""])
  }
}

func fuzzPartsForTest(_ text: String) -> [String] {
  FuzzTarget.parts(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
}

/// Byte-level mutations in the spirit of libFuzzer's (flip, insert, erase, copy, splice a token
/// or a piece of another input), driven by a seeded stream so every run tries the same inputs.
struct Mutator {
  var stream: RandomStream
  init(seed: UInt64) { stream = RandomStream(seed: seed, stream: 0) }

  mutating func next() -> UInt64 { stream.nextUInt64() }

  mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

  /// Values that sit at the edges of what the readers accept.
  static let tokens = [
    "0", "-1", "1e308", "-1e308", "1e-320", "nan", "inf", "9223372036854775807", "-9223372036854775808",
    "18446744073709551616", "999999999", "1e9", "0.5", "\"", ",", "\n", ": ", "- ", "{}", "[]", "null",
    "%%\n", "2019年", "：", "\u{FEFF}", "\r\n", "#set seed=1\n", "#set paths=3\n", "#variant fast\n",
  ].map { Array($0.utf8) }

  mutating func mutate(_ input: [UInt8], donor: [UInt8]) -> [UInt8] {
    var bytes = input
    for _ in 0...below(4) {
      let at = below(bytes.count + 1)
      switch below(6) {
      case 0 where !bytes.isEmpty:
        bytes[min(at, bytes.count - 1)] ^= UInt8(1 << below(8))
      case 1:
        bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: at)
      case 2 where !bytes.isEmpty:
        bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(16)))
      case 3 where !bytes.isEmpty:
        let start = below(bytes.count), length = min(bytes.count - start, 1 + below(32))
        bytes.insert(contentsOf: Array(bytes[start..<start + length]), at: at)
      case 4 where !donor.isEmpty:
        let start = below(donor.count), length = min(donor.count - start, 1 + below(64))
        bytes.insert(contentsOf: donor[start..<start + length], at: at)
      default:
        // Replace a run of digits with a token (numbers are where the readers' limits are).
        if let digit = bytes[at...].firstIndex(where: { (48...57).contains($0) }) {
          var end = digit
          while end < bytes.count, (48...57).contains(bytes[end]) || bytes[end] == 46 { end += 1 }
          bytes.replaceSubrange(digit..<end, with: Self.tokens[below(12)])
        }
      }
    }
    return bytes
  }
}
