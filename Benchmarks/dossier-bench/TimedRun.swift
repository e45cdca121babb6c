import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of a command timed from spawn to exit, as a shell would time it: posix_spawn and a blocking waitpid, stdout to
/// a file, stderr to /dev/null. (Foundation's `Process` waits for an exit in steps of up to 50 ms, which it would add.)
enum TimedRun {
    /// Runs `binary` with `arguments`, its stdout written to `output`; returns the wall time in ms, or throws on a failed exit.
    static func milliseconds(_ binary: String, _ arguments: [String], output: String) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let failed = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard failed == 0 else { throw BenchError("cannot start \(binary): \(String(cString: strerror(failed)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let elapsed = (ContinuousClock.now - start).seconds * 1000
        guard status == 0 else { throw BenchError("\(binary) \(arguments.prefix(2).joined(separator: " ")) failed (status \(status))") }
        return elapsed
    }
}
