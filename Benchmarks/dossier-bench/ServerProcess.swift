import Foundation

/// A `dossier-server` in a process of its own on loopback, set up with one team and the bench's users.
final class ServerProcess {
    /// The server's base URL.
    let url: String
    /// Tokens by user name.
    let tokens: [String: String]
    /// The process.
    let process: Process

    /// The server's pid, for its peak RSS.
    var pid: Int32 { process.processIdentifier }

    private init(url: String, tokens: [String: String], process: Process) {
        self.url = url
        self.tokens = tokens
        self.process = process
    }

    /// Adds team `bench` and users to the store, then starts `serve --port 0` and waits for its port.
    static func start(binary: String, store: String, users: [String]) throws -> ServerProcess {
        _ = try run(binary, ["team", "add", "bench", "--store", store])
        var tokens: [String: String] = [:]
        for user in users {
            let output = try run(binary, ["user", "add", user, "--team", "bench", "--role", "editor", "--store", store])
            guard let token = output.split(separator: "\n").last.map(String.init) else { throw BenchError("no token for \(user)") }
            tokens[user] = token
        }
        return try attach(binary: binary, store: store, tokens: tokens)
    }

    /// Starts `serve --port 0` on a store already set up (a second server on the same PostgreSQL database) and waits
    /// for its port.
    static func attach(binary: String, store: String, tokens: [String: String]) throws -> ServerProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--store", store, "--port", "0", "--log-level", "warning"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var text = ""
        let handle = out.fileHandleForReading
        while !text.contains("\n") {
            let data = handle.availableData
            guard !data.isEmpty else { throw BenchError("dossier-server exited before listening") }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else {
            process.terminate()
            throw BenchError("unexpected first line from dossier-server: \(text)")
        }
        return ServerProcess(url: String(text[range]), tokens: tokens, process: process)
    }

    /// Stops the server (SIGTERM to its pid) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The server's CPU time so far (user + system), in seconds.
    func cpuSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Runs a command to completion and returns its stdout; fails on a non-zero exit.
    static func run(_ binary: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("\(binary) \(arguments.prefix(2).joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A bench failure with its reason.
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String
    /// A failure with its reason.
    init(_ description: String) { self.description = description }
}
