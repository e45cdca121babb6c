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
}
