import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command started in the background: its output read as it comes, stopped or SIGKILLed by its PID at any moment, then waited for.
///
/// Spawned with posix_spawn and reaped here with waitpid, not with Foundation's `Process`: on Linux `Process` learns of an exit
/// through a socket the child inherits, and a child spawned concurrently by another test can inherit that socket too, so the
/// exit went unseen until that other child ended (a 2-second `team add` reported as "did not finish within 60 s").
public final class RunningCommand: @unchecked Sendable {
    /// The command line, for failure messages.
    public let command: String
    private let pid: pid_t
    private let capture: ScratchFolder
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments`, `input` (if any) on stdin, and its output captured in temporary files.
    public init(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:], input: Data? = nil) throws {
        capture = try ScratchFolder("run")
        command = ProcessRunner.commandLine(executable, arguments)
        var stdinPath = "/dev/null"
        if let input {
            try input.write(to: capture.file("stdin"))
            stdinPath = capture.file("stdin").path
        }
        let (output, errors) = (capture.file("stdout").path, capture.file("stderr").path)
        pid = try Spawn.run(executable.path, arguments, environment: ProcessRunner.environment(adding: extra), separation: .processGroup) {
            posix_spawn_file_actions_addopen(&$0, 0, stdinPath, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&$0, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&$0, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
    }

    /// Whether the process has not exited yet.
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// What the process has written so far.
    public func output() -> (stdout: String, stderr: String) {
        let read = { (name: String) in String(decoding: (try? Data(contentsOf: self.capture.file(name))) ?? Data(), as: UTF8.self) }
        return (read("stdout"), read("stderr"))
    }

    /// Sends SIGTERM to the process by its PID; returns false when it had already exited.
    @discardableResult
    public func terminate() -> Bool { send(SIGTERM) }

    /// Sends SIGKILL to the process by its PID; returns false when it had already exited.
    @discardableResult
    public func kill() -> Bool { send(SIGKILL) }

    // Under the lock, and only while unreaped, so the PID cannot belong to another process yet.
    private func send(_ number: Int32) -> Bool {
        lock.withLock {
            guard reapLocked(blocking: false) == nil else { return false }
            #if canImport(Glibc)
            return Glibc.kill(pid, number) == 0
            #else
            return Darwin.kill(pid, number) == 0
            #endif
        }
    }

    /// Waits for the exit (SIGKILL after `timeout` seconds, then throws) and returns what the command did.
    public func wait(timeout: TimeInterval = 60) throws -> ProcessResult {
        let deadline = Date().addingTimeInterval(timeout)
        var status = reap(blocking: false)
        while status == nil, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
            status = reap(blocking: false)
        }
        guard let status else {
            kill()
            _ = reap(blocking: true)
            throw CommandFailed(description: "`\(command)` did not finish within \(Int(timeout)) s and was killed")
        }
        return ProcessResult(command: command, status: status, stdoutData: (try? Data(contentsOf: capture.file("stdout"))) ?? Data(),
                             stderr: output().stderr)
    }

    /// The exit status (128 + signal when killed by one), reaping the child once; nil while it runs and `blocking` is false.
    private func reap(blocking: Bool) -> Int32? {
        lock.withLock { reapLocked(blocking: blocking) }
    }

    private func reapLocked(blocking: Bool) -> Int32? {
        if let exitStatus { return exitStatus }
        var raw: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &raw, blocking ? 0 : WNOHANG) } while result == -1 && errno == EINTR
        guard result == pid else { return nil }
        let signal = raw & 0x7f
        exitStatus = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    deinit {
        if kill() { _ = reap(blocking: true) }
    }
}
