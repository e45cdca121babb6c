import Foundation

/// What a finished process returned and printed.
public struct ProcessResult: Sendable, CustomStringConvertible {
    /// The command line that ran, for failure messages.
    public let command: String
    /// The exit status (128 + the signal's number when a signal ended it, as a shell reports it).
    public let status: Int32
    /// Everything written to standard output, as bytes.
    public let stdoutData: Data
    /// Everything written to standard error.
    public let stderr: String

    /// Standard output as text.
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// The lines of standard output, without empty ones.
    public var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    /// The lines of standard error, without empty ones.
    public var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    /// The last non-empty line of standard output.
    public var lastLine: String { stdoutLines.last ?? "" }

    /// The command, its status and its output, for an issue's message.
    public var description: String {
        "`\(command)` exited \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
    }
}

/// A command that did not do what the test needed.
public struct CommandFailed: Error, CustomStringConvertible {
    /// What went wrong, with the command's output.
    public let description: String

    /// A failure saying `description`.
    public init(description: String) { self.description = description }
}
