import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// posix_spawn for the tests' children: an empty signal mask, no descriptor of the test process beyond those `files` sets up.
public enum Spawn {
    /// How the child is set apart from the test process: its own process group, or its own session (for a terminal).
    public enum Separation: Sendable {
        case processGroup, session
    }

    /// Starts `path` with `arguments` (argv[1...]) and exactly `environment`; `files` opens or duplicates the child's 0, 1 and 2.
    public static func run(_ path: String, _ arguments: [String], environment: [String: String], separation: Separation,
                           files: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        files(&actions)
        _ = closeFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        let setSession: Int32 = 0x80 // POSIX_SPAWN_SETSID (glibc 2.26+), not imported into Swift
        posix_spawnattr_setpgroup(&attributes, 0)
        let separate = separation == .session ? setSession : POSIX_SPAWN_SETPGROUP
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | separate))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let failed = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard failed == 0 else { throw CommandFailed(description: "cannot start \(path): \(String(cString: strerror(failed)))") }
        return pid
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift does not import; nil where it is missing.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()
}
