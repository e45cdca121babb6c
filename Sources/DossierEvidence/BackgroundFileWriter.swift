import Foundation

/// Writes pieces to a file in order on a thread of its own (through a `DirectAppender`), at most two pieces ahead of
/// the caller; the first failure is thrown by the next call.
public final class BackgroundFileWriter: @unchecked Sendable {
    private let output: FileHandle
    private let appender: DirectAppender
    private let queue = DispatchQueue(label: "dossier.evidence.writer")
    private let slots = DispatchSemaphore(value: 2)
    private let lock = NSLock()
    private var failure: (any Error)?

    /// A writer to `output` from its current offset; it closes `output`.
    public init(_ output: FileHandle) throws {
        self.output = output
        appender = DirectAppender(fd: output.fileDescriptor, offset: Int64(try output.offset()))
    }

    /// Queues a piece; throws an earlier write's failure.
    public func write(_ piece: Data) throws {
        try check()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard lock.withLock({ failure == nil }) else { return }
            do {
                try piece.withUnsafeBytes { try appender.append($0) }
            } catch {
                lock.withLock { failure = error }
            }
        }
    }

    /// Waits for every piece, then syncs the file to disk.
    public func finish() throws {
        try queue.sync {
            try check()
            try appender.finish()
        }
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
