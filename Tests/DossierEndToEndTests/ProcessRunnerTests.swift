import DossierTestSupport
import Foundation
import Testing

/// The tests' one process runner: stdin in, stdout and stderr apart, the exit status, the environment, the timeout.
@Suite struct ProcessRunnerTests {
    @Test func inputGoesToStdinAndStdoutStderrAndStatusComeBackApart() throws {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cat; echo refused >&2; exit 3"],
                                           input: Data("Kabul airport\n".utf8))
        #expect(result.status == 3)
        #expect(result.stdout == "Kabul airport\n")
        #expect(result.stderr == "refused\n")
    }

    @Test func childrenGetTheGivenVariablesAndNoProxyForLoopback() throws {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"), [], environment: ["DOSSIER_TEST_MARK": "amina"])
        #expect(result.stdoutLines.contains("DOSSIER_TEST_MARK=amina"))
        #expect(result.stdoutLines.contains("NO_PROXY=127.0.0.1,localhost"))
    }

    @Test func aCommandPastItsTimeoutIsKilledAndReported() throws {
        let started = Date()
        #expect(throws: CommandFailed.self) { try ProcessRunner.run(URL(fileURLWithPath: "/bin/sleep"), ["30"], timeout: 0.5) }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// A descriptor the test process holds (here a pipe's ends) never reaches a child, so no child can hold another's pipe open.
    @Test func aChildInheritsOnlyStdinStdoutAndStderr() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "ls /proc/$$/fd"])
        #expect(result.status == 0)
        #expect(result.stdoutLines.sorted() == ["0", "1", "2"], "the child held \(result.stdoutLines)")
    }

    /// A second child exits and is seen to exit while a first one, started earlier, still runs.
    @Test func anExitIsSeenWhileAnotherChildRuns() throws {
        let sleeper = try RunningCommand(URL(fileURLWithPath: "/bin/sleep"), ["30"])
        defer { sleeper.kill() }
        let started = Date()
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/true"), [], timeout: 20)
        #expect(result.status == 0)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(sleeper.isRunning)
        #expect(sleeper.kill())
        #expect(try sleeper.wait().status == 128 + SIGKILL)
    }
}
