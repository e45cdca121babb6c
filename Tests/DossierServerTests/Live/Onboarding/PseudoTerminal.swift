#if canImport(Glibc)
import Glibc
#endif
import DossierTestSupport
import Foundation

/// A pseudo-terminal: the test holds the master; `spawn` runs a program in a new session with the slave as its terminal.
final class PseudoTerminal: @unchecked Sendable {
    /// The master side's descriptor.
    private var master: Int32
    /// The slave side's path, /dev/pts/N.
    let slavePath: String
    private var child: pid_t = 0
    private var seen: [UInt8] = []

    /// Opens a new pseudo-terminal (/dev/ptmx, unlocked).
    init() throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw CommandFailed(description: "cannot open /dev/ptmx: errno \(errno)") }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK and TIOCGPTN (asm-generic/ioctls.h); Swift does not import these macros.
        guard ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            Glibc.close(master)
            throw CommandFailed(description: "cannot unlock the pseudo-terminal: errno \(errno)")
        }
        slavePath = "/dev/pts/\(number)"
    }

    /// Starts `executable` with `arguments` and exactly `environment` in a new session whose controlling terminal is the slave.
    func spawn(_ executable: URL, _ arguments: [String], environment: [String: String]) throws {
        let slavePath = slavePath
        child = try Spawn.run(executable.path, arguments, environment: environment, separation: .session) {
            // Opened after setsid() in the child, without O_NOCTTY: the terminal becomes the session's controlling terminal.
            posix_spawn_file_actions_addopen(&$0, 0, slavePath, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&$0, 0, 1)
            posix_spawn_file_actions_adddup2(&$0, 0, 2)
        }
    }

    /// Reads the terminal until `text` has appeared or `timeout` seconds passed; returns all read so far.
    @discardableResult
    func read(until text: String, timeout: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while !transcript.contains(text), Date() < deadline { readAvailable(waiting: min(0.1, max(0, deadline.timeIntervalSinceNow))) }
        return transcript
    }

    /// Reads whatever the program writes for `seconds`; returns all read so far.
    @discardableResult
    func read(for seconds: TimeInterval) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { readAvailable(waiting: min(0.1, max(0, deadline.timeIntervalSinceNow))) }
        return transcript
    }

    /// Everything the program wrote to the terminal so far (and anything the terminal echoed).
    var transcript: String { String(decoding: seen, as: UTF8.self) }

    /// Types `text` at the terminal.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Whether the program has not exited yet.
    var isRunning: Bool {
        guard child > 0 else { return false }
        var status: Int32 = 0
        if waitpid(child, &status, WNOHANG) == child {
            child = 0
            return false
        }
        return true
    }

    /// Kills the program with SIGKILL by its PID and reaps it; then closes the master side.
    func stop() {
        if child > 0 {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            child = 0
        }
        if master >= 0 { Glibc.close(master) }
        master = -1
    }

    deinit { stop() }

    private func readAvailable(waiting seconds: TimeInterval) {
        var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(seconds * 1000)) == 1 else { return }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = Glibc.read(master, &buffer, buffer.count)
        if count > 0 { seen += buffer[0..<count] } else { Thread.sleep(forTimeInterval: seconds) }
    }
}
