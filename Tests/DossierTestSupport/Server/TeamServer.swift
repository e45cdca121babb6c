import Foundation

/// The real `dossier-server serve` on 127.0.0.1 over a store of its own, set up by the admin commands, stopped by its PID.
public final class TeamServer: @unchecked Sendable {
    /// The folder holding the SQLite store and anything else a test keeps beside it (the laptops' replicas).
    public let folder: ScratchFolder
    /// The `--store` value: `sqlite:PATH` in `folder`, or the store given.
    public let store: String
    private let lock = NSLock()
    private var state = State()

    private struct State {
        var tokens: [String: String] = [:]
        var port = 0
        var scheme = "http"
        var running: RunningCommand?
        var last: RunningCommand?
    }

    /// Tokens by user name, as `dossier-server user add` printed them.
    public var tokens: [String: String] { lock.withLock { state.tokens } }
    /// The port the server listens on (kept across a restart).
    public var port: Int { lock.withLock { state.port } }
    /// The base URL, `http://127.0.0.1:PORT` (`https://` when it serves TLS).
    public var url: String { lock.withLock { "\(state.scheme)://127.0.0.1:\(state.port)" } }

    /// A server over `store` (a `--store` value), else over a new SQLite file in its folder; nothing is added or started.
    public init(store: String? = nil) throws {
        folder = try ScratchFolder("server")
        self.store = store ?? "sqlite:" + folder.file("server.sqlite").path
    }

    /// A server over a new SQLite file holding `team` and `users` (name and role), added with the admin commands; not started.
    public convenience init(team: String = "kabul", users: [(name: String, role: String)]) throws {
        try self.init()
        try addTeam(team)
        for user in users { try addUser(user.name, team: team, role: user.role) }
    }

    /// Runs an admin subcommand on this store; fails unless it exits 0.
    @discardableResult
    public func admin(_ arguments: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run(Binaries.server, arguments + ["--store", store])
        guard result.status == 0 else { throw CommandFailed(description: result.description) }
        return result
    }

    /// Adds a team with `dossier-server team add`.
    public func addTeam(_ name: String) throws {
        try admin(["team", "add", name])
    }

    /// Adds a user with `dossier-server user add` and keeps the token it printed alone on its last stdout line.
    @discardableResult
    public func addUser(_ name: String, team: String, role: String) throws -> String {
        let result = try admin(["user", "add", name, "--team", team, "--role", role])
        let token = result.lastLine
        guard token.hasPrefix("dsr_"), !token.contains(" ") else {
            throw CommandFailed(description: "no token on the last stdout line of \(result)")
        }
        lock.withLock { state.tokens[name] = token }
        return token
    }

    /// Starts `serve` on `port` (0 picks a free one; a restart passes the old one), with TLS if asked, and waits until it listens.
    /// `options` are more `serve` options; `fileSizeLimit` (in 512-byte blocks, `ulimit -f`) makes every file the server
    /// writes stop growing there, as a full disk would.
    public func start(port requested: Int = 0, logLevel: String = "warning", tls: (certificate: String, key: String)? = nil,
                      options: [String] = [], fileSizeLimit: Int? = nil) throws {
        precondition(lock.withLock { state.running == nil }, "the server is already running")
        var arguments = ["serve", "--store", store, "--host", "127.0.0.1", "--port", String(requested), "--log-level", logLevel] + options
        if let tls { arguments += ["--tls-cert", tls.certificate, "--tls-key", tls.key] }
        let serve = if let fileSizeLimit {
            // sh execs the server, so the PID stopped later is the server's own.
            try RunningCommand(URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -f \(fileSizeLimit) && exec \"$0\" \"$@\"", Binaries.server.path] + arguments)
        } else {
            try RunningCommand(Binaries.server, arguments)
        }
        lock.withLock { (state.running, state.last) = (serve, serve) }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let lines = serve.output().stdout.split(separator: "\n")
            if let line = lines.first(where: { $0.hasPrefix(Self.listening) }) { return try adopt(String(line), requested: requested) }
            if !serve.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let printed = log()
        stop()
        throw CommandFailed(description: "dossier-server serve did not say where it listens (port \(requested)); it printed:\n\(printed)")
    }

    private static let listening = "dossier-server listening on "

    /// Reads the scheme and port from "dossier-server listening on SCHEME://127.0.0.1:PORT (store: …)".
    private func adopt(_ line: String, requested: Int) throws {
        let address = line.dropFirst(Self.listening.count).prefix { $0 != " " }
        guard address.hasPrefix("http"), let colon = address.lastIndex(of: ":"),
              let parsed = Int(address[address.index(after: colon)...]), parsed > 0, requested == 0 || parsed == requested else {
            stop()
            throw CommandFailed(description: "asked for port \(requested), dossier-server serve says: \(line)")
        }
        lock.withLock { (state.port, state.scheme) = (parsed, address.hasPrefix("https:") ? "https" : "http") }
    }

    /// Everything the last `serve` printed so far (stdout, then stderr, where it logs), also once it has stopped.
    public func log() -> String {
        guard let serve = lock.withLock({ state.last }) else { return "" }
        let output = serve.output()
        return output.stdout + output.stderr
    }

    /// Stops the server by its PID (SIGTERM) and waits until it has exited; does nothing when it is not running.
    public func stop() {
        guard let serve = takeRunning() else { return }
        serve.terminate()
        _ = try? serve.wait(timeout: 30)
    }

    /// Kills the server with SIGKILL by its PID (no shutdown of any kind) and reaps it; throws when none runs.
    public func killHard() throws {
        guard let serve = takeRunning(), serve.kill() else {
            throw CommandFailed(description: "no running dossier-server serve for \(store)")
        }
        _ = try? serve.wait()
    }

    /// The running `serve`, forgotten: whoever takes it stops it.
    private func takeRunning() -> RunningCommand? {
        lock.withLock {
            defer { state.running = nil }
            return state.running
        }
    }

    /// Creates a server with team kabul and `users`, starts it, runs `body`, and always stops the server afterwards.
    public static func with<T>(users: [(name: String, role: String)], _ body: (TeamServer) throws -> T) throws -> T {
        let server = try TeamServer(users: users)
        defer { server.stop() }
        try server.start()
        return try body(server)
    }

    /// `with(users:_:)` for an async body, set up off the concurrency pool; TLS when `tls` names a certificate and key.
    public static func with<T>(users: [(name: String, role: String)], tls: (certificate: String, key: String)? = nil,
                               _ body: (TeamServer) async throws -> T) async throws -> T {
        let server = try await offPool {
            let server = try TeamServer(users: users)
            try server.start(tls: tls)
            return server
        }
        defer { server.stop() }
        return try await body(server)
    }

    deinit { stop() }
}
