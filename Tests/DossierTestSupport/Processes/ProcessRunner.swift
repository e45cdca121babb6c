import Foundation

/// Runs programs to the end (as `RunningCommand`s, output captured in files so no pipe can fill up and block the child).
public enum ProcessRunner {
    /// The environment every child gets: the test's own, without Dossier settings or proxies that could leak in.
    public static func environment(adding extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["DOSSIER_REPLICA", "DOSSIER_STORE", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                     "ALL_PROXY", "all_proxy", "SOCKS_PROXY", "socks_proxy"] {
            environment[name] = nil
        }
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        environment["no_proxy"] = "127.0.0.1,localhost"
        return environment.merging(extra) { _, new in new }
    }

    /// Runs `executable` with `arguments` (and `input` on stdin) and waits for it, killing it after `timeout` seconds.
    public static func run(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:],
                           input: Data? = nil, timeout: TimeInterval = 60) throws -> ProcessResult {
        try RunningCommand(executable, arguments, environment: extra, input: input).wait(timeout: timeout)
    }

    /// A command line as a shell would need it quoted, for readable messages.
    public static func commandLine(_ executable: URL, _ arguments: [String]) -> String {
        ([executable.lastPathComponent] + arguments).map(quoted).joined(separator: " ")
    }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ? "'\(argument)'" : argument
    }
}
