import Foundation

/// Work on many items split over the cores: consecutive ranges of the indices, one per core, run at once.
public enum SplitOverCores {
    /// Calls `body` with ranges that together cover `0..<count`, on several threads at once; returns when all are done.
    public static func forEachRange(of count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let parts = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let size = max((count + parts - 1) / parts, 1)
        DispatchQueue.concurrentPerform(iterations: (count + size - 1) / size) { part in
            body(part * size..<min((part + 1) * size, count))
        }
    }
}
