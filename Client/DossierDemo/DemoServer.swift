import DossierCore
import DossierServer
import Foundation
import Hummingbird
import Logging

/// The demo's team server: in this process, on a temporary SQLite store, on a free loopback port.
struct DemoServer {
    /// The store, read directly for the convergence proof.
    let store: SQLiteStore
    /// Where it listens.
    let url: String
    /// Tokens by user name.
    let tokens: [String: String]
    let task: Task<Void, any Error>

    /// Starts the server with one team and the given editors.
    static func start(folder: URL, team: String, users: [String]) async throws -> DemoServer {
        let store = try SQLiteStore(path: folder.appendingPathComponent("server.sqlite").path)
        try await store.migrate()
        _ = try await store.addTeam(named: team)
        var tokens: [String: String] = [:]
        for user in users {
            let token = AccessToken.generate()
            _ = try await store.addUser(named: user, team: team, role: .editor, credential: token.stored)
            tokens[user] = token.description
        }
        var settings = ServerSettings()
        settings.port = 0
        var logger = Logger(label: "dossier-demo-server")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(store: store, settings: settings, logger: logger) { port in continuation.yield(port) }
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw DemoFailure(message: "the embedded server did not start") }
        return DemoServer(store: store, url: "http://127.0.0.1:\(port)", tokens: tokens, task: task)
    }

    /// The server's materialised state, as a dataset.
    func dataset() async throws -> Dataset {
        var dataset = Dataset()
        var after: String?
        repeat {
            let page = try await store.snapshot(team: 1, after: after, limit: 1_000)
            for record in try page.records { dataset.insert(record) }
            after = page.nextAfter
        } while after != nil
        return dataset
    }

    /// The server's identity public key (`ed25519:…`), which signs its checkpoints.
    func publicKey() async throws -> String {
        try await store.identity().publicKey.description
    }

    /// Waits until the server stops (on SIGTERM or SIGINT, which its service group handles).
    func untilStopped() async {
        _ = try? await task.value
    }

    /// Stops the server.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// Runs blocking work (libcurl, SQLite) on a thread outside Swift's cooperative pool, so the
/// in-process server keeps answering on a two-core machine.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// A wall clock shared by the demo's laptops: real time, but strictly increasing, so "later" is unambiguous.
final class DemoClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last = systemWallClock()

    /// The next millisecond.
    func now() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        last = max(last + 1, systemWallClock())
        return last
    }
}
