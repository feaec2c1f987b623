/// How to run a simulation. Results never depend on `threads`: paths are cut into fixed blocks,
/// each path draws from its own random stream, and block summaries merge in block order.
public struct SimulationOptions: Sendable, Equatable {
  /// Worker threads; `nil` uses every core.
  public var threads: Int?
  /// Paths per block: the unit of parallel work and of merging.
  public var blockSize: Int
  /// Probabilities reported as quantiles of every series and year.
  public var quantileLevels: [Double]
  /// Upper bound on stored path values (paths × series × years) for exact quantiles.
  public var exactQuantileBudget: Int
  /// Called from worker threads after each block of paths with (paths done, paths to do) of
  /// the current pass; for progress bars. Never changes results.
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init(
    threads: Int? = nil, blockSize: Int = 256,
    quantileLevels: [Double] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95],
    exactQuantileBudget: Int = 64 * 1024 * 1024, progress: (@Sendable (Int, Int) -> Void)? = nil
  ) {
    self.progress = progress
    self.threads = threads
    self.blockSize = blockSize
    self.quantileLevels = quantileLevels
    self.exactQuantileBudget = exactQuantileBudget
  }

  /// The block size the engine uses: `blockSize` made even (antithetic pairs never straddle
  /// two blocks), at least 2 and at most 32 768 (a block's counts must fit the kernel's 16-bit
  /// thread-local histograms).
  var effectiveBlockSize: Int { min(max(2, blockSize + blockSize % 2), SimulationOptions.maximumBlockSize) }

  /// Largest block: 16-bit thread-local histogram counts must not overflow within one block.
  static let maximumBlockSize = 32_768

  /// Options are equal when they give the same results; the progress callback is ignored.
  public static func == (a: SimulationOptions, b: SimulationOptions) -> Bool {
    a.threads == b.threads && a.blockSize == b.blockSize && a.quantileLevels == b.quantileLevels
      && a.exactQuantileBudget == b.exactQuantileBudget
  }
}
