// hotloops-timing: times the HotLoops workloads with a plain clock and prints one
// tab-separated line per kernel: key, rate (units per second), unit, median seconds per call,
// repeats. `run-hotloops.sh` joins these lines with `peers/numpy_hotloops.py`'s on the key.
//
// Each kernel is warmed up, then called in repeats of at least `--min-time` seconds; the rate
// quoted is the one of the median repeat (the machine is shared, so the median, not the mean).

import Foundation
import HotLoops

struct Kernel {
  let key: String
  let unit: String
  /// Units of work (samples, bytes, flops, path-years) in one call.
  let workPerCall: Double
  let call: () -> Void
}

var repeats = 11
var minTime = 0.2
var only: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
  switch argument {
  case "--repeats": repeats = Int(arguments.next() ?? "") ?? repeats
  case "--min-time": minTime = Double(arguments.next() ?? "") ?? minTime
  case "--only": only = arguments.next()
  default:
    FileHandle.standardError.write(Data("usage: hotloops-timing [--repeats N] [--min-time SECONDS] [--only KEY-PREFIX]\n".utf8))
    exit(2)
  }
}

// Results are folded into a sink that is printed at the end, so no call can be dropped.
nonisolated(unsafe) var sink = 0.0

var kernels: [Kernel] = []
let fill = NormalFillWorkload()
kernels.append(Kernel(key: "normals.fill", unit: "samples", workPerCall: Double(fill.count)) { sink += fill.run() })
let pathNormals = PathNormalsWorkload()
kernels.append(Kernel(key: "normals.paths", unit: "samples", workPerCall: Double(pathNormals.count)) { sink += pathNormals.run() })
let scalar = NextNormalWorkload()
kernels.append(Kernel(key: "normals.next", unit: "samples", workPerCall: Double(scalar.count)) { sink += scalar.run() })
let philox = PhiloxBlockWorkload()
kernels.append(Kernel(key: "philox.bytes", unit: "bytes", workPerCall: Double(16 * philox.count)) {
  sink += Double(philox.run())
})
for n in HotLoops.blockColumns {
  let work = CorrelationWorkload(n: n)
  kernels.append(Kernel(key: "gemm.\(n)", unit: "flop", workPerCall: work.flopsPerCall) { sink += work.gemm() })
  kernels.append(Kernel(key: "trmm.\(n)", unit: "flop", workPerCall: work.flopsPerCall) { sink += work.trmm() })
  kernels.append(Kernel(key: "trimul.\(n)", unit: "flop", workPerCall: work.flopsPerCall) {
    sink += work.triangularMultiply()
  })
  kernels.append(Kernel(key: "rows.\(n)", unit: "flop", workPerCall: work.flopsPerCall) { sink += work.rowsTransform() })
  kernels.append(Kernel(key: "rowstrmm.\(n)", unit: "flop", workPerCall: work.flopsPerCall) { sink += work.rowsTrmm() })
}
let engine = EngineWorkload()
kernels.append(Kernel(key: "engine", unit: "path-years", workPerCall: engine.pathYearsPerCall) { sink += engine.run() })

let clock = ContinuousClock()
func seconds(_ body: () -> Void) -> Double {
  let start = clock.now
  body()
  let d = clock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

for kernel in kernels where only.map({ kernel.key.hasPrefix($0) }) ?? true {
  let first = seconds(kernel.call)
  let calls = max(1, Int((minTime / max(first, 1e-9)).rounded(.up)))
  var perCall: [Double] = []
  for _ in 0..<repeats {
    let t = seconds { for _ in 0..<calls { kernel.call() } }
    perCall.append(t / Double(calls))
  }
  perCall.sort()
  let median = perCall[perCall.count / 2]
  print("\(kernel.key)\t\(kernel.workPerCall / median)\t\(kernel.unit)/s\t\(median)\t\(repeats)x\(calls)")
}
FileHandle.standardError.write(Data("sink \(sink)\n".utf8))
