import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command started in the background, which the test can SIGKILL by its PID at any moment and then wait for.
final class RunningCommand: @unchecked Sendable {
    /// The command line, for failure messages.
    let command: String
    private let process = Process()
    private let finished = DispatchSemaphore(value: 0)
    private let outURL: URL, errURL: URL
    private let out: FileHandle, err: FileHandle

    /// Starts `executable` with `arguments`, output captured in temporary files.
    init(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:]) throws {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-e2e-bg-\(UUID().uuidString)")
        outURL = capture.appendingPathExtension("stdout")
        errURL = capture.appendingPathExtension("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        out = try FileHandle(forWritingTo: outURL)
        err = try FileHandle(forWritingTo: errURL)
        command = ProcessRunner.commandLine(executable, arguments)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessRunner.environment(adding: extra)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = finished
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
    }

    /// Whether the process has not exited yet.
    var isRunning: Bool { process.isRunning }

    /// Sends SIGKILL to the process by its PID; returns false when it had already exited.
    @discardableResult
    func kill() -> Bool {
        guard process.isRunning else { return false }
        return sigkill(process.processIdentifier)
    }

    /// Waits for the exit (SIGKILL after `timeout` seconds, then throws) and returns what the command did.
    /// A process killed by a signal has `status` 128 + the signal's number, as a shell reports it.
    func wait(timeout: TimeInterval = 60) throws -> ProcessResult {
        defer {
            try? out.close()
            try? err.close()
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill()
            process.waitUntilExit()
            throw CommandFailed(description: "`\(command)` did not finish within \(Int(timeout)) s and was killed")
        }
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(command: command, status: status, stdoutData: (try? Data(contentsOf: outURL)) ?? Data(),
                             stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    deinit {
        if process.isRunning {
            kill()
            process.waitUntilExit()
        }
    }
}

/// Sends SIGKILL to `pid`; true when the signal was sent.
func sigkill(_ pid: pid_t) -> Bool {
    #if canImport(Glibc)
    Glibc.kill(pid, SIGKILL) == 0
    #else
    Darwin.kill(pid, SIGKILL) == 0
    #endif
}

extension Laptop {
    /// Starts `dossier ARGUMENTS --replica PATH` in the background.
    func start(_ arguments: [String]) throws -> RunningCommand {
        try RunningCommand(Binaries.dossier, arguments + ["--replica", replica.path], environment: ["HOME": home.path])
    }
}

extension TeamServer {
    /// The store's SQLite file (the `--store` value without `sqlite:`).
    var storePath: String { String(store.dropFirst("sqlite:".count)) }

    /// The PID of this server's `serve` process: the child of this test process whose command line names this store (Linux: /proc).
    var servePID: pid_t? {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), pid != me,
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // "pid (name) state ppid ...": the fields after the name's closing parenthesis.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == me,
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let arguments = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.contains("serve"), arguments.contains(store) { return pid }
        }
        return nil
    }

    /// Kills the running server with SIGKILL by its PID (no shutdown of any kind) and reaps it; throws when none runs.
    func killHard() throws {
        guard let pid = servePID else { throw CommandFailed(description: "no running dossier-server serve for \(store)") }
        guard sigkill(pid) else { throw CommandFailed(description: "kill -9 \(pid) failed: errno \(errno)") }
        stop() // the process is gone: this only reaps it and forgets it
    }

    /// How many changes the server's log holds, and how many distinct change ids, read from the store file itself.
    func logCounts() throws -> (total: Int, distinct: Int) {
        let row = try SQLiteFile.query(storePath, "SELECT COUNT(*), COUNT(DISTINCT change_id) FROM changes").first ?? []
        guard row.count == 2, let total = row[0].flatMap({ Int($0) }), let distinct = row[1].flatMap({ Int($0) }) else {
            throw CommandFailed(description: "cannot count the changes in \(storePath): \(row)")
        }
        return (total, distinct)
    }
}
