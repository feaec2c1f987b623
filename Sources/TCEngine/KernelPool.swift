import Synchronization

/// Shared between the worker threads of one `simulate` call.
final class WorkQueue: Sendable {
  let next: Atomic<Int>
  /// Paths finished, for progress reports.
  let done = Atomic<Int>(0)
  init(start: Int) { next = Atomic(start) }
}

/// The worker threads' kernels of one run, kept between `simulate` calls (the rounds of
/// `paths: auto`) so that each round reuses their histograms instead of allocating and zeroing
/// new ones. A kernel is used by one thread at a time: taken out under the lock, put back after.
final class KernelPool: Sendable {
  private let kernels = Mutex<[BlockKernel]>([])

  func take() -> BlockKernel? { kernels.withLock { $0.popLast() } }
  func put(_ kernel: BlockKernel) { kernels.withLock { $0.append(kernel) } }

  /// Everything the kernels have added up (flushes them first). States merge by integer
  /// addition, so the order of the kernels does not matter.
  func total(_ prepared: Engine.Prepared) -> SimulationState {
    var total = Engine.emptyState(prepared)
    kernels.withLock { list in
      for kernel in list {
        kernel.flush()
        total.merge(kernel.state)
      }
    }
    return total
  }

  /// Only the target counts of ``total(_:)`` (what the stopping rule reads), without the
  /// level histograms.
  func targetCounts(_ prepared: Engine.Prepared) -> SimulationState {
    var total = SimulationState(cells: 0, bins: 0, targets: prepared.plan.targets.count, horizon: prepared.plan.horizon,
      memberCounts: prepared.plan.memberCountSize)
    kernels.withLock { list in
      for kernel in list { total.mergeTargetCounts(kernel.state) }
    }
    return total
  }
}
