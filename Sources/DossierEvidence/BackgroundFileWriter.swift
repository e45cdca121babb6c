import Foundation

/// Writes pieces to a file in order on a thread of its own, at most two pieces ahead of the caller; the first failure is
/// thrown by the next call.
public final class BackgroundFileWriter: @unchecked Sendable {
    private let output: FileHandle
    private let queue = DispatchQueue(label: "dossier.evidence.writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var failure: (any Error)?

    /// A writer to `output`, which it closes.
    public init(_ output: FileHandle) { self.output = output }

    /// Queues a piece; throws an earlier write's failure.
    public func write(_ piece: Data) throws {
        try check()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do {
                let start = try output.offset()
                try output.write(contentsOf: piece)
                // The disk starts on this piece now, so the final sync has little left to wait for.
                Writeback.start(output.fileDescriptor, offset: Int64(start), length: Int64(piece.count))
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for every piece, then syncs the file to disk.
    public func finish() throws {
        queue.sync {}
        try check()
        try output.synchronize()
    }

    /// Waits for queued pieces and closes the file.
    public func close() {
        queue.sync {}
        try? output.close()
    }

    private func check() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
