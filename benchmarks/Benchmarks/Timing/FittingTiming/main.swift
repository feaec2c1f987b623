// fitting-timing: times the fitting workloads (HotLoops/FittingWorkloads.swift) with a plain
// clock and prints one tab-separated line per kernel: key, rate (units per second), unit,
// median seconds per call, repeats x calls, the same format as `hotloops-timing`.
// `run-fitting.sh` joins these lines with `peers/statsforecast_hotloops.py`'s on the key.

import Foundation
import HotLoops

struct Kernel {
  let key: String
  let unit: String
  /// Units of work (fits, solves, series) in one call.
  let workPerCall: Double
  let call: () -> Void
}

var timer = MedianTimer()
var only: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
  switch argument {
  case "--repeats": timer.repeats = Int(arguments.next() ?? "") ?? timer.repeats
  case "--min-time": timer.minTime = Double(arguments.next() ?? "") ?? timer.minTime
  case "--only": only = arguments.next()
  case "--describe":
    for (key, work) in ModelFitWorkload.standard() { print("\(key)\t\(work.describe())") }
    exit(0)
  default:
    FileHandle.standardError.write(Data("usage: fitting-timing [--repeats N] [--min-time SECONDS] [--only KEY-PREFIX] | --describe\n".utf8))
    exit(2)
  }
}

// Results are folded into a sink that is printed at the end, so no call can be dropped.
nonisolated(unsafe) var sink = 0.0

var kernels: [Kernel] = []
for (key, work) in ModelFitWorkload.standard() {
  kernels.append(Kernel(key: key, unit: "fits", workPerCall: 1) { sink += work.run() })
}
for (m, n, k) in LeastSquaresWorkload.shapes {
  let work = LeastSquaresWorkload(rows: m, columns: n, rightHandSides: k)
  kernels.append(Kernel(key: work.key, unit: "solves", workPerCall: 1) { sink += work.run() })
}
for (key, work) in [("autoets.m1", AutoModelPanelWorkload.autoETS()), ("autoarima.m1", AutoModelPanelWorkload.autoARIMA())] {
  kernels.append(Kernel(key: key, unit: "series", workPerCall: Double(work.seriesCount)) { sink += work.run() })
}
let auto = AutoPanelWorkload()
kernels.append(Kernel(key: "panel.m1", unit: "series", workPerCall: Double(auto.seriesCount)) { sink += auto.run() })

for kernel in kernels where only.map({ kernel.key.hasPrefix($0) }) ?? true {
  let (median, calls) = timer.measure(kernel.call)
  print("\(kernel.key)\t\(kernel.workPerCall / median)\t\(kernel.unit)/s\t\(median)\t\(timer.repeats)x\(calls)")
}
FileHandle.standardError.write(Data("sink \(sink)\n".utf8))
