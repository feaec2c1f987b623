import Foundation

/// Results of `body(0..<count)` computed on `threads` workers.
///
/// Each index is computed by one call that depends only on the index, and lands in its own
/// slot, so the result is the same for any thread count.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
  let workers = max(1, min(threads, count))
  if workers == 1 { return (0..<count).map(body) }
  let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
  slots.initialize(repeating: nil)
  defer { slots.deinitialize(); slots.deallocate() }
  let box = SlotBox(slots: slots)
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    for i in stride(from: worker, to: count, by: workers) { box.slots[i] = body(i) }
  }
  return slots.map { $0! }
}

/// Lets the workers write disjoint slots of one buffer.
private struct SlotBox<T>: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<T?>
}

/// The number of cores, the default worker count.
var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
