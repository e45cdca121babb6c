import Foundation
import Logging

/// Log lines kept in memory, for tests that check what the server logged.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, line: String)] = []

    /// A trace-level logger that records here.
    func logger() -> Logger {
        var logger = Logger(label: "dossier-live") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    /// The lines logged at a level or above, each with its message and metadata.
    func lines(atLeast level: Logger.Level = .trace) -> [String] {
        lock.withLock { entries.filter { $0.level >= level }.map(\.line) }
    }

    private func append(_ level: Logger.Level, _ line: String) {
        lock.withLock { entries.append((level, line)) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }
            recorder.append(event.level, "\(event.level) \(event.message) " + all.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }
}
