import Foundation
import Synchronization

/// Results of `body(0..<count)` computed on `threads` workers.
///
/// Each index is computed by one call that depends only on the index, and lands in its own
/// slot, so the result is the same for any thread count.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
  let workers = max(1, min(threads, count))
  if workers == 1 { return (0..<count).map(body) }
  // Each worker fills its own array (indices worker, worker + workers, …) and hands it over
  // once at the end, so the lock is taken once per worker, not once per index.
  let finished = Mutex<[[T]]>(Array(repeating: [], count: workers))
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    let mine = stride(from: worker, to: count, by: workers).map(body)
    finished.withLock { $0[worker] = mine }
  }
  let perWorker = finished.withLock { $0 }
  return (0..<count).map { perWorker[$0 % workers][$0 / workers] }
}

/// The number of cores, the default worker count.
var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
