extension Engine {
  /// Grids from the first paths of the run: the same paths, hence the same grids, in every
  /// shard and for every thread count. Simulated in blocks of `blockSize` like the run itself
  /// (one block of all pilot paths would not fit the cache); each path's numbers depend only on
  /// its index, so the blocking does not change them.
  static func pilotGrids(_ plan: SimulationPlan, paths: Int, blockSize: Int = SimulationOptions().effectiveBlockSize) -> EngineGrids {
    let h = plan.horizon, k = plan.seriesCount
    let cells = plan.quantityCount * h
    let placeholder = HistogramGrid(lower: 0, width: 1, bins: 1)
    let size = max(2, min(blockSize, paths + paths % 2))
    let kernel = BlockKernel(
      plan: plan, grids: EngineGrids(cells: Array(repeating: placeholder, count: cells), shifts: Array(repeating: placeholder, count: plan.targets.count)),
      blockSize: size)
    kernel.pilotShifts = plan.requiredShifts ? [] : nil
    var samples = Array(repeating: [Double](), count: cells)
    for cell in 0..<cells { samples[cell].reserveCapacity(paths) }
    var first = 0
    while first < paths {
      let n = min(size, paths - first)
      kernel.simulate(firstPath: first, count: n)
      kernel.z.withColumnMajorElements { z in
        for q in 0..<k {
          for t in 0..<h { samples[q * h + t].append(contentsOf: z[(q * h + t) * size ..< (q * h + t) * size + n]) }
        }
      }
      for q in k..<plan.quantityCount where plan.aggregateForecast[q - k] {
        for t in 0..<h {
          let o = (q - k) * h * size + t * size
          samples[q * h + t].append(contentsOf: kernel.aggregate[o ..< o + n])
        }
      }
      first += n
    }
    // An aggregate whose levels are not output (`forecast: false`) is never binned: it keeps the
    // placeholder, which is what a shard file's check expects of it.
    let grids = samples.indices.map { cell in
      cell / h >= k && !plan.aggregateForecast[cell / h - k] ? placeholder : HistogramGrid(covering: samples[cell])
    }
    // The pilot's shifts come block by block, target by target: gather each target's.
    let targets = plan.targets.count
    let shifts = kernel.pilotShifts.map { blocks in
      (0..<targets).map { index in HistogramGrid(covering: stride(from: index, to: blocks.count, by: targets).flatMap { blocks[$0] }) }
    } ?? Array(repeating: placeholder, count: targets)
    return EngineGrids(cells: grids, shifts: shifts)
  }
}
