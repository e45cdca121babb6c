import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command started in the background: its output read as it comes, stopped or SIGKILLed by its PID at any moment, then waited for.
public final class RunningCommand: @unchecked Sendable {
    /// The command line, for failure messages.
    public let command: String
    private let process = Process()
    private let finished = DispatchSemaphore(value: 0)
    private let capture: ScratchFolder
    private let out: FileHandle, err: FileHandle

    /// Starts `executable` with `arguments`, `input` (if any) on stdin, and its output captured in temporary files.
    public init(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:], input: Data? = nil) throws {
        capture = try ScratchFolder("run")
        for name in ["stdout", "stderr"] { _ = FileManager.default.createFile(atPath: capture.file(name).path, contents: nil) }
        out = try FileHandle(forWritingTo: capture.file("stdout"))
        err = try FileHandle(forWritingTo: capture.file("stderr"))
        command = ProcessRunner.commandLine(executable, arguments)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessRunner.environment(adding: extra)
        if let input {
            try input.write(to: capture.file("stdin"))
            process.standardInput = try FileHandle(forReadingFrom: capture.file("stdin"))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = out
        process.standardError = err
        let finished = finished
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
    }

    /// Whether the process has not exited yet.
    public var isRunning: Bool { process.isRunning }

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

    private func send(_ number: Int32) -> Bool {
        guard process.isRunning else { return false }
        #if canImport(Glibc)
        return Glibc.kill(process.processIdentifier, number) == 0
        #else
        return Darwin.kill(process.processIdentifier, number) == 0
        #endif
    }

    /// Waits for the exit (SIGKILL after `timeout` seconds, then throws) and returns what the command did.
    public func wait(timeout: TimeInterval = 60) throws -> ProcessResult {
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill()
            process.waitUntilExit()
            throw CommandFailed(description: "`\(command)` did not finish within \(Int(timeout)) s and was killed")
        }
        finished.signal() // a later wait returns at once
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(command: command, status: status, stdoutData: (try? Data(contentsOf: capture.file("stdout"))) ?? Data(),
                             stderr: output().stderr)
    }

    deinit {
        if process.isRunning {
            kill()
            process.waitUntilExit()
        }
    }
}
