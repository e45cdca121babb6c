import Foundation

/// What a finished process returned and printed.
struct ProcessResult: Sendable, CustomStringConvertible {
    /// The command line that ran, for failure messages.
    let command: String
    /// The exit status.
    let status: Int32
    /// Everything written to standard output, as bytes.
    let stdoutData: Data
    /// Everything written to standard error.
    let stderr: String

    /// Standard output as text.
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// The lines of standard output, without empty ones.
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
    /// The lines of standard error, without empty ones.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    /// The last non-empty line of standard output.
    var lastLine: String { stdoutLines.last ?? "" }

    /// The command, its status and its output, for an issue's message.
    var description: String {
        "`\(command)` exited \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)"
    }
}

/// A command that did not do what the test needed.
struct CommandFailed: Error, CustomStringConvertible {
    /// What went wrong, with the command's output.
    let description: String
}

/// Runs programs to the end (as `RunningCommand`s, output captured in files so no pipe can fill up and block the child).
enum ProcessRunner {
    /// The environment every child gets: the test's own, without Dossier settings or proxies that could leak in.
    static func environment(adding extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["DOSSIER_REPLICA", "DOSSIER_STORE", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                     "ALL_PROXY", "all_proxy", "SOCKS_PROXY", "socks_proxy"] {
            environment[name] = nil
        }
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        return environment.merging(extra) { _, new in new }
    }

    /// Runs `executable` with `arguments` and waits for it (killing it after `timeout` seconds).
    static func run(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> ProcessResult {
        try RunningCommand(executable, arguments, environment: extra).wait(timeout: timeout)
    }

    /// A command line as a shell would need it quoted, for readable messages.
    static func commandLine(_ executable: URL, _ arguments: [String]) -> String {
        ([executable.lastPathComponent] + arguments).map(quoted).joined(separator: " ")
    }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ? "'\(argument)'" : argument
    }
}

/// Where the real executables are: beside the test bundle, else `<repo>/.build/debug`.
enum Binaries {
    /// The folder holding `dossier` and `dossier-server`.
    static let folder: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: bundle.appendingPathComponent("dossier").path) { return bundle }
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent(".build/debug")
    }()

    /// The field client.
    static var dossier: URL { folder.appendingPathComponent("dossier") }
    /// The team server.
    static var server: URL { folder.appendingPathComponent("dossier-server") }
}

/// A temporary folder for one test's files, removed when the last reference goes.
final class ScratchFolder: @unchecked Sendable {
    /// The folder.
    let url: URL

    /// Creates a new empty folder whose name starts with `label`.
    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-e2e-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
