import Foundation

/// The real `dossier-server serve` on 127.0.0.1 over a temporary SQLite store, stopped by its PID.
final class TeamServer {
    /// The folder holding the store, the server's output and the laptops' replicas.
    let folder: ScratchFolder
    /// The `--store` value: `sqlite:PATH`.
    let store: String
    /// The team every user belongs to.
    let team: String
    /// Tokens by user name, as `dossier-server user add` printed them.
    private(set) var tokens: [String: String] = [:]
    /// The port the server listens on (kept across a restart).
    private(set) var port = 0
    /// The running server, if any.
    private var process: Process?
    /// How many times the server was started, to name its output files.
    private var starts = 0

    /// The base URL, `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Creates a store with `team` and `users` (name and role) through the admin commands; does not start serving.
    init(team: String = "kabul", users: [(name: String, role: String)]) throws {
        folder = try ScratchFolder("server")
        store = "sqlite:" + folder.file("server.sqlite").path
        self.team = team
        try admin(["team", "add", team])
        for user in users { try addUser(user.name, role: user.role) }
    }

    /// Adds a user with `dossier-server user add` and keeps the token it printed alone on its last stdout line.
    @discardableResult
    func addUser(_ name: String, role: String) throws -> String {
        let result = try admin(["user", "add", name, "--team", team, "--role", role])
        let token = result.lastLine
        guard token.hasPrefix("dsr_"), !token.contains(" ") else {
            throw CommandFailed(description: "no token on the last stdout line of \(result)")
        }
        tokens[name] = token
        return token
    }

    /// Starts `serve` on `port` (0 picks a free one, the default; a restart passes the old one) and waits for its first stdout line.
    func start(port requested: Int = 0) throws {
        precondition(process == nil, "the server is already running")
        starts += 1
        let out = folder.file("serve-\(starts).stdout"), err = folder.file("serve-\(starts).stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let server = Process()
        server.executableURL = Binaries.server
        server.arguments = ["serve", "--store", store, "--host", "127.0.0.1", "--port", String(requested), "--log-level", "warning"]
        server.environment = ProcessRunner.environment()
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = try FileHandle(forWritingTo: out)
        server.standardError = try FileHandle(forWritingTo: err)
        try server.run()
        process = server
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let newline = text.firstIndex(of: "\n") {
                return try adopt(firstLine: String(text[..<newline]), requested: requested)
            }
            if !server.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        throw CommandFailed(description: "dossier-server serve printed no first line (port \(requested)); stderr:\n\(log)")
    }

    /// Reads the port from "dossier-server listening on http://127.0.0.1:PORT ...".
    private func adopt(firstLine line: String, requested: Int) throws {
        let marker = "listening on http://127.0.0.1:"
        guard let range = line.range(of: marker),
              let parsed = Int(line[range.upperBound...].prefix(while: \.isNumber)), parsed > 0 else {
            stop()
            throw CommandFailed(description: "unexpected first line from dossier-server serve: \(line)")
        }
        guard requested == 0 || parsed == requested else {
            stop()
            throw CommandFailed(description: "asked for port \(requested), server says: \(line)")
        }
        port = parsed
    }

    /// Stops the server by its PID (SIGTERM) and waits until it has exited; does nothing when it is not running.
    func stop() {
        guard let server = process else { return }
        process = nil
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
    }

    /// Runs an admin subcommand on this store; fails unless it exits 0.
    @discardableResult
    func admin(_ arguments: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run(Binaries.server, arguments + ["--store", store])
        guard result.status == 0 else { throw CommandFailed(description: result.description) }
        return result
    }

    /// Initialises a new replica for `user` against this server (`dossier init`), named `name`.
    func laptop(for user: String, name: String) throws -> Laptop {
        guard let token = tokens[user] else { throw CommandFailed(description: "no user \(user) on this server") }
        let laptop = Laptop(user: user, replica: folder.file("\(name).sqlite"), home: folder.url)
        try laptop.ok("init", "--server", url, "--token", token, "--name", name)
        return laptop
    }

    /// Creates a server with `users`, starts it, runs `body`, and always stops the server afterwards, even when `body` fails.
    static func with<T>(users: [(name: String, role: String)], _ body: (TeamServer) throws -> T) throws -> T {
        let server = try TeamServer(users: users)
        defer { server.stop() }
        try server.start()
        return try body(server)
    }

    deinit { stop() }
}
