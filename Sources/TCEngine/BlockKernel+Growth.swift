import Foundation
import TCRandom

// Shocks to log-levels: growth laws (with AR(1) persistence), forecast models, events, then the
// running sum from each path's base.
extension BlockKernel {
  /// Turns shocks into log-levels in place; returns event occurrence counts when recording.
  func applyLawsAndEvents(_ zp: inout MutableSpan<Double>, firstPath: Int, count n: Int, recordEvents: Bool) -> [[Double]] {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    for s in 0..<k {
      let phi = plan.persistence[s]
      if phi != 0 {
        // AR(1) on the driving normal keeps each year's N(0, 1) marginal.
        let scale = (1 - phi * phi).squareRoot()
        for t in 1..<max(h, 1) {
          let row = s * h * b + t * b, previous = row - b
          for j in 0..<n { zp[row + j] = phi * zp[previous + j] + scale * zp[row + j] }
        }
      }
      for t in 0..<h {
        let row = s * h * b + t * b
        let law = plan.laws[s * h + t]
        let shift = plan.shifts[s * h + t]
        switch law {
        case .logNormal(let mu, let sigma):
          let m = mu + shift
          for j in 0..<n { zp[row + j] = m + sigma * zp[row + j] }
        case .fixed(let logFactor):
          let m = logFactor + shift
          for j in 0..<n { zp[row + j] = m }
        default:
          for j in 0..<n { zp[row + j] = law.logGrowth(zp[row + j]) + shift }
        }
      }
    }
    for s in 0..<k {
      guard let model = plan.models[s] else { continue }
      // A model's simulated levels become log-growth rows, so events and the running sum below
      // treat the series like any other. Path p uses streamID(streamID(key, p), 0) via the
      // model's own streams: the same numbers in any block, thread or shard.
      let floor = BlockKernel.levelFloor
      for j in 0..<n {
        let offset = streamID(plan.modelKeys[s], UInt64(firstPath + j))
        let levels = model.simulate(horizon: h, paths: 1, seed: plan.seed, streamOffset: offset)[0]
        var previous = plan.logBases[s]
        for t in 0..<h {
          let y = log(Swift.max(levels[t], floor))
          zp[s * h * b + t * b + j] = y - previous
          previous = y
        }
      }
    }
    var occurrences: [[Double]] = []
    if !plan.events.isEmpty {
      occurrences = applyEvents(&zp, firstPath: firstPath, count: n, record: recordEvents)
    }
    // Running sums of log-growth give log-levels.
    for s in 0..<k {
      var row = s * h * b
      if baseLogs.isEmpty {
        let base = plan.logBases[s]
        for j in 0..<n { zp[row + j] += base }
      } else {
        let offset = s * b
        for j in 0..<n { zp[row + j] += baseLogs[offset + j] }
      }
      for _ in 1..<max(h, 1) {
        let previous = row
        row += b
        for j in 0..<n { zp[row + j] += zp[previous + j] }
      }
    }
    // Levels added by events sit on top of the organic level: log(exp(y) + added). A negative
    // added level (a plant closing) cannot take the level below zero: it stops at the floor.
    if !added.isEmpty {
      for s in 0..<k where plan.seriesHasLevelEvents[s] {
        for t in 0..<h {
          let offset = s * h * b + t * b
          for j in 0..<n where added[offset + j] != 0 {
            zp[offset + j] = log(Swift.max(exp(zp[offset + j]) + added[offset + j], BlockKernel.levelFloor))
          }
        }
      }
    }
    return occurrences
  }

  /// Draws every event for every path: growth shocks go into the log-growth rows, added levels
  /// into `added`. Event and driver numbers come from their own streams keyed by the event's id
  /// and the path, so adding an event leaves every other number unchanged.
  private func applyEvents(_ zp: inout MutableSpan<Double>, firstPath: Int, count n: Int, record: Bool) -> [[Double]] {
    let h = plan.horizon, b = blockSize
    if !added.isEmpty { for i in added.indices { added[i] = 0 } }
    var occurrences = record ? Array(repeating: Array(repeating: 0.0, count: n), count: plan.events.count) : []
    var drivers = Array(repeating: 0.0, count: plan.driverNames.count * h)
    for j in 0..<n {
      let path = UInt64(firstPath + j)
      for (d, name) in plan.driverNames.enumerated() {
        var stream = RandomStream(seed: plan.seed, stream: streamID(0xD817E4, SimulationPlan.stableHash(name), path))
        for t in 0..<h { drivers[d * h + t] = stream.nextNormal() }
      }
      for (e, event) in plan.events.enumerated() {
        var stream = RandomStream(seed: plan.seed, stream: streamID(0xE7E47, event.key, path))
        let loading = event.loading, own = (1 - loading * loading).squareRoot()
        func latent(_ t: Int) -> Double {
          let epsilon = stream.nextNormal()
          guard let d = event.driver else { return epsilon }
          return loading * drivers[d * h + t] + own * epsilon
        }
        var starts: [Int] = []
        if let timing = event.timing {
          let occurs = latent(0) < event.threshold
          let u = stream.nextUniform()
          if occurs { starts.append(timing.firstIndex { u <= $0 } ?? event.years.upperBound) }
        } else {
          for t in 0..<h {
            let l = latent(t)
            if event.years.contains(t) && l < event.threshold { starts.append(t) }
          }
        }
        if record { occurrences[e][j] = Double(starts.count) }
        for start in starts {
          let s = event.series
          if let level = event.addLevel {
            for t in start..<h {
              added[s * h * b + t * b + j] += level * event.ramp[min(t - start, event.ramp.count - 1)]
            }
          } else {
            zp[s * h * b + start * b + j] += event.logShock
          }
        }
      }
    }
    return occurrences
  }
}

extension BlockKernel {
  /// The lowest level a path can have (a model's simulated level, or a level after an event
  /// took more than it held): positive, so every log-level and required growth stays finite.
  static let levelFloor = 1e-300
}
