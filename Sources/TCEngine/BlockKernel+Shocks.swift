import TCLinearAlgebra
import TCRandom

// The block's random inputs: standard normals per path, year-to-date base draws, and the
// correlation applied to all of them at once.
extension BlockKernel {
  /// Fills `z` with the block's standard normals, each path's from its own stream.
  func fillShocks(firstPath: Int, count n: Int) {
    let k = plan.seriesCount, h = plan.horizon, b = blockSize
    let m = k * h
    let seed = plan.seed
    // Antithetic pairs (2i, 2i+1): the odd path takes the even path's normals negated, so the
    // four lanes draw the even paths of eight consecutive paths.
    let antithetic = plan.antithetic
    var normals = self.normals
    self.normals = []  // `normals` is now the only reference: no copy on write below
    z.withColumnMajorElements { elements in
      var zs = elements.mutableSpan
      var buffer = normals.mutableSpan
      var j = 0
      if !antithetic {
        // Straight into the block: series s of year t of path j sits at s·(H·B) + t·B + j.
        let layout = PathNormals.Layout(groups: h, perGroup: k, groupStride: b, memberStride: h * b)
        while j < n {
          let first = UInt64(firstPath + j)
          PathNormals.fill(
            seed: seed, paths: SIMD4(first, first &+ 1, first &+ 2, first &+ 3), layout: layout,
            lanes: Swift.min(4, n - j), into: &zs, at: j)
          j += 4
        }
        return
      }
      while j < n {
        let first = UInt64(firstPath + j)
        let paths = SIMD4(first, first &+ 2, first &+ 4, first &+ 6)
        PathNormals.fill(seed: seed, paths: paths, count: m, into: &buffer)
        let lanes = Swift.min(4, (n - j + 1) / 2)
        for t in 0..<h {
          for s in 0..<k {
            let i = 4 * (t * k + s)
            let row = s * h * b + t * b + j
            for l in 0..<lanes {
              let v = buffer[i + l]
              zs[row + 2 * l] = v
              if j + 2 * l + 1 < n { zs[row + 2 * l + 1] = -v }
            }
          }
        }
        j += 8
      }
    }
    self.normals = normals
  }

  /// Base-year log-levels: the fixed base, or for a year-to-date series a draw from its own
  /// stream `streamID(ytdPurpose, key, path)`, the same in any block, thread or shard.
  func drawBases(firstPath: Int, count n: Int) {
    guard !baseLogs.isEmpty else { return }
    let b = blockSize
    for s in 0..<plan.seriesCount { for j in 0..<n { baseLogs[s * b + j] = plan.logBases[s] } }
    for draw in plan.baseDraws {
      for j in 0..<n {
        var stream = RandomStream(seed: plan.seed, stream: streamID(BlockKernel.ytdPurpose, draw.key, UInt64(firstPath + j)))
        baseLogs[draw.series * b + j] = Swift.max(draw.logFloor, draw.logLevel.sample(&stream))
      }
    }
  }

  /// Stream purpose of the base-year draws of year-to-date series.
  static let ytdPurpose: UInt64 = 0x7D7_BA5E

  /// Base-year log-level of series `s` on the block's path `j`.
  @inline(__always) func baseLog(_ s: Int, _ j: Int) -> Double {
    baseLogs.isEmpty ? plan.logBases[s] : baseLogs[s * blockSize + j]
  }

  /// Z ← Z·Lᵀ: one BLAS call correlates every (year, path) shock vector of the block.
  func correlate() {
    guard let factor = plan.correlationFactor else { return }
    if plan.factorIsLowerTriangular {
      // Shapes are fixed at init (K×K factor, K columns), so this cannot throw.
      try! BLAS.multiplyRowsByLowerTransposed(factor, &z)
    } else {
      try! BLAS.gemm(.none, .transpose, z, factor, &scratch)
      swap(&z, &scratch)
    }
  }

  /// Mean correlated shock of series `s` over the years, per path (a sensitivity input).
  func seriesInput(_ s: Int, n: Int) -> [Double] {
    let h = plan.horizon, b = blockSize
    var out = Array(repeating: 0.0, count: n)
    for t in 0..<h { for j in 0..<n { out[j] += z[t * b + j, s] / Double(h) } }
    return out
  }
}
